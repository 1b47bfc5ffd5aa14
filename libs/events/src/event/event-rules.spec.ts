import fc from 'fast-check';
import {
  canMoveEvent,
  CODE,
  EVENT_DEFAULTS,
  EVENT_LIMITS,
  normaliseCode,
  SLUG,
  submissionWindowState,
} from './event-rules';
import { EventStatus } from './event-status';

describe('SLUG', () => {
  it.each(['abc', 'crafts-2026', 'a-b', '2026', 'a1-b2-c3', 'a'.repeat(64), `a-${'b'.repeat(62)}`])(
    'accepts %j',
    (slug) => {
      expect(SLUG.test(slug)).toBe(true);
    },
  );

  it.each([
    '',
    'a',
    'ab',
    'a'.repeat(65),
    '-abc',
    'abc-',
    'a--b',
    'Crafts-2026',
    'crafts_2026',
    'crafts 2026',
    'crafts.2026',
    '展览-2026',
    'abc\n',
  ])('refuses %j', (slug) => {
    expect(SLUG.test(slug)).toBe(false);
  });

  it('property: accepted slugs are 3–64 of [a-z0-9-], without leading, trailing or doubled hyphens', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'ab9-_A'.split('')), maxLength: 70 }),
        (s) => {
          const expected =
            s.length >= 3 &&
            s.length <= 64 &&
            /^[a-z0-9-]+$/.test(s) &&
            !s.startsWith('-') &&
            !s.endsWith('-') &&
            !s.includes('--');
          expect(SLUG.test(s)).toBe(expected);
        },
      ),
    );
  });
});

describe('CODE and normaliseCode', () => {
  it.each(['A', '9', 'TC', 'TC-01', 'B03', 'A-B-C', 'A'.repeat(32), `A${'-'.repeat(30)}B`])(
    'accepts %j',
    (code) => {
      expect(CODE.test(code)).toBe(true);
    },
  );

  it.each([
    '',
    '-',
    'A-',
    '-A',
    'A_B',
    'a',
    'tc-01',
    'A B',
    'A.B',
    'Ä',
    '陶',
    'A'.repeat(33),
    'A\n',
  ])('refuses %j', (code) => {
    expect(CODE.test(code)).toBe(false);
  });

  it('normalises by trimming and upper-casing', () => {
    expect(normaliseCode('  tc-01 ')).toBe('TC-01');
    expect(CODE.test(normaliseCode('tc-01'))).toBe(true);
    expect(CODE.test(normaliseCode('a_b'))).toBe(false);
  });

  it('property: every accepted code uses only A–Z, 0–9 and "-", 1–32 long', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (s) => {
        if (CODE.test(s)) {
          expect(s).toMatch(/^[A-Z0-9-]{1,32}$/);
          expect(s.startsWith('-') || s.endsWith('-')).toBe(false);
        }
      }),
    );
  });
});

describe('defaults and limits', () => {
  it('match docs/roles-and-rules.md', () => {
    expect(EVENT_DEFAULTS).toEqual({ maxEntriesPerEntrant: 10, maxImagesPerEntry: 8 });
    expect(EVENT_LIMITS.categoryDepth).toBe(4);
  });
});

describe('canMoveEvent', () => {
  const { DRAFT, OPEN, CLOSED, ARCHIVED } = EventStatus;
  const allowed: ReadonlyArray<[EventStatus, EventStatus]> = [
    [DRAFT, OPEN],
    [OPEN, CLOSED],
    [CLOSED, OPEN],
    [CLOSED, ARCHIVED],
  ];
  const all = Object.values(EventStatus);
  const table = all.flatMap((from) => all.map((to) => [from, to] as const));

  it.each(table)('%s → %s', (from, to) => {
    const expected = allowed.some(([f, t]) => f === from && t === to);
    expect(canMoveEvent(from, to)).toBe(expected);
  });

  it('nothing leaves ARCHIVED, and nothing goes back to DRAFT', () => {
    for (const s of all) {
      expect(canMoveEvent(ARCHIVED, s)).toBe(false);
      expect(canMoveEvent(s, DRAFT)).toBe(false);
    }
  });
});

describe('submissionWindowState', () => {
  const opensAt = new Date('2026-03-01T00:00:00.000Z');
  const closesAt = new Date('2026-04-01T00:00:00.000Z');
  const event = (
    status: EventStatus,
    opens: Date | null = opensAt,
    closes: Date | null = closesAt,
  ) => ({ status, submissionOpensAt: opens, submissionClosesAt: closes });
  const at = (ms: number) => new Date(ms);

  it('is EVENT_NOT_OPEN for every status but OPEN, whatever the time', () => {
    for (const status of [EventStatus.DRAFT, EventStatus.CLOSED, EventStatus.ARCHIVED]) {
      expect(submissionWindowState(event(status), at(opensAt.getTime() + 1))).toBe(
        'EVENT_NOT_OPEN',
      );
      expect(submissionWindowState(event(status, null, null), new Date())).toBe('EVENT_NOT_OPEN');
    }
  });

  it('opensAt is inclusive: a millisecond before is NOT_STARTED, the instant itself OPEN', () => {
    expect(submissionWindowState(event(EventStatus.OPEN), at(opensAt.getTime() - 1))).toBe(
      'NOT_STARTED',
    );
    expect(submissionWindowState(event(EventStatus.OPEN), at(opensAt.getTime()))).toBe('OPEN');
  });

  it('closesAt is exclusive: a millisecond before is OPEN, the instant itself CLOSED', () => {
    expect(submissionWindowState(event(EventStatus.OPEN), at(closesAt.getTime() - 1))).toBe('OPEN');
    expect(submissionWindowState(event(EventStatus.OPEN), at(closesAt.getTime()))).toBe('CLOSED');
    expect(submissionWindowState(event(EventStatus.OPEN), at(closesAt.getTime() + 1))).toBe(
      'CLOSED',
    );
  });

  it('an open bound is no bound', () => {
    expect(submissionWindowState(event(EventStatus.OPEN, null, null), at(0))).toBe('OPEN');
    expect(submissionWindowState(event(EventStatus.OPEN, null, closesAt), at(0))).toBe('OPEN');
    expect(submissionWindowState(event(EventStatus.OPEN, opensAt, null), at(8.64e15))).toBe('OPEN');
  });

  it('property: OPEN exactly when opensAt ≤ now < closesAt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e13 }),
        fc.integer({ min: 1, max: 1e10 }),
        fc.integer({ min: -1e10, max: 2e10 }),
        (opens, length, offset) => {
          const now = opens + offset;
          const state = submissionWindowState(
            event(EventStatus.OPEN, at(opens), at(opens + length)),
            at(now),
          );
          const expected = now < opens ? 'NOT_STARTED' : now >= opens + length ? 'CLOSED' : 'OPEN';
          expect(state).toBe(expected);
        },
      ),
    );
  });
});
