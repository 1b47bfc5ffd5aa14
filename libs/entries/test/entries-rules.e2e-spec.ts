import { randomUUID } from 'node:crypto';
import {
  attachPhoto,
  CREATE_CATEGORY,
  CREATE_ENTRY,
  CREATE_EVENT,
  DISQUALIFY_ENTRY,
  ENTRY,
  ENTRY_FIELDS,
  entryInput,
  GqlResult,
  registerEnterprise,
  SCREEN_ENTRY,
  seedRegions,
  SET_EVENT_STATUS,
  startTestApp,
  SUBMIT_ENTRY,
  TestApp,
  UPDATE_ENTRY,
  userWithRole,
  WITHDRAW_ENTRY,
} from '@app/testing';

const MY_ENTRIES = `query($e:ID!){myEntries(eventId:$e){${ENTRY_FIELDS}}}`;
const SUMMARY = `query($e:ID!,$r:String){entrySummary(eventId:$e,regionCode:$r){eventId regionCode total
  byStatus{status count} byCategory{categoryId categoryCode categoryName total byStatus{status count}}}}`;
const DAY = 24 * 60 * 60 * 1000;

interface TestEvent {
  eventId: string;
  leaf: Record<'TC-01' | 'TC-02' | 'BZ-01', string>;
  parent: Record<'TC' | 'BZ', string>;
}

interface Entrant {
  token: string;
  entrantId: string;
}

/** The rules of filing, changing and screening entries, each with its code and reason. */
describe('entry rules', () => {
  let app: TestApp;
  let organiser: string;
  let judge: string;
  let coordinator: string;
  let open: TestEvent;
  let eventCounter = 0;

  const count = async (table: string): Promise<number> =>
    Number((await app.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM \`${table}\``))[0].n);
  const counts = async () => ({
    entries: await count('entries'),
    audit: await count('audit_records'),
  });
  const entryRow = async (id: string) =>
    (await app.sql('SELECT * FROM entries WHERE id = ?', [id]))[0] as Record<string, unknown>;
  const actionsOf = async (id: string): Promise<string[]> =>
    (
      await app.sql<{ action: string }>(
        'SELECT action FROM audit_records WHERE subject_id = ? ORDER BY seq',
        [id],
      )
    ).map((r) => r.action);

  /** An event with categories TC (TC-01, TC-02) and BZ (BZ-01), moved through `statuses`. */
  async function makeEvent(
    statuses: string[] = ['OPEN'],
    extra: Record<string, unknown> = {},
  ): Promise<TestEvent> {
    const created = await app.gql(
      CREATE_EVENT,
      {
        input: {
          slug: `rules-${++eventCounter}-${Date.now()}`,
          name: `规则展 ${eventCounter}`,
          kind: 'CRAFTS_EXHIBITION',
          maxEntriesPerEntrant: 100,
          ...extra,
        },
      },
      organiser,
    );
    if (created.errors) throw new Error(JSON.stringify(created.errors));
    const eventId = created.data!.createEvent.id as string;
    const category = async (code: string, parentId: string | null) => {
      const res = await app.gql(
        CREATE_CATEGORY,
        { input: { eventId, code, name: `类别 ${code}`, parentId } },
        organiser,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.createCategory.id as string;
    };
    const tc = await category('TC', null);
    const bz = await category('BZ', null);
    const leaf = {
      'TC-01': await category('TC-01', tc),
      'TC-02': await category('TC-02', tc),
      'BZ-01': await category('BZ-01', bz),
    };
    for (const s of statuses) {
      const res = await app.gql(SET_EVENT_STATUS, { id: eventId, s }, organiser);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
    return { eventId, leaf, parent: { TC: tc, BZ: bz } };
  }

  function create(
    token: string | undefined,
    eventId: string,
    categoryId: string,
    extra: Record<string, unknown> = {},
    entrantId?: string,
  ) {
    return app.gql(
      CREATE_ENTRY,
      {
        input: {
          eventId,
          ...(entrantId ? { entrantId } : {}),
          entry: entryInput(categoryId, extra),
        },
      },
      token,
    );
  }

  async function filed(
    token: string,
    event: TestEvent,
    extra: Record<string, unknown> = {},
    entrantId?: string,
    categoryId = event.leaf['TC-01'],
  ): Promise<{ id: string; [k: string]: any }> {
    const res = await create(token, event.eventId, categoryId, extra, entrantId);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    // Submitting needs a photo; the entrant (or organiser) adds one as they would.
    await attachPhoto(app, res.data!.createEntry.id, token);
    return res.data!.createEntry;
  }

  async function ok(res: Promise<GqlResult>): Promise<any> {
    const done = await res;
    if (done.errors) throw new Error(JSON.stringify(done.errors));
    return Object.values(done.data!)[0];
  }

  const update = (token: string | undefined, id: string, categoryId: string, extra = {}) =>
    app.gql(UPDATE_ENTRY, { id, entry: entryInput(categoryId, extra) }, token);
  const submit = (token: string | undefined, id: string) => app.gql(SUBMIT_ENTRY, { id }, token);
  const withdraw = (token: string | undefined, id: string, reason?: string | null) =>
    app.gql(WITHDRAW_ENTRY, { id, reason }, token);
  const screen = (token: string | undefined, id: string, d: string, reason?: string | null) =>
    app.gql(SCREEN_ENTRY, { id, d, reason }, token);
  const disqualify = (token: string | undefined, id: string, reason: string) =>
    app.gql(DISQUALIFY_ENTRY, { id, reason }, token);

  /**
   * The attempt fails with this code and reason, and leaves no trace: as many entries and
   * audit records as before, and the entries named unchanged.
   */
  async function refused(
    attempt: () => Promise<GqlResult>,
    code: string,
    reason?: string,
    entryIds: string[] = [],
  ): Promise<GqlResult> {
    const before = await counts();
    const rows = await Promise.all(entryIds.map(entryRow));
    const res = await attempt();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0].extensions).toMatchObject(reason ? { code, reason } : { code });
    expect(await counts()).toEqual(before);
    expect(await Promise.all(entryIds.map(entryRow))).toEqual(rows);
    return res;
  }

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    organiser = await userWithRole(app, 'ORGANISER');
    judge = await userWithRole(app, 'JUDGE');
    coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    open = await makeEvent();
  });
  afterAll(() => app.close());

  describe('the event and its window', () => {
    it('EVENT_NOT_OPEN for an entrant filing in a DRAFT or a CLOSED event', async () => {
      const { token } = await registerEnterprise(app);
      for (const statuses of [[], ['OPEN', 'CLOSED']]) {
        const event = await makeEvent(statuses);
        await refused(
          () => create(token, event.eventId, event.leaf['TC-01']),
          'CONFLICT',
          'EVENT_NOT_OPEN',
        );
      }
    });

    it('EVENT_NOT_OPEN for an entrant changing, submitting or withdrawing once the event is CLOSED', async () => {
      const { token } = await registerEnterprise(app);
      const event = await makeEvent();
      const entry = await filed(token, event);
      await ok(app.gql(SET_EVENT_STATUS, { id: event.eventId, s: 'CLOSED' }, organiser));
      const id = entry.id;
      await refused(
        () => update(token, id, event.leaf['TC-01'], { title: '迟到的修改' }),
        'CONFLICT',
        'EVENT_NOT_OPEN',
        [id],
      );
      await refused(() => submit(token, id), 'CONFLICT', 'EVENT_NOT_OPEN', [id]);
      await refused(() => withdraw(token, id), 'CONFLICT', 'EVENT_NOT_OPEN', [id]);
    });

    it('an organiser still files and changes in a CLOSED event, not in an ARCHIVED one', async () => {
      const { entrantId } = await registerEnterprise(app);
      const event = await makeEvent(['OPEN', 'CLOSED']);
      const entry = await filed(organiser, event, {}, entrantId);
      expect(entry.status).toBe('DRAFT');
      await ok(app.gql(SET_EVENT_STATUS, { id: event.eventId, s: 'ARCHIVED' }, organiser));
      await refused(
        () => create(organiser, event.eventId, event.leaf['TC-01'], {}, entrantId),
        'CONFLICT',
        'EVENT_NOT_OPEN',
      );
      await refused(
        () => update(organiser, entry.id, event.leaf['TC-01']),
        'CONFLICT',
        'EVENT_NOT_OPEN',
        [entry.id],
      );
    });

    it('SUBMISSION_NOT_STARTED for an entrant before the window; an organiser acting for it is allowed', async () => {
      const now = Date.now();
      const event = await makeEvent(['OPEN'], {
        submissionOpensAt: new Date(now + DAY).toISOString(),
        submissionClosesAt: new Date(now + 2 * DAY).toISOString(),
      });
      const { token, entrantId } = await registerEnterprise(app);
      await refused(
        () => create(token, event.eventId, event.leaf['TC-01']),
        'CONFLICT',
        'SUBMISSION_NOT_STARTED',
      );
      const entry = await filed(organiser, event, {}, entrantId);
      await ok(update(organiser, entry.id, event.leaf['TC-02'], { title: '代为修改' }));
      await refused(
        () => update(token, entry.id, event.leaf['TC-01']),
        'CONFLICT',
        'SUBMISSION_NOT_STARTED',
        [entry.id],
      );
      await refused(() => submit(token, entry.id), 'CONFLICT', 'SUBMISSION_NOT_STARTED', [
        entry.id,
      ]);
      expect((await ok(submit(organiser, entry.id))).status).toBe('SUBMITTED');
    });

    it('SUBMISSION_CLOSED for an entrant after the window; an organiser acting for it is allowed', async () => {
      const now = Date.now();
      const event = await makeEvent(['OPEN'], {
        submissionOpensAt: new Date(now - 2 * DAY).toISOString(),
        submissionClosesAt: new Date(now - DAY).toISOString(),
      });
      const { token, entrantId } = await registerEnterprise(app);
      await refused(
        () => create(token, event.eventId, event.leaf['TC-01']),
        'CONFLICT',
        'SUBMISSION_CLOSED',
      );
      const entry = await filed(organiser, event, { title: '补报作品' }, entrantId);
      expect(entry).toMatchObject({ status: 'DRAFT', entrant: { id: entrantId } });
      await refused(
        () => update(token, entry.id, event.leaf['TC-01']),
        'CONFLICT',
        'SUBMISSION_CLOSED',
        [entry.id],
      );
      await refused(() => withdraw(token, entry.id), 'CONFLICT', 'SUBMISSION_CLOSED', [entry.id]);
      await ok(update(organiser, entry.id, event.leaf['BZ-01'], { title: '补报作品（改）' }));
      expect((await ok(submit(organiser, entry.id))).status).toBe('SUBMITTED');
      // the entrant still reads it
      const seen = await app.gql(ENTRY, { id: entry.id }, token);
      expect(seen.data!.entry).toMatchObject({ title: '补报作品（改）', status: 'SUBMITTED' });
    });
  });

  describe('what may be changed', () => {
    it('ENTRY_NOT_EDITABLE for the entrant updating a REJECTED, WITHDRAWN or ACCEPTED entry, or withdrawing a REJECTED or ACCEPTED one', async () => {
      const { token } = await registerEnterprise(app);
      const rejected = await filed(token, open);
      await ok(submit(token, rejected.id));
      await ok(screen(organiser, rejected.id, 'REJECT', '不符合征集范围'));
      const withdrawn = await filed(token, open);
      await ok(withdraw(token, withdrawn.id));
      const accepted = await filed(token, open);
      await ok(submit(token, accepted.id));
      await ok(screen(organiser, accepted.id, 'ACCEPT'));

      for (const id of [rejected.id, withdrawn.id, accepted.id]) {
        await refused(
          () => update(token, id, open.leaf['TC-01'], { title: '改' }),
          'CONFLICT',
          'ENTRY_NOT_EDITABLE',
          [id],
        );
      }
      for (const id of [rejected.id, accepted.id]) {
        await refused(() => withdraw(token, id), 'CONFLICT', 'ENTRY_NOT_EDITABLE', [id]);
        await refused(() => submit(token, id), 'CONFLICT', 'ENTRY_NOT_EDITABLE', [id]);
      }
    });

    it('withdrawing an entry that is already WITHDRAWN is a harmless repeat (a retried tap): no second audit record', async () => {
      const { token } = await registerEnterprise(app);
      const withdrawn = await filed(token, open);
      await ok(withdraw(token, withdrawn.id));
      const audited = async () =>
        (
          await app.sql<{ n: number }>(
            "SELECT COUNT(*) AS n FROM audit_records WHERE subject_id = ? AND action = 'entry.withdrawn'",
            [withdrawn.id],
          )
        )[0].n;
      expect(Number(await audited())).toBe(1);
      const again = await ok(withdraw(token, withdrawn.id));
      expect(again.status).toBe('WITHDRAWN');
      expect(Number(await audited())).toBe(1);
    });

    it('an organiser changes an accepted entry but not its category', async () => {
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open);
      await ok(submit(token, entry.id));
      await ok(screen(organiser, entry.id, 'ACCEPT'));
      const changed = await ok(
        update(organiser, entry.id, open.leaf['TC-01'], { title: '更正标题' }),
      );
      expect(changed).toMatchObject({ title: '更正标题', status: 'ACCEPTED' });
      await refused(
        () => update(organiser, entry.id, open.leaf['TC-02']),
        'CONFLICT',
        'ENTRY_NOT_EDITABLE',
        [entry.id],
      );
    });
  });

  describe('the per-entrant limit', () => {
    it('TOO_MANY_ENTRIES at the limit (2): the third is refused, for the organiser too; a withdrawal frees a place', async () => {
      const event = await makeEvent(['OPEN'], { maxEntriesPerEntrant: 2 });
      const { token, entrantId } = await registerEnterprise(app);
      const first = await filed(token, event);
      await filed(token, event);
      const res = await refused(
        () => create(token, event.eventId, event.leaf['TC-01']),
        'CONFLICT',
        'TOO_MANY_ENTRIES',
      );
      expect(res.errors![0].extensions.limit).toBe(2);
      await refused(
        () => create(organiser, event.eventId, event.leaf['TC-01'], {}, entrantId),
        'CONFLICT',
        'TOO_MANY_ENTRIES',
      );
      // another entrant has places of its own
      const other = await registerEnterprise(app);
      await filed(other.token, event);

      await ok(withdraw(token, first.id));
      const third = await filed(token, event);
      expect(third.status).toBe('DRAFT');
      await refused(
        () => create(token, event.eventId, event.leaf['TC-01']),
        'CONFLICT',
        'TOO_MANY_ENTRIES',
      );
    });

    it('a rejected entry no longer counts', async () => {
      const event = await makeEvent(['OPEN'], { maxEntriesPerEntrant: 1 });
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, event);
      await ok(submit(token, entry.id));
      await ok(screen(organiser, entry.id, 'REJECT', '重复申报'));
      expect((await filed(token, event)).status).toBe('DRAFT');
    });

    it('concurrent creates never exceed the limit (5 at once with a limit of 2)', async () => {
      const event = await makeEvent(['OPEN'], { maxEntriesPerEntrant: 2 });
      const { token, entrantId } = await registerEnterprise(app);
      const before = await counts();
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          create(token, event.eventId, event.leaf['TC-01'], { title: `并发 ${i}` }),
        ),
      );
      const done = results.filter((r) => !r.errors);
      const failed = results.filter((r) => r.errors);
      expect(done).toHaveLength(2);
      expect(failed.map((r) => r.errors![0].extensions)).toEqual(
        Array.from({ length: 3 }, () =>
          expect.objectContaining({ code: 'CONFLICT', reason: 'TOO_MANY_ENTRIES' }),
        ),
      );
      const stored = await app.sql<{ n: number }>(
        'SELECT COUNT(*) AS n FROM entries WHERE event_id = ? AND entrant_id = ?',
        [event.eventId, entrantId],
      );
      expect(Number(stored[0].n)).toBe(2);
      expect(await counts()).toEqual({ entries: before.entries + 2, audit: before.audit + 2 });

      // the same as an organiser filing for another entrant, twice as many at once
      const other = await registerEnterprise(app);
      const more = await Promise.all(
        Array.from({ length: 10 }, () =>
          create(organiser, event.eventId, event.leaf['BZ-01'], {}, other.entrantId),
        ),
      );
      expect(more.filter((r) => !r.errors)).toHaveLength(2);
      expect(
        more
          .filter((r) => r.errors)
          .every((r) => r.errors![0].extensions.reason === 'TOO_MANY_ENTRIES'),
      ).toBe(true);
    });
  });

  describe('categories', () => {
    it('CATEGORY_NOT_LEAF for a parent category, in create and update', async () => {
      const { token } = await registerEnterprise(app);
      await refused(
        () => create(token, open.eventId, open.parent.TC),
        'BAD_USER_INPUT',
        'CATEGORY_NOT_LEAF',
      );
      const entry = await filed(token, open);
      await refused(
        () => update(token, entry.id, open.parent.BZ),
        'BAD_USER_INPUT',
        'CATEGORY_NOT_LEAF',
        [entry.id],
      );
    });

    it("CATEGORY_NOT_IN_EVENT for another event's category or a random id, in create and update", async () => {
      const other = await makeEvent();
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open);
      for (const categoryId of [other.leaf['TC-01'], randomUUID()]) {
        await refused(
          () => create(token, open.eventId, categoryId),
          'BAD_USER_INPUT',
          'CATEGORY_NOT_IN_EVENT',
        );
        await refused(
          () => update(token, entry.id, categoryId),
          'BAD_USER_INPUT',
          'CATEGORY_NOT_IN_EVENT',
          [entry.id],
        );
      }
    });
  });

  describe('field rules through GraphQL', () => {
    const nextYear = new Date().getUTCFullYear() + 1;

    it.each([
      ['INVALID_PATENT_NUMBER', 'patentNumbers', { patentNumbers: ['ZL201310123456.3'] }],
      ['INVALID_PATENT_NUMBER', 'patentNumbers', { patentNumbers: ['ZL201310123456.X'] }],
      [
        'DUPLICATE_PATENT_NUMBER',
        'patentNumbers',
        { patentNumbers: ['zl201310123456.2', 'ZL201310123456.2'] },
      ],
      ['INVALID_YEAR', 'yearCreated', { yearCreated: 1899 }],
      ['INVALID_YEAR', 'yearCreated', { yearCreated: nextYear }],
      ['INVALID_ITEM_COUNT', 'itemCount', { itemCount: 0 }],
      ['INVALID_ITEM_COUNT', 'itemCount', { itemCount: 100_001 }],
      ['INVALID_CREATOR_NAME', 'creators', { creators: ['李明2'] }],
      ['INVALID_CREATOR_NAME', 'creators', { creators: ['li.ming@example.com'] }],
      ['INVALID_CREATOR_NAME', 'creators', { creators: ['  '] }],
      ['TITLE_REQUIRED', 'title', { title: ' \u3000 ' }],
      ['TEXT_TOO_LONG', 'title', { title: '𠮷'.repeat(201) }],
      ['INVALID_TEXT', 'materials', { materials: '竹\n木' }],
    ] as const)('%s (%s) in create and update, nothing stored', async (reason, field, extra) => {
      const { token } = await registerEnterprise(app);
      const res = await refused(
        () => create(token, open.eventId, open.leaf['TC-01'], extra),
        'BAD_USER_INPUT',
        reason,
      );
      expect(res.errors![0].extensions).toMatchObject({
        field,
        problems: [expect.objectContaining({ field, reason, message: expect.any(String) })],
      });
      const entry = await filed(token, open);
      await refused(
        () => update(token, entry.id, open.leaf['TC-01'], extra),
        'BAD_USER_INPUT',
        reason,
        [entry.id],
      );
    });

    it('lists every problem of the input in extensions.problems; the reason is the first', async () => {
      const { token } = await registerEnterprise(app);
      const res = await refused(
        () =>
          create(token, open.eventId, open.leaf['TC-01'], {
            creators: ['李明', 'a@b.cn'],
            itemCount: 0,
            yearCreated: 1899,
            patentNumbers: ['ZL201310123456.3'],
          }),
        'BAD_USER_INPUT',
        'INVALID_CREATOR_NAME',
      );
      expect(res.errors![0].extensions.problems).toEqual([
        expect.objectContaining({ field: 'creators', reason: 'INVALID_CREATOR_NAME' }),
        expect.objectContaining({ field: 'itemCount', reason: 'INVALID_ITEM_COUNT' }),
        expect.objectContaining({ field: 'yearCreated', reason: 'INVALID_YEAR' }),
        expect.objectContaining({ field: 'patentNumbers', reason: 'INVALID_PATENT_NUMBER' }),
      ]);
    });

    it('stores the longest valid fields intact, characters outside the BMP included', async () => {
      const { token } = await registerEnterprise(app);
      const creators = Array.from(
        { length: 20 },
        (_, i) => `${String.fromCodePoint(0x20000 + i)}${'𠮷'.repeat(99)}`,
      );
      const long = {
        title: '𠮷'.repeat(200),
        description: `${'𠮷'.repeat(2500)}\n${'𠮷'.repeat(2499)}`,
        materials: '𠮷'.repeat(500),
        techniques: '𠮷'.repeat(500),
        dimensions: '𠮷'.repeat(500),
        creators,
        itemCount: 100_000,
        yearCreated: new Date().getUTCFullYear(),
      };
      const entry = await filed(token, open, long);
      const seen = await app.gql(ENTRY, { id: entry.id }, token);
      expect(seen.data!.entry).toMatchObject(long);
    });

    it('normalises what it stores: trimmed, collapsed, patent numbers in canonical form', async () => {
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open, {
        title: '  坭兴陶 \u3000 茶具 ',
        creators: [' 李明 ', '阿依古丽·买买提'],
        patentNumbers: [' zl98123456.9 ', 'ZL95115608.X'],
      });
      expect(entry).toMatchObject({
        title: '坭兴陶 茶具',
        creators: ['李明', '阿依古丽·买买提'],
        patentNumbers: ['ZL98123456.9', 'ZL95115608.X'],
        patented: true,
      });
    });
  });

  describe('who files and changes', () => {
    it('ENTRANT_REQUIRED for an organiser without entrantId', async () => {
      await refused(
        () => create(organiser, open.eventId, open.leaf['TC-01']),
        'BAD_USER_INPUT',
        'ENTRANT_REQUIRED',
      );
    });

    it('ENTRANT_NOT_FOUND for an organiser filing for an unknown entrant', async () => {
      await refused(
        () => create(organiser, open.eventId, open.leaf['TC-01'], {}, randomUUID()),
        'NOT_FOUND',
        'ENTRANT_NOT_FOUND',
      );
    });

    it('NOT_YOUR_ENTRY (FORBIDDEN) for an entrant filing for another entrant; its own id is fine', async () => {
      const a = await registerEnterprise(app);
      const b = await registerEnterprise(app);
      await refused(
        () => create(a.token, open.eventId, open.leaf['TC-01'], {}, b.entrantId),
        'FORBIDDEN',
        'NOT_YOUR_ENTRY',
      );
      const own = await filed(a.token, open, {}, a.entrantId);
      expect(own.entrant.id).toBe(a.entrantId);
    });

    it("an entrant touching another's entry gets NOT_FOUND: its existence is not revealed", async () => {
      const a = await registerEnterprise(app);
      const b = await registerEnterprise(app);
      const entry = await filed(b.token, open);
      const id = entry.id;
      for (const attempt of [
        () => update(a.token, id, open.leaf['TC-01']),
        () => submit(a.token, id),
        () => withdraw(a.token, id),
      ]) {
        await refused(attempt, 'NOT_FOUND', 'ENTRY_NOT_FOUND', [id]);
      }
      const missing = await refused(
        () => submit(a.token, randomUUID()),
        'NOT_FOUND',
        'ENTRY_NOT_FOUND',
      );
      const hidden = await refused(() => submit(a.token, id), 'NOT_FOUND', 'ENTRY_NOT_FOUND');
      expect(hidden.errors![0].message.replace(id, '<id>')).toBe(
        missing.errors![0].message.replace(/[0-9a-f-]{36}/, '<id>'),
      );
      expect((await app.gql(ENTRY, { id }, a.token)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    });

    it('a COORDINATOR reads its region but changes nothing (FORBIDDEN)', async () => {
      const { token, entrantId } = await registerEnterprise(app, '450100');
      const entry = await filed(token, open);
      expect((await app.gql(ENTRY, { id: entry.id }, coordinator)).data!.entry.id).toBe(entry.id);
      for (const attempt of [
        () => create(coordinator, open.eventId, open.leaf['TC-01'], {}, entrantId),
        () => update(coordinator, entry.id, open.leaf['TC-01']),
        () => submit(coordinator, entry.id),
        () => withdraw(coordinator, entry.id),
        () => screen(coordinator, entry.id, 'ACCEPT'),
        () => disqualify(coordinator, entry.id, '违规'),
      ]) {
        await refused(attempt, 'FORBIDDEN', undefined, [entry.id]);
      }
    });

    it('a JUDGE neither files nor changes nor screens (FORBIDDEN)', async () => {
      const { token, entrantId } = await registerEnterprise(app);
      const entry = await filed(token, open);
      for (const attempt of [
        () => create(judge, open.eventId, open.leaf['TC-01'], {}, entrantId),
        () => update(judge, entry.id, open.leaf['TC-01']),
        () => submit(judge, entry.id),
        () => withdraw(judge, entry.id),
        () => screen(judge, entry.id, 'ACCEPT'),
        () => disqualify(judge, entry.id, '违规'),
      ]) {
        await refused(attempt, 'FORBIDDEN', undefined, [entry.id]);
      }
    });

    it('no token is UNAUTHENTICATED', async () => {
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open);
      await refused(() => create(undefined, open.eventId, open.leaf['TC-01']), 'UNAUTHENTICATED');
      await refused(() => submit(undefined, entry.id), 'UNAUTHENTICATED', undefined, [entry.id]);
    });
  });

  describe('screening', () => {
    it('REASON_REQUIRED to reject without a reason, or with a blank one', async () => {
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open);
      await ok(submit(token, entry.id));
      for (const reason of [null, '', '   \u3000 ']) {
        await refused(
          () => screen(organiser, entry.id, 'REJECT', reason),
          'BAD_USER_INPUT',
          'REASON_REQUIRED',
          [entry.id],
        );
      }
      const rejected = await ok(screen(organiser, entry.id, 'REJECT', ' 照片不清晰 '));
      expect(rejected).toMatchObject({
        status: 'REJECTED',
        screeningReason: '照片不清晰',
        code: null,
      });
    });

    it('INVALID_TRANSITION for screening a DRAFT, an ACCEPTED or a REJECTED entry', async () => {
      const { token } = await registerEnterprise(app);
      const draft = await filed(token, open);
      const accepted = await filed(token, open);
      await ok(submit(token, accepted.id));
      await ok(screen(organiser, accepted.id, 'ACCEPT'));
      const rejected = await filed(token, open);
      await ok(submit(token, rejected.id));
      await ok(screen(organiser, rejected.id, 'REJECT', '不符合要求'));
      for (const [id, status] of [
        [draft.id, 'DRAFT'],
        [accepted.id, 'ACCEPTED'],
        [rejected.id, 'REJECTED'],
      ]) {
        for (const d of ['ACCEPT', 'REJECT']) {
          const res = await refused(
            () => screen(organiser, id, d, '理由'),
            'CONFLICT',
            'INVALID_TRANSITION',
            [id],
          );
          expect(res.errors![0].extensions.status).toBe(status);
        }
      }
    });

    it('an ENTRANT cannot screen, not even its own entry (FORBIDDEN)', async () => {
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open);
      await ok(submit(token, entry.id));
      await refused(() => screen(token, entry.id, 'ACCEPT'), 'FORBIDDEN', undefined, [entry.id]);
      await refused(() => disqualify(token, entry.id, '自我取消'), 'FORBIDDEN', undefined, [
        entry.id,
      ]);
    });

    it('gives 30 accepted entries of one category 30 different exhibit codes <code>-NNNN', async () => {
      const event = await makeEvent();
      const { entrantId } = await registerEnterprise(app);
      const ids: string[] = [];
      for (let i = 0; i < 30; i++) {
        const entry = await filed(
          organiser,
          event,
          { title: `作品 ${i}` },
          entrantId,
          event.leaf['TC-01'],
        );
        await ok(submit(organiser, entry.id));
        ids.push(entry.id);
      }
      const codes: string[] = [];
      for (const id of ids) {
        const accepted = await ok(screen(organiser, id, 'ACCEPT'));
        expect(accepted.status).toBe('ACCEPTED');
        codes.push(accepted.code);
      }
      expect(new Set(codes).size).toBe(30);
      for (const code of codes) {
        expect(code).toMatch(/^[A-Z0-9-]+-\d{4}$/);
        expect(code).toMatch(/^TC-01-\d{4}$/);
      }
      const stored = await app.sql<{ code: string }>(
        'SELECT code FROM entries WHERE event_id = ? AND code IS NOT NULL',
        [event.eventId],
      );
      expect(stored.map((r) => r.code).sort()).toEqual([...codes].sort());
    });

    /** What each of a batch of concurrent requests came to: OK or its error's reason. */
    const outcomes = (results: GqlResult[]) =>
      results.map((r) => (r.errors ? String(r.errors[0].extensions.reason) : 'OK'));

    it('concurrent screenings of one entry: exactly one decision wins, audited once', async () => {
      const { token } = await registerEnterprise(app);
      for (let round = 0; round < 3; round++) {
        const entry = await filed(token, open);
        await ok(submit(token, entry.id));
        const results = await Promise.all(
          Array.from({ length: 5 }, () => screen(organiser, entry.id, 'ACCEPT')),
        );
        expect(outcomes(results).sort()).toEqual([
          'INVALID_TRANSITION',
          'INVALID_TRANSITION',
          'INVALID_TRANSITION',
          'INVALID_TRANSITION',
          'OK',
        ]);
        const winner = results.find((r) => !r.errors)!;
        expect((await entryRow(entry.id)).code).toBe(winner.data!.screenEntry.code);
        expect(await actionsOf(entry.id)).toEqual([
          'entry.created',
          'image.added',
          'entry.submitted',
          'entry.accepted',
        ]);
      }
    });

    it('an entrant withdrawing while an organiser accepts: one of them wins, never both', async () => {
      const { token } = await registerEnterprise(app);
      for (let round = 0; round < 3; round++) {
        const entry = await filed(token, open);
        await ok(submit(token, entry.id));
        const results = await Promise.all([
          screen(organiser, entry.id, 'ACCEPT'),
          withdraw(token, entry.id),
        ]);
        expect([
          ['OK', 'ENTRY_NOT_EDITABLE'],
          ['INVALID_TRANSITION', 'OK'],
        ]).toContainEqual(outcomes(results));
        const actions = await actionsOf(entry.id);
        expect(
          actions.filter((a) => a === 'entry.accepted' || a === 'entry.withdrawn'),
        ).toHaveLength(1);
      }
    });

    it('a double tap on submit (two at once) submits once, audited once', async () => {
      const { token } = await registerEnterprise(app);
      for (let round = 0; round < 3; round++) {
        const entry = await filed(token, open);
        const results = await Promise.all([submit(token, entry.id), submit(token, entry.id)]);
        expect(outcomes(results)).toEqual(['OK', 'OK']);
        expect(await actionsOf(entry.id)).toEqual([
          'entry.created',
          'image.added',
          'entry.submitted',
        ]);
      }
    });
  });

  describe('disqualifying and withdrawing accepted entries', () => {
    it('disqualifyEntry only after acceptance (INVALID_TRANSITION otherwise); REASON_REQUIRED for a blank reason', async () => {
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open);
      await refused(
        () => disqualify(organiser, entry.id, '抄袭'),
        'CONFLICT',
        'INVALID_TRANSITION',
        [entry.id],
      );
      await ok(submit(token, entry.id));
      await refused(
        () => disqualify(organiser, entry.id, '抄袭'),
        'CONFLICT',
        'INVALID_TRANSITION',
        [entry.id],
      );
      await ok(screen(organiser, entry.id, 'ACCEPT'));
      for (const reason of ['', '   ']) {
        await refused(
          () => disqualify(organiser, entry.id, reason),
          'BAD_USER_INPUT',
          'REASON_REQUIRED',
          [entry.id],
        );
      }
      const done = await ok(disqualify(organiser, entry.id, '非原创作品'));
      expect(done).toMatchObject({ status: 'DISQUALIFIED', screeningReason: '非原创作品' });
      await refused(
        () => disqualify(organiser, entry.id, '再次'),
        'CONFLICT',
        'INVALID_TRANSITION',
        [entry.id],
      );

      const rejected = await filed(token, open);
      await ok(submit(token, rejected.id));
      await ok(screen(organiser, rejected.id, 'REJECT', '不符合'));
      await refused(
        () => disqualify(organiser, rejected.id, '抄袭'),
        'CONFLICT',
        'INVALID_TRANSITION',
        [rejected.id],
      );
    });

    it('an organiser withdraws an ACCEPTED entry only with a reason (REASON_REQUIRED), and the reason is audited', async () => {
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open);
      await ok(submit(token, entry.id));
      await ok(screen(organiser, entry.id, 'ACCEPT'));
      for (const reason of [null, '', '  ']) {
        await refused(
          () => withdraw(organiser, entry.id, reason),
          'BAD_USER_INPUT',
          'REASON_REQUIRED',
          [entry.id],
        );
      }
      const done = await ok(withdraw(organiser, entry.id, '参展单位申请撤回'));
      expect(done.status).toBe('WITHDRAWN');
      const records = await app.sql<{ action: string; detail: string }>(
        "SELECT action, detail FROM audit_records WHERE subject_id = ? AND action = 'entry.withdrawn'",
        [entry.id],
      );
      expect(records).toHaveLength(1);
      expect(JSON.parse(records[0].detail)).toMatchObject({
        from: 'ACCEPTED',
        to: 'WITHDRAWN',
        reason: '参展单位申请撤回',
      });
    });

    it('an organiser withdraws a DRAFT or SUBMITTED entry without a reason', async () => {
      const { token } = await registerEnterprise(app);
      const draft = await filed(token, open);
      expect((await ok(withdraw(organiser, draft.id))).status).toBe('WITHDRAWN');
      const submitted = await filed(token, open);
      await ok(submit(token, submitted.id));
      expect((await ok(withdraw(organiser, submitted.id))).status).toBe('WITHDRAWN');
    });
  });

  describe('submitting', () => {
    it('submitEntry twice is harmless: still SUBMITTED, the same time, one audit record', async () => {
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open);
      const first = await ok(submit(token, entry.id));
      const before = await counts();
      const second = await ok(submit(token, entry.id));
      expect(second).toMatchObject({ status: 'SUBMITTED', submittedAt: first.submittedAt });
      expect(await counts()).toEqual(before);
      expect(await actionsOf(entry.id)).toEqual([
        'entry.created',
        'image.added',
        'entry.submitted',
      ]);
    });

    it('a submitted entry may still be changed and withdrawn by its entrant', async () => {
      const { token } = await registerEnterprise(app);
      const entry = await filed(token, open);
      await ok(submit(token, entry.id));
      const changed = await ok(update(token, entry.id, open.leaf['TC-02'], { title: '改后' }));
      expect(changed).toMatchObject({
        status: 'SUBMITTED',
        title: '改后',
        category: { code: 'TC-02' },
      });
      expect((await ok(withdraw(token, entry.id))).status).toBe('WITHDRAWN');
    });
  });

  describe('reading', () => {
    let event: TestEvent;
    let a: Entrant;
    let b: Entrant;
    let c: Entrant;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      event = await makeEvent();
      a = await registerEnterprise(app, '450100');
      b = await registerEnterprise(app, '450100');
      c = await registerEnterprise(app, '450200');
      ids.a1 = (await filed(a.token, event, { title: 'A1' }, undefined, event.leaf['TC-01'])).id;
      ids.a2 = (await filed(a.token, event, { title: 'A2' }, undefined, event.leaf['TC-01'])).id;
      await ok(submit(a.token, ids.a2));
      ids.b1 = (await filed(b.token, event, { title: 'B1' }, undefined, event.leaf['BZ-01'])).id;
      await ok(submit(b.token, ids.b1));
      await ok(screen(organiser, ids.b1, 'ACCEPT'));
      ids.c1 = (await filed(c.token, event, { title: 'C1' }, undefined, event.leaf['TC-02'])).id;
      ids.c2 = (await filed(c.token, event, { title: 'C2' }, undefined, event.leaf['TC-01'])).id;
      await ok(submit(c.token, ids.c2));
      await ok(screen(organiser, ids.c2, 'REJECT', '不符合'));
      // an entry of A in another event
      await filed(a.token, open, { title: 'A elsewhere' });
    });

    it('myEntries(eventId) lists the entrant its own entries of that event, in filing order', async () => {
      const mine = await app.gql(MY_ENTRIES, { e: event.eventId }, a.token);
      expect(mine.errors).toBeUndefined();
      expect(mine.data!.myEntries.map((e: any) => [e.id, e.title, e.status])).toEqual([
        [ids.a1, 'A1', 'DRAFT'],
        [ids.a2, 'A2', 'SUBMITTED'],
      ]);
      const theirs = await app.gql(MY_ENTRIES, { e: event.eventId }, c.token);
      expect(
        theirs.data!.myEntries.map((e: any) => [e.title, e.status, e.screeningReason]),
      ).toEqual([
        ['C1', 'DRAFT', null],
        ['C2', 'REJECTED', '不符合'],
      ]);
      const fresh = await registerEnterprise(app);
      expect(
        (await app.gql(MY_ENTRIES, { e: event.eventId }, fresh.token)).data!.myEntries,
      ).toEqual([]);
      for (const token of [organiser, coordinator, judge]) {
        expect(
          (await app.gql(MY_ENTRIES, { e: event.eventId }, token)).errors?.[0].extensions.code,
        ).toBe('FORBIDDEN');
      }
    });

    it("entrySummary for a coordinator counts its own region's entries only, by status and category", async () => {
      const res = await app.gql(SUMMARY, { e: event.eventId }, coordinator);
      expect(res.errors).toBeUndefined();
      expect(res.data!.entrySummary).toEqual({
        eventId: event.eventId,
        regionCode: '450100',
        total: 3,
        byStatus: [
          { status: 'DRAFT', count: 1 },
          { status: 'SUBMITTED', count: 1 },
          { status: 'ACCEPTED', count: 1 },
        ],
        byCategory: [
          {
            categoryId: event.leaf['BZ-01'],
            categoryCode: 'BZ-01',
            categoryName: '类别 BZ-01',
            total: 1,
            byStatus: [{ status: 'ACCEPTED', count: 1 }],
          },
          {
            categoryId: event.leaf['TC-01'],
            categoryCode: 'TC-01',
            categoryName: '类别 TC-01',
            total: 2,
            byStatus: [
              { status: 'DRAFT', count: 1 },
              { status: 'SUBMITTED', count: 1 },
            ],
          },
        ],
      });
      const own = await app.gql(SUMMARY, { e: event.eventId, r: '450100' }, coordinator);
      expect(own.data!.entrySummary).toEqual(res.data!.entrySummary);
    });

    it('NOT_YOUR_REGION (FORBIDDEN) for a coordinator asking for another region', async () => {
      const res = await app.gql(SUMMARY, { e: event.eventId, r: '450200' }, coordinator);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'NOT_YOUR_REGION',
      });
      expect(res.data).toBeNull();
    });

    it('entrySummary for an organiser: every region, or the one asked for', async () => {
      const all = await app.gql(SUMMARY, { e: event.eventId }, organiser);
      expect(all.errors).toBeUndefined();
      expect(all.data!.entrySummary).toMatchObject({
        regionCode: null,
        total: 5,
        byStatus: [
          { status: 'DRAFT', count: 2 },
          { status: 'SUBMITTED', count: 1 },
          { status: 'ACCEPTED', count: 1 },
          { status: 'REJECTED', count: 1 },
        ],
      });
      expect(all.data!.entrySummary.byCategory.map((c: any) => [c.categoryCode, c.total])).toEqual([
        ['BZ-01', 1],
        ['TC-01', 3],
        ['TC-02', 1],
      ]);

      const one = await app.gql(SUMMARY, { e: event.eventId, r: '450200' }, organiser);
      expect(one.data!.entrySummary).toMatchObject({
        regionCode: '450200',
        total: 2,
        byStatus: [
          { status: 'DRAFT', count: 1 },
          { status: 'REJECTED', count: 1 },
        ],
      });
      expect(
        one.data!.entrySummary.byCategory.map((c: any) => [c.categoryCode, c.byStatus]),
      ).toEqual([
        ['TC-01', [{ status: 'REJECTED', count: 1 }]],
        ['TC-02', [{ status: 'DRAFT', count: 1 }]],
      ]);
    });

    it('entrySummary is not for entrants or judges, nor for an unknown event', async () => {
      for (const token of [a.token, judge]) {
        expect(
          (await app.gql(SUMMARY, { e: event.eventId }, token)).errors?.[0].extensions.code,
        ).toBe('FORBIDDEN');
      }
      const missing = await app.gql(SUMMARY, { e: randomUUID() }, organiser);
      expect(missing.errors?.[0].extensions).toMatchObject({
        code: 'NOT_FOUND',
        reason: 'EVENT_NOT_FOUND',
      });
    });

    it('the audit chain of the event still verifies after all of this', async () => {
      for (const e of [event, open]) {
        const res = await app.gql(
          'query($e:ID!){verifyAuditChain(eventId:$e){ok records firstBrokenId}}',
          { e: e.eventId },
          organiser,
        );
        expect(res.data!.verifyAuditChain).toMatchObject({ ok: true, firstBrokenId: null });
      }
    });
  });
});
