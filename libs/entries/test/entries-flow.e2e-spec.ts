import {
  attachPhoto,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  DISQUALIFY_ENTRY,
  ENTRIES,
  ENTRY,
  entryInput,
  registerEnterprise,
  SCREEN_ENTRY,
  seedRegions,
  startTestApp,
  SUBMIT_ENTRY,
  TestApp,
  UPDATE_ENTRY,
  userWithRole,
  WITHDRAW_ENTRY,
} from '@app/testing';

/** An entry's life as users live it: filed, changed, submitted, screened, listed, audited. */
describe('entries from filing to screening', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'crafts-flow');
  });
  afterAll(() => app.close());

  it('an entrant files, changes and submits; an organiser accepts with an exhibit code that names nothing', async () => {
    const { token, entrantId } = await registerEnterprise(app, '450700', '钦州坭兴陶𠮷公司');
    const created = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01']) } },
      token,
    );
    expect(created.errors).toBeUndefined();
    const entry = created.data!.createEntry;
    expect(entry).toMatchObject({
      status: 'DRAFT',
      code: null,
      creators: ['李明', '阿依古丽·买买提'],
      patentNumbers: ['ZL201310123456.2'],
      patented: true,
      regionCode: '450700',
      category: { code: 'TC-01' },
      entrant: { id: entrantId, name: '钦州坭兴陶𠮷公司' },
    });

    const updated = await app.gql(
      UPDATE_ENTRY,
      {
        id: entry.id,
        entry: entryInput(event.leaf['TC-02'], { title: '艺术瓷花瓶 𠮷', patentNumbers: [] }),
      },
      token,
    );
    expect(updated.errors).toBeUndefined();
    expect(updated.data!.updateEntry).toMatchObject({
      title: '艺术瓷花瓶 𠮷',
      patented: false,
      category: { code: 'TC-02' },
    });

    // Not without a photo; with one, it goes through.
    const bare = await app.gql(SUBMIT_ENTRY, { id: entry.id }, token);
    expect(bare.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', reason: 'NO_IMAGES' });
    await attachPhoto(app, entry.id, token);
    const submitted = await app.gql(SUBMIT_ENTRY, { id: entry.id }, token);
    expect(submitted.data!.submitEntry.status).toBe('SUBMITTED');
    expect(submitted.data!.submitEntry.submittedAt).toEqual(expect.any(String));

    const accepted = await app.gql(SCREEN_ENTRY, { id: entry.id, d: 'ACCEPT' }, admin);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.screenEntry.status).toBe('ACCEPTED');
    expect(accepted.data!.screenEntry.code).toMatch(/^TC-02-\d{4}$/);

    // The entrant can no longer change it.
    const late = await app.gql(
      UPDATE_ENTRY,
      { id: entry.id, entry: entryInput(event.leaf['TC-02']) },
      token,
    );
    expect(late.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      reason: 'ENTRY_NOT_EDITABLE',
    });

    const disqualified = await app.gql(
      DISQUALIFY_ENTRY,
      { id: entry.id, reason: '非原创作品' },
      admin,
    );
    expect(disqualified.data!.disqualifyEntry).toMatchObject({
      status: 'DISQUALIFIED',
      screeningReason: '非原创作品',
    });

    const rows = await app.sql<{ action: string }>(
      'SELECT action FROM audit_records WHERE subject_id = ? ORDER BY seq',
      [entry.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'entry.created',
      'entry.updated',
      'image.added',
      'entry.submitted',
      'entry.accepted',
      'entry.disqualified',
    ]);
    const verified = await app.gql(
      `query($e:ID!){verifyAuditChain(eventId:$e){ok records firstBrokenId}}`,
      { e: event.eventId },
      admin,
    );
    expect(verified.data!.verifyAuditChain).toMatchObject({ ok: true, firstBrokenId: null });
  });

  it('a rejection needs a reason, and the entrant reads it', async () => {
    const { token } = await registerEnterprise(app);
    const id = (
      await app.gql(
        CREATE_ENTRY,
        { input: { eventId: event.eventId, entry: entryInput(event.leaf['BZ-01']) } },
        token,
      )
    ).data!.createEntry.id;
    await attachPhoto(app, id, token);
    await app.gql(SUBMIT_ENTRY, { id }, token);
    const bare = await app.gql(SCREEN_ENTRY, { id, d: 'REJECT' }, admin);
    expect(bare.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'REASON_REQUIRED',
    });
    await app.gql(SCREEN_ENTRY, { id, d: 'REJECT', reason: '照片不清晰' }, admin);
    const seen = await app.gql(ENTRY, { id }, token);
    expect(seen.data!.entry).toMatchObject({
      status: 'REJECTED',
      screeningReason: '照片不清晰',
      code: null,
    });
  });

  it('a withdrawn entry stops counting against the limit', async () => {
    const { token } = await registerEnterprise(app);
    const id = (
      await app.gql(
        CREATE_ENTRY,
        { input: { eventId: event.eventId, entry: entryInput(event.leaf['BZ-01']) } },
        token,
      )
    ).data!.createEntry.id;
    const withdrawn = await app.gql(WITHDRAW_ENTRY, { id }, token);
    expect(withdrawn.data!.withdrawEntry.status).toBe('WITHDRAWN');
  });

  it('entrants see only their own entries; coordinators their region; the public none', async () => {
    const a = await registerEnterprise(app, '450100');
    const b = await registerEnterprise(app, '450200');
    const aEntry = (
      await app.gql(
        CREATE_ENTRY,
        { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01']) } },
        a.token,
      )
    ).data!.createEntry.id;
    const bEntry = (
      await app.gql(
        CREATE_ENTRY,
        { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01']) } },
        b.token,
      )
    ).data!.createEntry.id;

    expect((await app.gql(ENTRY, { id: bEntry }, a.token)).errors?.[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    const own = await app.gql(ENTRIES, { eventId: event.eventId }, a.token);
    expect(own.data!.entries.edges.map((e: any) => e.node.id)).toEqual([aEntry]);

    const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450200' });
    const region = await app.gql(ENTRIES, { eventId: event.eventId }, coordinator);
    expect(region.data!.entries.edges.every((e: any) => e.node.regionCode === '450200')).toBe(true);
    expect(region.data!.entries.edges.map((e: any) => e.node.id)).toContain(bEntry);
    expect((await app.gql(ENTRY, { id: aEntry }, coordinator)).errors?.[0].extensions.code).toBe(
      'NOT_FOUND',
    );
    const change = await app.gql(
      UPDATE_ENTRY,
      { id: bEntry, entry: entryInput(event.leaf['TC-01']) },
      coordinator,
    );
    expect(change.errors?.[0].extensions.code).toBe('FORBIDDEN');

    const anonymous = await app.gql(ENTRIES, { eventId: event.eventId });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await app.gql(ENTRY, { id: aEntry })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    const judge = await userWithRole(app, 'JUDGE');
    expect(
      (await app.gql(ENTRIES, { eventId: event.eventId }, judge)).errors?.[0].extensions.code,
    ).toBe('FORBIDDEN');
  });

  it('an organiser files on behalf of an entrant, and a parent category filter matches its children', async () => {
    const { entrantId } = await registerEnterprise(app, '450300');
    const filed = await app.gql(
      CREATE_ENTRY,
      {
        input: {
          eventId: event.eventId,
          entrantId,
          entry: entryInput(event.leaf['TC-02'], { title: '桂林山水瓷盘' }),
        },
      },
      admin,
    );
    expect(filed.data!.createEntry.entrant.id).toBe(entrantId);
    const byParent = await app.gql(
      ENTRIES,
      { eventId: event.eventId, filter: { categoryId: event.parent.TC, search: '山水' } },
      admin,
    );
    expect(byParent.data!.entries.edges.map((e: any) => e.node.title)).toEqual(['桂林山水瓷盘']);
    const byCreator = await app.gql(
      ENTRIES,
      { eventId: event.eventId, filter: { search: '阿依古丽' } },
      admin,
    );
    expect(byCreator.data!.entries.totalCount).toBeGreaterThan(0);
  });
});
