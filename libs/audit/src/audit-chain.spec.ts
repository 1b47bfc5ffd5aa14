import { createHash } from 'node:crypto';
import fc from 'fast-check';
import {
  auditRecordHash,
  AuditRecordFields,
  ChainedAuditRecord,
  verifyAuditChain,
} from './audit-chain';

const hex = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');

/** Links fields into a chain as the service does. */
function chain(fields: readonly AuditRecordFields[]): ChainedAuditRecord[] {
  const out: ChainedAuditRecord[] = [];
  for (const [i, f] of fields.entries()) {
    const prevHash = i === 0 ? null : out[i - 1].hash;
    out.push({ ...f, seq: i + 1, prevHash, hash: auditRecordHash(prevHash, f) });
  }
  return out;
}

describe('auditRecordHash (judging-rules.md §9), a worked example', () => {
  const first: AuditRecordFields = {
    id: '7f1c2a9e-0000-4000-8000-000000000001',
    at: new Date('2026-03-01T08:00:00.000Z'),
    actorId: null,
    action: 'ROUND_OPENED',
    subjectType: 'Round',
    subjectId: 'r-1',
    detail: '{"status":"OPEN"}',
  };
  const second: AuditRecordFields = {
    id: '7f1c2a9e-0000-4000-8000-000000000002',
    at: new Date(Date.UTC(2026, 2, 1, 9, 30, 15, 7)),
    actorId: '11111111-2222-4333-8444-555555555555',
    action: 'SHEET_SUBMITTED',
    subjectType: 'ScoreSheet',
    subjectId: 's-9',
    detail: '{"total":"171/2","note":"𠮷"}',
  };

  it('hashes the canonical JSON with the empty string for a null prevHash', () => {
    const json =
      '{"id":"7f1c2a9e-0000-4000-8000-000000000001","at":"2026-03-01T08:00:00.000Z",' +
      '"actorId":null,"action":"ROUND_OPENED","subjectType":"Round","subjectId":"r-1",' +
      '"detail":"{\\"status\\":\\"OPEN\\"}"}';
    expect(auditRecordHash(null, first)).toBe(hex(json));
    expect(auditRecordHash(null, first)).toBe(auditRecordHash('', first));
  });

  it('prefixes the previous hash and writes at with milliseconds, 𠮷 unescaped', () => {
    const prev = auditRecordHash(null, first);
    const json =
      '{"id":"7f1c2a9e-0000-4000-8000-000000000002","at":"2026-03-01T09:30:15.007Z",' +
      '"actorId":"11111111-2222-4333-8444-555555555555","action":"SHEET_SUBMITTED",' +
      '"subjectType":"ScoreSheet","subjectId":"s-9",' +
      '"detail":"{\\"total\\":\\"171/2\\",\\"note\\":\\"𠮷\\"}"}';
    expect(auditRecordHash(prev, second)).toBe(hex(prev + json));
    expect(auditRecordHash(prev, second)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('verifies the two as a chain', () => {
    expect(verifyAuditChain(chain([first, second]))).toEqual({
      ok: true,
      records: 2,
      firstBrokenId: null,
    });
  });
});

const fieldsArb: fc.Arbitrary<AuditRecordFields> = fc.record({
  id: fc.uuid(),
  at: fc.date({
    min: new Date('2000-01-01T00:00:00.000Z'),
    max: new Date('2099-12-31T23:59:59.999Z'),
    noInvalidDate: true,
  }),
  actorId: fc.option(fc.uuid(), { nil: null }),
  action: fc.constantFrom('ENTRY_SCREENED', 'ROUND_OPENED', 'SHEET_SUBMITTED', 'PUBLISHED'),
  subjectType: fc.constantFrom('Entry', 'Round', 'ScoreSheet', 'Publication'),
  subjectId: fc.string({ minLength: 1, maxLength: 12 }),
  detail: fc.jsonValue().map((v) => JSON.stringify({ v })),
});

/** Chains of 1..12 records with distinct ids. */
const chainArb = fc
  .uniqueArray(fieldsArb, { minLength: 1, maxLength: 12, selector: (f) => f.id })
  .map(chain);

type Field = keyof ChainedAuditRecord;
const FIELDS: Field[] = [
  'id',
  'at',
  'actorId',
  'action',
  'subjectType',
  'subjectId',
  'detail',
  'hash',
  'prevHash',
];

/** A value of the same kind that differs from the old one. */
function changed(field: Field, old: unknown): unknown {
  switch (field) {
    case 'at':
      return new Date((old as Date).getTime() + 1);
    case 'actorId':
      return old === null ? '00000000-0000-4000-8000-000000000000' : null;
    case 'prevHash':
      return old === null ? '0'.repeat(64) : null;
    case 'hash':
      return (old as string).replace(/^./, (c) => (c === '0' ? '1' : '0'));
    default:
      return `${old as string}x`;
  }
}

describe('verifyAuditChain', () => {
  it('an empty chain is intact', () => {
    expect(verifyAuditChain([])).toEqual({ ok: true, records: 0, firstBrokenId: null });
  });

  it('an intact chain verifies', () => {
    fc.assert(
      fc.property(chainArb, (records) => {
        expect(verifyAuditChain(records)).toEqual({
          ok: true,
          records: records.length,
          firstBrokenId: null,
        });
        const last = records[records.length - 1];
        expect(verifyAuditChain(records, { records: records.length, lastHash: last.hash }).ok).toBe(
          true,
        );
      }),
    );
  });

  it('changing any field of any record is found at that record', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.constantFrom(...FIELDS), (records, n, field) => {
        const k = n % records.length;
        const tampered = records.map((r, i) =>
          i === k ? { ...r, [field]: changed(field, r[field]) } : r,
        );
        expect(verifyAuditChain(tampered)).toEqual({
          ok: false,
          records: records.length,
          firstBrokenId: tampered[k].id,
        });
      }),
    );
  });

  it('a record changed and re-hashed is found at the next one', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (records, n) => {
        fc.pre(records.length >= 2);
        const k = n % (records.length - 1);
        const tampered = [...records];
        const edited = { ...records[k], detail: `${records[k].detail} ` };
        tampered[k] = { ...edited, hash: auditRecordHash(edited.prevHash, edited) };
        expect(verifyAuditChain(tampered).firstBrokenId).toBe(records[k + 1].id);
      }),
    );
  });

  it('deleting a record is found at the record after it', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (records, n) => {
        fc.pre(records.length >= 2);
        const k = n % (records.length - 1);
        const without = records.filter((_, i) => i !== k).map(({ seq: _seq, ...r }) => r);
        expect(verifyAuditChain(without)).toEqual({
          ok: false,
          records: records.length - 1,
          firstBrokenId: records[k + 1].id,
        });
      }),
    );
  });

  it('deleting the last record is found against the head, and no record is blamed', () => {
    fc.assert(
      fc.property(chainArb, (records) => {
        const head = { records: records.length, lastHash: records[records.length - 1].hash };
        expect(verifyAuditChain(records.slice(0, -1), head)).toEqual({
          ok: false,
          records: records.length - 1,
          firstBrokenId: null,
        });
      }),
    );
  });

  it('a record appended beyond the head, or replacing the last one, is found', () => {
    fc.assert(
      fc.property(chainArb, fieldsArb, (records, extra) => {
        const longer = chain([...records, extra]);
        const head = { records: records.length, lastHash: records[records.length - 1].hash };
        expect(verifyAuditChain(longer, head).firstBrokenId).toBe(extra.id);
        const replaced = chain([...records.slice(0, -1), extra]);
        expect(verifyAuditChain(replaced, head).firstBrokenId).toBe(extra.id);
      }),
    );
  });

  it('swapping two records is found at the earlier position', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), fc.nat(), (records, a, b) => {
        fc.pre(records.length >= 2);
        const j = a % records.length;
        const k = b % records.length;
        fc.pre(j < k);
        const swapped = records.map(({ seq: _seq, ...r }) => r);
        [swapped[j], swapped[k]] = [swapped[k], swapped[j]];
        expect(verifyAuditChain(swapped).firstBrokenId).toBe(records[k].id);
      }),
    );
  });

  it('a gap or a repeat in seq is found where it is', () => {
    fc.assert(
      fc.property(chainArb, fc.nat(), (records, n) => {
        const k = n % records.length;
        const shifted = records.map((r, i) => (i === k ? { ...r, seq: (r.seq ?? 0) + 1 } : r));
        expect(verifyAuditChain(shifted).firstBrokenId).toBe(records[k].id);
      }),
    );
  });
});
