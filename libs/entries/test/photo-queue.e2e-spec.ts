import {
  attachPhoto,
  countStatements,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  entryInput,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';

/**
 * The photo queue as organisers see it (issue 22, docs/http.md "Photo queue"): per event, the
 * photos waiting and an estimate of when they are done from the rate measured over the last
 * minutes; the same few statements however many photos and events there are.
 */
describe('photo queue: waiting photos and the time to finish, per event', () => {
  let app: TestApp;
  let admin: string;
  let first: CraftsEvent;
  let second: CraftsEvent;
  let entrant: { token: string; entrantId: string };
  let seed = 5000;

  beforeAll(async () => {
    // No worker: every photo stays PENDING until the test says otherwise.
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    first = await craftsEvent(app, 'queue-a', { maxEntriesPerEntrant: 100 });
    second = await craftsEvent(app, 'queue-b', { maxEntriesPerEntrant: 100 });
    entrant = await registerEnterprise(app, '450100');
  });
  afterAll(() => app.close());

  const auth = (token: string) => ({ authorization: `Bearer ${token}` });
  const queueNow = (token = admin) => app.http().get('/api/photo-queue').set(auth(token));

  async function photographed(event: CraftsEvent, photos: number): Promise<string> {
    const res = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01']) } },
      entrant.token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const id = res.data!.createEntry.id as string;
    for (let i = 0; i < photos; i++) await attachPhoto(app, id, entrant.token, seed++);
    return id;
  }

  const lineOf = (body: any, eventId: string) =>
    body.events.find((e: any) => e.eventId === eventId);

  it('counts the waiting photos per event; no estimate before a photo is finished', async () => {
    await photographed(first, 3);
    await photographed(second, 2);
    await photographed(first, 1);
    const res = await queueNow();
    expect(res.status).toBe(200);
    expect(res.body.photosPerMinute).toBeNull();
    expect(lineOf(res.body, first.eventId)).toMatchObject({
      eventName: '展览 queue-a',
      pending: 4,
      processing: 0,
      // the first event's last photo came after the second event's two
      lineUpTo: 6,
      etaSeconds: null,
    });
    expect(lineOf(res.body, second.eventId)).toMatchObject({ pending: 2, lineUpTo: 5 });
  });

  it('estimates from the photos finished in the last minutes, the line shared by all events', async () => {
    // Two of the first event's photos were rendered over the last two minutes.
    await app.sql(
      `UPDATE images SET status = 'READY', updated_at = NOW(3) - INTERVAL 2 MINUTE
        WHERE id IN (SELECT id FROM (SELECT i.id FROM images i JOIN entries e ON e.id = i.entry_id
                      WHERE e.event_id = ? ORDER BY i.created_at LIMIT 1) x)`,
      [first.eventId],
    );
    await app.sql(
      `UPDATE images SET status = 'PROCESSING', updated_at = NOW(3)
        WHERE id IN (SELECT id FROM (SELECT i.id FROM images i JOIN entries e ON e.id = i.entry_id
                      WHERE e.event_id = ? AND i.status = 'PENDING' ORDER BY i.created_at LIMIT 1) x)`,
      [first.eventId],
    );
    await app.sql(
      `UPDATE images SET status = 'FAILED', updated_at = NOW(3)
        WHERE id IN (SELECT id FROM (SELECT i.id FROM images i JOIN entries e ON e.id = i.entry_id
                      WHERE e.event_id = ? AND i.status = 'PENDING' ORDER BY i.created_at LIMIT 1) x)`,
      [first.eventId],
    );
    const { body } = await queueNow();
    // 2 finished over the 2 minutes since the first of them: 1 a minute.
    expect(body.photosPerMinute).toBeCloseTo(1, 1);
    expect(lineOf(body, first.eventId)).toMatchObject({
      pending: 1,
      processing: 1,
      readyRecently: 1,
      failedRecently: 1,
      lineUpTo: 4,
    });
    // 4 in line at a photo a minute: about 4 minutes.
    expect(lineOf(body, first.eventId).etaSeconds).toBeGreaterThan(220);
    expect(lineOf(body, first.eventId).etaSeconds).toBeLessThan(260);
    expect(lineOf(body, second.eventId)).toMatchObject({ pending: 2, lineUpTo: 3 });
  });

  it('asks the database the same few statements for a hundred photos as for a few', async () => {
    await photographed(first, 1);
    await photographed(second, 1);
    const before = await countStatements(app.api, () => queueNow());
    for (let i = 0; i < 20; i++) await photographed(i % 2 ? first : second, 5);
    const after = await countStatements(app.api, () => queueNow());
    expect(after.result.body.events.length).toBe(2);
    // (the sign-in's user is read afresh now and then; it is not the queue's)
    const queueOnes = (statements: string[]) =>
      statements.filter((q) => !/token_version/.test(q)).map((q) => q.slice(0, 60));
    expect(queueOnes(after.statements)).toEqual(queueOnes(before.statements));
    expect(after.statements.filter((q) => /FROM images/.test(q))).toHaveLength(1);
  });

  it('is for organisers: an entrant and a coordinator are FORBIDDEN', async () => {
    const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    for (const token of [entrant.token, coordinator]) {
      const res = await queueNow(token);
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
  });
});
