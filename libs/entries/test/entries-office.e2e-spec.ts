import {
  countStatements,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  entryInput,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  together,
  userWithRole,
} from '@app/testing';

/**
 * The organisers' entry list (issue 21): search by entrant name and exhibit code, sort with
 * keyset pages, bulk screening (per-entry outcome, races, roles) and the audit log it leaves.
 */

const LIST = `query($eventId:ID!,$filter:EntryFilter,$first:Int,$after:String,$sort:EntrySort){
  entries(eventId:$eventId,filter:$filter,first:$first,after:$after,sort:$sort){
    totalCount pageInfo{hasNextPage endCursor} edges{cursor node{id code title status submittedAt entrant{name}}}}}`;

const SCREEN_MANY = `mutation($eventId:ID!,$ids:[ID!]!,$d:ScreeningDecision!,$reason:String){
  screenEntries(eventId:$eventId,entryIds:$ids,decision:$d,reason:$reason){
    screened{id status code screeningReason} refused{entryId code reason status}}}`;

const AUDIT = `query($eventId:ID!,$first:Int,$after:String,$newestFirst:Boolean,$action:String,$subjectId:String){
  auditLog(eventId:$eventId,first:$first,after:$after,newestFirst:$newestFirst,action:$action,subjectId:$subjectId){
    id action subjectType subjectId actorId actor{id name}}}`;

describe('the organisers’ entry list', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let workshop: { entrantId: string };
  let studio: { entrantId: string };
  const ids: string[] = [];

  async function file(entrantId: string, categoryId: string, title: string): Promise<string> {
    const res = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: event.eventId, entrantId, entry: entryInput(categoryId, { title }) } },
      admin,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createEntry.id;
  }

  /** Submitted by hand: submission itself (photos, window) is entries-flow's to test. */
  async function submitted(entryIds: string[]): Promise<void> {
    await app.sql(
      `UPDATE entries SET status = 'SUBMITTED', submitted_at = NOW(3) WHERE id IN (${entryIds
        .map(() => '?')
        .join(', ')})`,
      entryIds,
    );
  }

  const list = async (variables: Record<string, unknown>, token = admin) => {
    const res = await app.gql(LIST, { eventId: event.eventId, first: 100, ...variables }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.entries as {
      totalCount: number;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      edges: Array<{ node: { id: string; code: string | null; title: string; status: string } }>;
    };
  };

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'crafts-office', { maxEntriesPerEntrant: 100 });
    workshop = await registerEnterprise(app, '450100', '钦州坭兴陶艺工坊');
    studio = await registerEnterprise(app, '450200', '柳州竹编研究所');
    const titles = ['茶具', '花瓶', '笔筒', '香炉', '果盘', '茶盘'];
    for (let i = 0; i < 12; i++) {
      const who = i % 2 === 0 ? workshop : studio;
      const leaf = i % 2 === 0 ? event.leaf['TC-01'] : event.leaf['BZ-01'];
      ids.push(await file(who.entrantId, leaf, `${titles[i % 6]} ${String(i).padStart(2, '0')}`));
    }
  });
  afterAll(() => app.close());

  describe('search', () => {
    it("finds an entrant's entries by part of its name, and only theirs", async () => {
      const page = await list({ filter: { search: '坭兴陶艺' } });
      expect(page.totalCount).toBe(6);
      expect(page.edges.map((e) => e.node.id)).toEqual(ids.filter((_, i) => i % 2 === 0));
    });

    it('finds an entry by its exhibit code, whole or in part', async () => {
      await submitted([ids[0]]);
      const res = await app.gql(
        SCREEN_MANY,
        { eventId: event.eventId, ids: [ids[0]], d: 'ACCEPT' },
        admin,
      );
      const code = res.data!.screenEntries.screened[0].code as string;
      expect(code).toMatch(/^TC-01-\d{4}$/);
      expect((await list({ filter: { search: code } })).edges.map((e) => e.node.id)).toEqual([
        ids[0],
      ]);
      // the number alone, as an office reads it off a label
      const byNumber = await list({ filter: { search: code.slice(-4) } });
      expect(byNumber.edges.map((e) => e.node.id)).toContain(ids[0]);
    });

    it('still finds titles and creators, and takes % and _ literally', async () => {
      expect((await list({ filter: { search: '花瓶' } })).totalCount).toBe(2);
      expect((await list({ filter: { search: '阿依古丽' } })).totalCount).toBe(12);
      expect((await list({ filter: { search: '%' } })).totalCount).toBe(0);
      expect((await list({ filter: { search: '_' } })).totalCount).toBe(0);
    });

    it('combines with the other filters, and costs one statement more (the entrants named)', async () => {
      const page = await list({ filter: { search: '研究所', regionCode: '450200' } });
      expect(page.totalCount).toBe(6);
      expect((await list({ filter: { search: '研究所', regionCode: '450100' } })).totalCount).toBe(
        0,
      );
      const cost = async (filter: Record<string, unknown>) => {
        const { statements } = await countStatements(app.api, () =>
          app.gql(LIST, { eventId: event.eventId, first: 10, filter }, admin),
        );
        return statements.filter((sql) => !/\bFROM users\b/.test(sql)).length;
      };
      expect((await cost({ search: '研究所' })) - (await cost({}))).toBe(1);
    });
  });

  describe('sort', () => {
    const walk = async (sort: Record<string, unknown>, first: number) => {
      const seen: Array<{ id: string; code: string | null; title: string; status: string }> = [];
      let after: string | null = null;
      for (;;) {
        const page = await list({ sort, first, after });
        seen.push(...page.edges.map((e) => e.node));
        if (!page.pageInfo.hasNextPage) return seen;
        after = page.pageInfo.endCursor;
      }
    };

    it('by title both ways, page by page, every entry once', async () => {
      const up = await walk({ key: 'TITLE' }, 5);
      expect(up).toHaveLength(12);
      const titles = up.map((e) => e.title);
      expect(titles).toEqual([...titles].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const down = await walk({ key: 'TITLE', descending: true }, 5);
      expect(down.map((e) => e.id)).toEqual(up.map((e) => e.id).reverse());
    });

    it('by code and by status, the NULLs (no code) in one group, pages of one', async () => {
      await submitted([ids[2], ids[4], ids[6]]);
      await app.gql(
        SCREEN_MANY,
        { eventId: event.eventId, ids: [ids[2], ids[4]], d: 'ACCEPT' },
        admin,
      );
      for (const descending of [false, true]) {
        const byCode = await walk({ key: 'CODE', descending }, 1);
        expect(new Set(byCode.map((e) => e.id)).size).toBe(12);
        const codes = byCode.map((e) => e.code).filter((c): c is string => c !== null);
        expect(codes).toHaveLength(3);
        const sortedCodes = [...codes].sort();
        expect(codes).toEqual(descending ? sortedCodes.reverse() : sortedCodes);
        // no code sorts first ascending, last descending
        const nullAt = byCode.findIndex((e) => e.code === null);
        expect(nullAt).toBe(descending ? 3 : 0);
      }
      const byStatus = await walk({ key: 'STATUS' }, 4);
      expect(byStatus.map((e) => e.status)).toEqual([
        ...Array(8).fill('DRAFT'),
        'SUBMITTED',
        'ACCEPTED',
        'ACCEPTED',
        'ACCEPTED',
      ]);
    });

    it('refuses a cursor of another order, and keeps the filing order’s cursors', async () => {
      const byTitle = await list({ sort: { key: 'TITLE' }, first: 2 });
      const res = await app.gql(
        LIST,
        {
          eventId: event.eventId,
          first: 2,
          after: byTitle.pageInfo.endCursor,
          sort: { key: 'CODE' },
        },
        admin,
      );
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_CURSOR',
      });
      const plain = await list({ first: 3 });
      const filed = await list({ first: 3, sort: { key: 'FILED' } });
      expect(filed.pageInfo.endCursor).toBe(plain.pageInfo.endCursor);
    });
  });

  describe('bulk screening', () => {
    it('accepts a selection and names each entry it left, with the reason screenEntry gives', async () => {
      const selection = [ids[1], ids[3], ids[5], ids[7]];
      await submitted([ids[1], ids[3], ids[5]]); // ids[7] stays a draft
      const res = await app.gql(
        SCREEN_MANY,
        { eventId: event.eventId, ids: selection, d: 'ACCEPT', reason: '材料齐全' },
        admin,
      );
      expect(res.errors).toBeUndefined();
      const { screened, refused } = res.data!.screenEntries;
      expect(screened.map((e: any) => e.id)).toEqual([ids[1], ids[3], ids[5]]);
      expect(
        screened.every((e: any) => e.status === 'ACCEPTED' && /^BZ-01-\d{4}$/.test(e.code)),
      ).toBe(true);
      expect(refused).toEqual([
        { entryId: ids[7], code: 'CONFLICT', reason: 'INVALID_TRANSITION', status: 'DRAFT' },
      ]);
      // audited as screenEntry does: one entry.accepted per entry, by this organiser
      const log = await app.gql(
        AUDIT,
        { eventId: event.eventId, newestFirst: true, action: 'entry.accepted', first: 3 },
        admin,
      );
      expect(log.errors).toBeUndefined();
      expect(log.data!.auditLog.map((r: any) => r.subjectId)).toEqual([ids[5], ids[3], ids[1]]);
      expect(log.data!.auditLog[0].actor.name).toBeTruthy();
    });

    it('rejects only with a reason, and refuses what is not of this event', async () => {
      await submitted([ids[9]]);
      const none = await app.gql(
        SCREEN_MANY,
        { eventId: event.eventId, ids: [ids[9]], d: 'REJECT', reason: '  ' },
        admin,
      );
      expect(none.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'REASON_REQUIRED',
      });
      const other = await craftsEvent(app, 'crafts-office-other');
      const elsewhere = await app.gql(
        SCREEN_MANY,
        { eventId: other.eventId, ids: [ids[9]], d: 'REJECT', reason: '不符合要求' },
        admin,
      );
      expect(elsewhere.data!.screenEntries.refused).toEqual([
        { entryId: ids[9], code: 'NOT_FOUND', reason: 'ENTRY_NOT_FOUND', status: null },
      ]);
      const rejected = await app.gql(
        SCREEN_MANY,
        { eventId: event.eventId, ids: [ids[9]], d: 'REJECT', reason: '不符合要求' },
        admin,
      );
      expect(rejected.data!.screenEntries.screened).toEqual([
        { id: ids[9], status: 'REJECTED', code: null, screeningReason: '不符合要求' },
      ]);
      const [{ status }] = await app.sql('SELECT status FROM entries WHERE id = ?', [ids[9]]);
      expect(status).toBe('REJECTED');
    });

    it('refuses an empty or too large selection before anything is written', async () => {
      const empty = await app.gql(
        SCREEN_MANY,
        { eventId: event.eventId, ids: [], d: 'ACCEPT' },
        admin,
      );
      expect(empty.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
      const many = Array.from(
        { length: 101 },
        (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      );
      const tooMany = await app.gql(
        SCREEN_MANY,
        { eventId: event.eventId, ids: many, d: 'ACCEPT' },
        admin,
      );
      expect(tooMany.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'TOO_MANY_ITEMS',
      });
    });

    it('two bulk requests on the same entries at once: each entry screened once, one code', async () => {
      const fresh: string[] = [];
      for (let i = 0; i < 8; i++)
        fresh.push(await file(workshop.entrantId, event.leaf['TC-02'], `竞速 ${i}`));
      await submitted(fresh);
      const before = await app.sql<{ n: number }>(
        "SELECT COUNT(*) AS n FROM audit_records WHERE event_id = ? AND action = 'entry.accepted'",
        [event.eventId],
      );
      const answers = await together(2, () =>
        app.gql(SCREEN_MANY, { eventId: event.eventId, ids: fresh, d: 'ACCEPT' }, admin),
      );
      const results = answers.map((a) => {
        if (a.status === 'rejected') throw a.reason;
        expect(a.value.errors).toBeUndefined();
        return a.value.data!.screenEntries;
      });
      const screened = results.flatMap((r: any) => r.screened.map((e: any) => e.id));
      const refused = results.flatMap((r: any) => r.refused);
      expect([...screened].sort()).toEqual([...fresh].sort());
      expect(refused).toHaveLength(8);
      expect(
        refused.every((r: any) => r.reason === 'INVALID_TRANSITION' && r.status === 'ACCEPTED'),
      ).toBe(true);
      const rows = await app.sql<{ code: string }>(
        `SELECT code FROM entries WHERE id IN (${fresh.map(() => '?').join(', ')})`,
        fresh,
      );
      expect(new Set(rows.map((r) => r.code)).size).toBe(8);
      const after = await app.sql<{ n: number }>(
        "SELECT COUNT(*) AS n FROM audit_records WHERE event_id = ? AND action = 'entry.accepted'",
        [event.eventId],
      );
      expect(Number(after[0].n) - Number(before[0].n)).toBe(8);
    });

    it('is for organisers only: judges, coordinators and entrants are refused', async () => {
      await submitted([ids[11]]);
      const judge = await userWithRole(app, 'JUDGE');
      const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450200' });
      const entrant = (await registerEnterprise(app, '450200')).token;
      for (const token of [judge, coordinator, entrant]) {
        const res = await app.gql(
          SCREEN_MANY,
          { eventId: event.eventId, ids: [ids[11]], d: 'ACCEPT' },
          token,
        );
        expect(res.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN' });
      }
      const [{ status }] = await app.sql('SELECT status FROM entries WHERE id = ?', [ids[11]]);
      expect(status).toBe('SUBMITTED');
    });
  });

  describe('audit log', () => {
    it('newest first, page by page, with the actor; filtered by action and subject', async () => {
      const oldest = await app.gql(AUDIT, { eventId: event.eventId, first: 1000 }, admin);
      const all = oldest.data!.auditLog as Array<{ id: string; action: string; subjectId: string }>;
      const newest: typeof all = [];
      let after: string | null = null;
      for (;;) {
        const res = await app.gql(
          AUDIT,
          { eventId: event.eventId, first: 7, after, newestFirst: true },
          admin,
        );
        expect(res.errors).toBeUndefined();
        const page = res.data!.auditLog as typeof all;
        newest.push(...page);
        if (page.length < 7) break;
        after = page.at(-1)!.id;
      }
      expect(newest.map((r) => r.id)).toEqual(all.map((r) => r.id).reverse());
      const bySubject = await app.gql(AUDIT, { eventId: event.eventId, subjectId: ids[9] }, admin);
      expect(bySubject.data!.auditLog.map((r: any) => r.action)).toEqual(
        all.filter((r) => r.subjectId === ids[9]).map((r) => r.action),
      );
      expect(bySubject.data!.auditLog.at(-1).action).toBe('entry.rejected');
      const me = await app.gql('{me{id name}}', {}, admin);
      expect(bySubject.data!.auditLog.at(-1).actor).toEqual(me.data!.me);
    });
  });
});
