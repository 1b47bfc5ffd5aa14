import { randomUUID } from 'node:crypto';
import {
  CREATE_CATEGORY,
  CREATE_ENTRY,
  CREATE_EVENT,
  entryInput,
  registerEnterprise,
  seedRegions,
  SET_EVENT_STATUS,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';

const UPDATE_EVENT =
  'mutation($id:ID!,$input:CreateEventInput!){updateEvent(id:$id,input:$input){id slug name kind status submissionOpensAt submissionClosesAt maxEntriesPerEntrant maxImagesPerEntry}}';
const EVENTS = '{events{id slug status}}';
const EVENT_BY = 'query($id:ID,$slug:String){event(id:$id,slug:$slug){id slug status}}';
const EVENT_TREE = `query($id:ID!){event(id:$id){id categories{id code name parentId
  children{id code parentId children{id code parentId children{id code parentId children{id code}}}}}}}`;
const AUDIT_LOG =
  'query($e:ID!){auditLog(eventId:$e){id action subjectType subjectId detail actorId hash prevHash}}';
const VERIFY = 'query($e:ID!){verifyAuditChain(eventId:$e){ok records firstBrokenId}}';

/** Events and their category trees, as organisers run them and everyone else sees them. */
describe('events and categories', () => {
  let app: TestApp;
  let admin: string;
  let organiser: string;
  let judge: string;
  let coordinator: string;
  let entrant: { token: string; entrantId: string };
  let slugCounter = 0;

  const slug = (stem: string) => `${stem}-${++slugCounter}`;
  const count = async (table: string): Promise<number> =>
    Number((await app.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
  const rowCounts = async () => ({
    events: await count('events'),
    categories: await count('categories'),
    audit: await count('audit_records'),
  });

  async function createEvent(input: Record<string, unknown> = {}, token = organiser) {
    const res = await app.gql(
      CREATE_EVENT,
      {
        input: {
          slug: slug('ev'),
          name: '第十届民族工艺品展',
          kind: 'CRAFTS_EXHIBITION',
          ...input,
        },
      },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createEvent as { id: string; slug: string; status: string };
  }

  async function setStatus(eventId: string, s: string, token = organiser) {
    return app.gql(SET_EVENT_STATUS, { id: eventId, s }, token);
  }

  /** An event moved through these statuses; it gets a category first, as opening needs one. */
  async function eventIn(...statuses: string[]) {
    const event = await createEvent();
    if (statuses.length > 0) await categoryId(event.id, 'LEAF');
    for (const s of statuses) {
      const res = await setStatus(event.id, s);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
    return event;
  }

  async function category(
    eventId: string,
    code: string,
    parentId: string | null = null,
    token = organiser,
  ) {
    return app.gql(
      CREATE_CATEGORY,
      { input: { eventId, code, name: `类别 ${code}`, parentId } },
      token,
    );
  }

  async function categoryId(eventId: string, code: string, parentId: string | null = null) {
    const res = await category(eventId, code, parentId);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createCategory.id as string;
  }

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    organiser = await userWithRole(app, 'ORGANISER');
    judge = await userWithRole(app, 'JUDGE');
    coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    entrant = await registerEnterprise(app, '450100');
  });
  afterAll(() => app.close());

  describe('createEvent', () => {
    it('creates a DRAFT with the defaults of docs/roles-and-rules.md (10 entries, 8 photos, no window)', async () => {
      const res = await app.gql(
        CREATE_EVENT,
        {
          input: { slug: 'Crafts-Defaults', name: '  桂林 \u3000 𠮷 展  ', kind: 'INVENTION_FAIR' },
        },
        organiser,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.createEvent).toEqual({
        id: expect.any(String),
        slug: 'crafts-defaults',
        name: '桂林 𠮷 展',
        kind: 'INVENTION_FAIR',
        status: 'DRAFT',
        submissionOpensAt: null,
        submissionClosesAt: null,
        maxEntriesPerEntrant: 10,
        maxImagesPerEntry: 8,
      });
    });

    it('keeps a window and limits that are given', async () => {
      const res = await app.gql(
        CREATE_EVENT,
        {
          input: {
            slug: slug('window'),
            name: '发明展',
            kind: 'OTHER',
            submissionOpensAt: '2026-03-01T00:00:00.000Z',
            submissionClosesAt: '2026-04-01T08:30:00.000Z',
            maxEntriesPerEntrant: 10_000,
            maxImagesPerEntry: 50,
          },
        },
        admin,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.createEvent).toMatchObject({
        status: 'DRAFT',
        submissionOpensAt: '2026-03-01T00:00:00.000Z',
        submissionClosesAt: '2026-04-01T08:30:00.000Z',
        maxEntriesPerEntrant: 10_000,
        maxImagesPerEntry: 50,
      });
    });

    it.each([
      'ab',
      '-abc',
      'abc-',
      'a--b',
      'crafts_2026',
      'crafts 2026',
      '展览-2026',
      'a'.repeat(65),
    ])('INVALID_SLUG for %j, nothing stored', async (bad) => {
      const before = await rowCounts();
      const res = await app.gql(
        CREATE_EVENT,
        { input: { slug: bad, name: '展', kind: 'OTHER' } },
        organiser,
      );
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_SLUG',
      });
      expect(await rowCounts()).toEqual(before);
    });

    it('SLUG_TAKEN (CONFLICT) for a slug in use, whatever its case; nothing stored', async () => {
      const first = await createEvent({ slug: 'taken-slug' });
      const before = await rowCounts();
      for (const again of ['taken-slug', 'TAKEN-SLUG', ' taken-slug ']) {
        const res = await app.gql(
          CREATE_EVENT,
          { input: { slug: again, name: '另一个展', kind: 'OTHER' } },
          organiser,
        );
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'CONFLICT',
          reason: 'SLUG_TAKEN',
        });
      }
      const other = await createEvent();
      const moved = await app.gql(
        UPDATE_EVENT,
        { id: other.id, input: { slug: 'taken-slug', name: '另一个展', kind: 'OTHER' } },
        organiser,
      );
      expect(moved.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'SLUG_TAKEN',
      });
      const after = await rowCounts();
      expect(after.events).toBe(before.events + 1); // only `other`
      expect(after.audit).toBe(before.audit + 1); // its event.created
      const still = await app.gql(EVENT_BY, { id: first.id }, organiser);
      expect(still.data!.event.slug).toBe('taken-slug');
    });

    it.each([
      ['blank', '   '],
      ['201 characters', '𠮷'.repeat(201)],
    ])('INVALID_NAME for a %s name', async (_label, name) => {
      const before = await rowCounts();
      const res = await app.gql(
        CREATE_EVENT,
        { input: { slug: slug('n'), name, kind: 'OTHER' } },
        organiser,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_NAME',
      });
      expect(await rowCounts()).toEqual(before);
    });

    it('accepts a name of 200 characters outside the Basic Multilingual Plane', async () => {
      const res = await app.gql(
        CREATE_EVENT,
        { input: { slug: slug('n'), name: '𠮷'.repeat(200), kind: 'OTHER' } },
        organiser,
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.createEvent.name).toBe('𠮷'.repeat(200));
    });

    it.each([
      ['closing before opening', '2026-04-01T00:00:00.000Z', '2026-03-01T00:00:00.000Z'],
      ['closing as it opens', '2026-04-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
    ])('INVALID_WINDOW for a window %s', async (_label, opens, closes) => {
      const before = await rowCounts();
      const res = await app.gql(
        CREATE_EVENT,
        {
          input: {
            slug: slug('w'),
            name: '展',
            kind: 'OTHER',
            submissionOpensAt: opens,
            submissionClosesAt: closes,
          },
        },
        organiser,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_WINDOW',
      });
      expect(await rowCounts()).toEqual(before);
    });

    it.each([
      ['maxEntriesPerEntrant', 0],
      ['maxEntriesPerEntrant', -1],
      ['maxEntriesPerEntrant', 10_001],
      ['maxImagesPerEntry', 0],
      ['maxImagesPerEntry', 51],
    ])('INVALID_LIMIT for %s = %i', async (field, value) => {
      const before = await rowCounts();
      const res = await app.gql(
        CREATE_EVENT,
        { input: { slug: slug('l'), name: '展', kind: 'OTHER', [field]: value } },
        organiser,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_LIMIT',
        field,
      });
      expect(await rowCounts()).toEqual(before);
    });
  });

  describe('updateEvent', () => {
    it('replaces every setting (what is left out goes back to its default) and keeps the status', async () => {
      const event = await createEvent({
        submissionOpensAt: '2026-03-01T00:00:00.000Z',
        submissionClosesAt: '2026-04-01T00:00:00.000Z',
        maxEntriesPerEntrant: 3,
        maxImagesPerEntry: 2,
      });
      await categoryId(event.id, 'LEAF');
      expect((await setStatus(event.id, 'OPEN')).errors).toBeUndefined();

      const renamed = await app.gql(
        UPDATE_EVENT,
        { id: event.id, input: { slug: slug('renamed'), name: '新名称', kind: 'INVENTION_FAIR' } },
        organiser,
      );
      expect(renamed.errors).toBeUndefined();
      expect(renamed.data!.updateEvent).toMatchObject({
        id: event.id,
        name: '新名称',
        kind: 'INVENTION_FAIR',
        status: 'OPEN',
        submissionOpensAt: null,
        submissionClosesAt: null,
        maxEntriesPerEntrant: 10,
        maxImagesPerEntry: 8,
      });

      const again = await app.gql(
        UPDATE_EVENT,
        {
          id: event.id,
          input: {
            slug: renamed.data!.updateEvent.slug,
            name: '新名称',
            kind: 'OTHER',
            submissionClosesAt: '2027-01-01T00:00:00.000Z',
            maxEntriesPerEntrant: 4,
            maxImagesPerEntry: 5,
          },
        },
        organiser,
      );
      expect(again.errors).toBeUndefined();
      const seen = await app.gql(
        'query($id:ID!){event(id:$id){slug kind status submissionOpensAt submissionClosesAt maxEntriesPerEntrant maxImagesPerEntry}}',
        { id: event.id },
      );
      expect(seen.data!.event).toEqual({
        slug: renamed.data!.updateEvent.slug,
        kind: 'OTHER',
        status: 'OPEN',
        submissionOpensAt: null,
        submissionClosesAt: '2027-01-01T00:00:00.000Z',
        maxEntriesPerEntrant: 4,
        maxImagesPerEntry: 5,
      });
    });

    it('checks the same rules as createEvent, and changes nothing when they fail', async () => {
      const event = await createEvent({ maxEntriesPerEntrant: 3 });
      const before = await rowCounts();
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ slug: 'x' }, 'INVALID_SLUG'],
        [{ name: ' ' }, 'INVALID_NAME'],
        [
          {
            submissionOpensAt: '2026-05-01T00:00:00.000Z',
            submissionClosesAt: '2026-05-01T00:00:00.000Z',
          },
          'INVALID_WINDOW',
        ],
        [{ maxImagesPerEntry: 0 }, 'INVALID_LIMIT'],
      ];
      for (const [change, reason] of cases) {
        const res = await app.gql(
          UPDATE_EVENT,
          { id: event.id, input: { slug: event.slug, name: '展', kind: 'OTHER', ...change } },
          organiser,
        );
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason });
      }
      expect(await rowCounts()).toEqual(before);
      const seen = await app.gql(
        'query($id:ID!){event(id:$id){slug maxEntriesPerEntrant}}',
        { id: event.id },
        organiser,
      );
      expect(seen.data!.event).toEqual({ slug: event.slug, maxEntriesPerEntrant: 3 });
    });

    it('EVENT_NOT_FOUND for an unknown event', async () => {
      const res = await app.gql(
        UPDATE_EVENT,
        { id: randomUUID(), input: { slug: slug('nf'), name: '展', kind: 'OTHER' } },
        organiser,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'EVENT_NOT_FOUND',
      });
    });

    it('EVENT_ARCHIVED: an archived event is not changed', async () => {
      const event = await eventIn('OPEN', 'CLOSED', 'ARCHIVED');
      const res = await app.gql(
        UPDATE_EVENT,
        { id: event.id, input: { slug: event.slug, name: '改名', kind: 'OTHER' } },
        organiser,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'EVENT_ARCHIVED',
      });
    });
  });

  describe('setEventStatus', () => {
    it('moves DRAFT → OPEN → CLOSED → OPEN → CLOSED → ARCHIVED, each move audited', async () => {
      const event = await createEvent();
      await categoryId(event.id, 'LEAF');
      const path = ['OPEN', 'CLOSED', 'OPEN', 'CLOSED', 'ARCHIVED'];
      for (const s of path) {
        const res = await setStatus(event.id, s);
        expect(res.errors).toBeUndefined();
        expect(res.data!.setEventStatus).toEqual({ id: event.id, status: s });
      }
      const log = await app.gql(AUDIT_LOG, { e: event.id }, organiser);
      const moves = log
        .data!.auditLog.filter((r: any) => r.action === 'event.status')
        .map((r: any) => JSON.parse(r.detail));
      expect(moves).toEqual([
        { from: 'DRAFT', to: 'OPEN' },
        { from: 'OPEN', to: 'CLOSED' },
        { from: 'CLOSED', to: 'OPEN' },
        { from: 'OPEN', to: 'CLOSED' },
        { from: 'CLOSED', to: 'ARCHIVED' },
      ]);
    });

    it.each([
      [[], 'CLOSED'],
      [[], 'ARCHIVED'],
      [['OPEN'], 'DRAFT'],
      [['OPEN'], 'ARCHIVED'],
      [['OPEN', 'CLOSED'], 'DRAFT'],
      [['OPEN', 'CLOSED', 'ARCHIVED'], 'OPEN'],
      [['OPEN', 'CLOSED', 'ARCHIVED'], 'CLOSED'],
      [['OPEN', 'CLOSED', 'ARCHIVED'], 'DRAFT'],
    ])('INVALID_TRANSITION after %j to %s, with nothing changed', async (path, to) => {
      const event = await eventIn(...path);
      const from = path.at(-1) ?? 'DRAFT';
      const before = await rowCounts();
      const res = await setStatus(event.id, to);
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'INVALID_TRANSITION',
        from,
        to,
      });
      expect(await rowCounts()).toEqual(before);
      const seen = await app.gql(EVENT_BY, { id: event.id }, organiser);
      expect(seen.data!.event.status).toBe(from);
    });

    it('EVENT_HAS_NO_CATEGORIES (CONFLICT): an event without a category does not open, nothing changed; with one it does', async () => {
      const event = await createEvent();
      const before = await rowCounts();
      const res = await setStatus(event.id, 'OPEN');
      expect(res.data).toBeNull();
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'EVENT_HAS_NO_CATEGORIES',
      });
      expect(await rowCounts()).toEqual(before);
      const seen = await app.gql(EVENT_BY, { id: event.id }, organiser);
      expect(seen.data!.event.status).toBe('DRAFT');

      const top = await categoryId(event.id, 'TOP');
      await categoryId(event.id, 'TOP-01', top);
      const opened = await setStatus(event.id, 'OPEN');
      expect(opened.errors).toBeUndefined();
      expect(opened.data!.setEventStatus.status).toBe('OPEN');
    });

    it('setting the status it already has changes nothing and is not audited', async () => {
      const event = await eventIn('OPEN');
      const before = await rowCounts();
      const res = await setStatus(event.id, 'OPEN');
      expect(res.data!.setEventStatus.status).toBe('OPEN');
      expect(await rowCounts()).toEqual(before);
    });

    it('EVENT_NOT_FOUND for an unknown event', async () => {
      const res = await setStatus(randomUUID(), 'OPEN');
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'EVENT_NOT_FOUND',
      });
    });
  });

  describe('who sees which event', () => {
    let draft: { id: string; slug: string };
    let open: { id: string; slug: string };
    let closed: { id: string; slug: string };
    let archived: { id: string; slug: string };

    beforeAll(async () => {
      draft = await eventIn();
      open = await eventIn('OPEN');
      closed = await eventIn('OPEN', 'CLOSED');
      archived = await eventIn('OPEN', 'CLOSED', 'ARCHIVED');
    });

    const viewers = (): Array<[string, string | undefined]> => [
      ['the public', undefined],
      ['an entrant', entrant.token],
      ['a judge', judge],
      ['a coordinator', coordinator],
    ];

    it('the public, entrants, judges and coordinators see OPEN, CLOSED and ARCHIVED events, never a DRAFT', async () => {
      for (const [label, token] of viewers()) {
        const list = await app.gql(EVENTS, {}, token);
        expect({ label, errors: list.errors }).toEqual({ label, errors: undefined });
        const slugs = list.data!.events.map((e: any) => e.slug);
        expect(slugs).toEqual(expect.arrayContaining([open.slug, closed.slug, archived.slug]));
        expect(slugs).not.toContain(draft.slug);
        expect(list.data!.events.every((e: any) => e.status !== 'DRAFT')).toBe(true);

        for (const e of [open, closed, archived]) {
          const bySlug = await app.gql(EVENT_BY, { slug: e.slug }, token);
          expect(bySlug.data!.event).toMatchObject({ id: e.id, slug: e.slug });
          const byId = await app.gql(EVENT_BY, { id: e.id }, token);
          expect(byId.data!.event).toMatchObject({ id: e.id });
        }
        const hiddenBySlug = await app.gql(EVENT_BY, { slug: draft.slug }, token);
        expect({ label, ...hiddenBySlug }).toMatchObject({
          label,
          data: { event: null },
          errors: undefined,
        });
        const hiddenById = await app.gql(EVENT_BY, { id: draft.id }, token);
        expect({ label, ...hiddenById }).toMatchObject({
          label,
          data: { event: null },
          errors: undefined,
        });
      }
    });

    it('organisers and admins see drafts too', async () => {
      for (const token of [organiser, admin]) {
        const list = await app.gql(EVENTS, {}, token);
        expect(list.data!.events.map((e: any) => e.slug)).toEqual(
          expect.arrayContaining([draft.slug, open.slug, closed.slug, archived.slug]),
        );
        const bySlug = await app.gql(EVENT_BY, { slug: draft.slug }, token);
        expect(bySlug.data!.event).toEqual({ id: draft.id, slug: draft.slug, status: 'DRAFT' });
      }
    });

    it('an id and a slug that name different events find nothing', async () => {
      const res = await app.gql(EVENT_BY, { id: open.id, slug: closed.slug }, organiser);
      expect(res.data!.event).toBeNull();
    });

    it('an unknown slug or id is null', async () => {
      expect((await app.gql(EVENT_BY, { slug: 'no-such-event' })).data!.event).toBeNull();
      expect((await app.gql(EVENT_BY, { id: randomUUID() }, organiser)).data!.event).toBeNull();
    });

    it('event with neither id nor slug is BAD_USER_INPUT / EVENT_REQUIRED', async () => {
      for (const token of [undefined, entrant.token, organiser]) {
        const res = await app.gql('{event{id}}', {}, token);
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'EVENT_REQUIRED',
        });
      }
    });

    it('a bad token is UNAUTHENTICATED even on the public event list', async () => {
      const res = await app.gql(EVENTS, {}, 'not-a-token');
      expect(res.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    });
  });

  describe('categories', () => {
    it('Event.categories lists the top-level categories by code, each with its children nested (two and three levels)', async () => {
      const event = await createEvent();
      const tc = await categoryId(event.id, 'TC');
      const bz = await categoryId(event.id, 'BZ');
      const tc02 = await categoryId(event.id, 'TC-02', tc);
      const tc01 = await categoryId(event.id, 'TC-01', tc);
      const tc01a = await categoryId(event.id, 'TC-01-A', tc01);
      const bz01 = await categoryId(event.id, 'BZ-01', bz);

      const res = await app.gql(EVENT_TREE, { id: event.id }, organiser);
      expect(res.errors).toBeUndefined();
      expect(res.data!.event.categories).toEqual([
        {
          id: bz,
          code: 'BZ',
          name: '类别 BZ',
          parentId: null,
          children: [{ id: bz01, code: 'BZ-01', parentId: bz, children: [] }],
        },
        {
          id: tc,
          code: 'TC',
          name: '类别 TC',
          parentId: null,
          children: [
            {
              id: tc01,
              code: 'TC-01',
              parentId: tc,
              children: [{ id: tc01a, code: 'TC-01-A', parentId: tc01, children: [] }],
            },
            { id: tc02, code: 'TC-02', parentId: tc, children: [] },
          ],
        },
      ]);
    });

    it('the public sees the category tree of an open event', async () => {
      const event = await createEvent();
      const root = await categoryId(event.id, 'R');
      await categoryId(event.id, 'R-1', root);
      await setStatus(event.id, 'OPEN');
      const res = await app.gql(EVENT_TREE, { id: event.id });
      expect(res.data!.event.categories).toEqual([
        expect.objectContaining({
          code: 'R',
          children: [expect.objectContaining({ code: 'R-1' })],
        }),
      ]);
    });

    it('normalises a lower-case code to upper case', async () => {
      const event = await createEvent();
      const res = await category(event.id, ' tc-9 ');
      expect(res.errors).toBeUndefined();
      expect(res.data!.createCategory).toMatchObject({ code: 'TC-9', parentId: null });
    });

    it.each(['A_B', 'a_b', '-A', 'A-', 'A B', '陶瓷', '', 'A'.repeat(33)])(
      'INVALID_CODE for %j, nothing stored',
      async (code) => {
        const event = await createEvent();
        const before = await rowCounts();
        const res = await category(event.id, code);
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'INVALID_CODE',
        });
        expect(await rowCounts()).toEqual(before);
      },
    );

    it('INVALID_NAME for a blank category name', async () => {
      const event = await createEvent();
      const res = await app.gql(
        CREATE_CATEGORY,
        { input: { eventId: event.id, code: 'OK', name: '  ' } },
        organiser,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_NAME',
      });
    });

    it('DUPLICATE_CODE (CONFLICT) within an event, whatever the case; another event may reuse it', async () => {
      const event = await createEvent();
      const root = await categoryId(event.id, 'TC');
      const before = await rowCounts();
      for (const [code, parentId] of [
        ['TC', null],
        ['tc', null],
        ['TC', root],
      ] as const) {
        const res = await category(event.id, code, parentId);
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'CONFLICT',
          reason: 'DUPLICATE_CODE',
        });
      }
      expect(await rowCounts()).toEqual(before);
      const other = await createEvent();
      expect((await category(other.id, 'TC')).errors).toBeUndefined();
    });

    it("PARENT_NOT_IN_EVENT for another event's category or an unknown id", async () => {
      const event = await createEvent();
      const other = await createEvent();
      const foreign = await categoryId(other.id, 'F');
      const before = await rowCounts();
      for (const parentId of [foreign, randomUUID()]) {
        const res = await category(event.id, 'CHILD', parentId);
        expect(res.errors?.[0].extensions).toMatchObject({
          code: 'BAD_USER_INPUT',
          reason: 'PARENT_NOT_IN_EVENT',
        });
      }
      expect(await rowCounts()).toEqual(before);
    });

    it('a blank parentId makes a top-level category (never an internal error)', async () => {
      const event = await createEvent();
      for (const [code, parentId] of [
        ['BLANK', ''],
        ['SPACES', '  '],
      ]) {
        const res = await category(event.id, code, parentId);
        expect(res.errors).toBeUndefined();
        expect(res.data!.createCategory).toMatchObject({ code, parentId: null });
      }
      const tree = await app.gql(EVENT_TREE, { id: event.id }, organiser);
      expect(tree.data!.event.categories.map((c: any) => c.code)).toEqual(['BLANK', 'SPACES']);
    });

    it('nests four levels; a fifth is TOO_DEEP', async () => {
      const event = await createEvent();
      let parent: string | null = null;
      for (const code of ['L1', 'L2', 'L3', 'L4'])
        parent = await categoryId(event.id, code, parent);
      const before = await rowCounts();
      const res = await category(event.id, 'L5', parent);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'TOO_DEEP',
      });
      expect(await rowCounts()).toEqual(before);
      const tree = await app.gql(EVENT_TREE, { id: event.id }, organiser);
      expect(tree.data!.event.categories[0].children[0].children[0].children[0]).toMatchObject({
        code: 'L4',
        children: [],
      });
    });

    it('CATEGORY_HAS_ENTRIES (CONFLICT): a leaf holding an entry gets no child; a sibling is fine', async () => {
      const event = await createEvent();
      const root = await categoryId(event.id, 'TC');
      const leaf = await categoryId(event.id, 'TC-01', root);
      await setStatus(event.id, 'OPEN');
      const filed = await app.gql(
        CREATE_ENTRY,
        { input: { eventId: event.id, entry: entryInput(leaf) } },
        entrant.token,
      );
      expect(filed.errors).toBeUndefined();

      const before = await rowCounts();
      const res = await category(event.id, 'TC-01-A', leaf);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'CATEGORY_HAS_ENTRIES',
      });
      expect(await rowCounts()).toEqual(before);
      expect((await category(event.id, 'TC-02', root)).errors).toBeUndefined();
    });

    it('EVENT_NOT_FOUND for an unknown event', async () => {
      const res = await category(randomUUID(), 'X');
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'EVENT_NOT_FOUND',
      });
    });

    it('EVENT_ARCHIVED: an archived event gets no new category', async () => {
      const event = await eventIn('OPEN', 'CLOSED', 'ARCHIVED');
      const res = await category(event.id, 'LATE');
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'CONFLICT',
        reason: 'EVENT_ARCHIVED',
      });
    });
  });

  describe('roles', () => {
    it('JUDGE, ENTRANT and COORDINATOR are FORBIDDEN on every mutation; no token is UNAUTHENTICATED; nothing stored', async () => {
      const event = await createEvent();
      const root = await categoryId(event.id, 'ROOT');
      const before = await rowCounts();
      const attempts: Array<[string, Record<string, unknown>]> = [
        [CREATE_EVENT, { input: { slug: slug('forbidden'), name: '展', kind: 'OTHER' } }],
        [UPDATE_EVENT, { id: event.id, input: { slug: event.slug, name: '改', kind: 'OTHER' } }],
        [SET_EVENT_STATUS, { id: event.id, s: 'OPEN' }],
        [CREATE_CATEGORY, { input: { eventId: event.id, code: 'NEW', name: '新' } }],
        [
          CREATE_CATEGORY,
          { input: { eventId: event.id, code: 'SUB', name: '子', parentId: root } },
        ],
      ];
      const tokens: Array<[string, string | undefined, string]> = [
        ['JUDGE', judge, 'FORBIDDEN'],
        ['ENTRANT', entrant.token, 'FORBIDDEN'],
        ['COORDINATOR', coordinator, 'FORBIDDEN'],
        ['no token', undefined, 'UNAUTHENTICATED'],
      ];
      for (const [who, token, code] of tokens) {
        for (const [mutation, variables] of attempts) {
          const res = await app.gql(mutation, variables, token);
          expect({ who, mutation, code: res.errors?.[0].extensions.code, data: res.data }).toEqual({
            who,
            mutation,
            code,
            data: null,
          });
        }
      }
      expect(await rowCounts()).toEqual(before);
      const seen = await app.gql(EVENT_BY, { id: event.id }, organiser);
      expect(seen.data!.event.status).toBe('DRAFT');
    });

    it('auditLog and verifyAuditChain are for organisers only', async () => {
      const event = await createEvent();
      for (const token of [judge, entrant.token, coordinator]) {
        expect((await app.gql(AUDIT_LOG, { e: event.id }, token)).errors?.[0].extensions.code).toBe(
          'FORBIDDEN',
        );
      }
      expect((await app.gql(VERIFY, { e: event.id })).errors?.[0].extensions.code).toBe(
        'UNAUTHENTICATED',
      );
    });
  });

  describe('audit', () => {
    it('every change is in auditLog, oldest first, by its actor, and the chain verifies', async () => {
      const me = await app.gql('{me{id}}', {}, organiser);
      const event = await createEvent();
      const root = await categoryId(event.id, 'TC');
      const leaf = await categoryId(event.id, 'TC-01', root);
      await setStatus(event.id, 'OPEN');
      // failures leave no trace
      await category(event.id, 'TC', null);
      await setStatus(event.id, 'DRAFT');
      await setStatus(event.id, 'CLOSED');

      const log = await app.gql(AUDIT_LOG, { e: event.id }, organiser);
      expect(log.errors).toBeUndefined();
      const records = log.data!.auditLog;
      expect(records.map((r: any) => [r.action, r.subjectType, r.subjectId])).toEqual([
        ['event.created', 'Event', event.id],
        ['category.created', 'Category', root],
        ['category.created', 'Category', leaf],
        ['event.status', 'Event', event.id],
        ['event.status', 'Event', event.id],
      ]);
      expect(records.every((r: any) => r.actorId === me.data!.me.id)).toBe(true);
      expect(JSON.parse(records[0].detail)).toMatchObject({
        slug: event.slug,
        kind: 'CRAFTS_EXHIBITION',
      });
      expect(JSON.parse(records[2].detail)).toMatchObject({ code: 'TC-01', parentId: root });
      expect(records[0].prevHash).toBeNull();
      for (let i = 1; i < records.length; i++)
        expect(records[i].prevHash).toBe(records[i - 1].hash);

      const verified = await app.gql(VERIFY, { e: event.id }, admin);
      expect(verified.data!.verifyAuditChain).toEqual({
        ok: true,
        records: records.length,
        firstBrokenId: null,
      });
    });

    it('auditLog of an unknown event is NOT_FOUND', async () => {
      const res = await app.gql(AUDIT_LOG, { e: randomUUID() }, organiser);
      expect(res.errors?.[0].extensions.code).toBe('NOT_FOUND');
    });
  });
});
