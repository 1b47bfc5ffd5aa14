import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Role, systemCtx } from '@app/core';
import { EntryQueryService } from '@app/entries';
import { EntryEntity } from '../src/entry/entry.entity';
import {
  attachPhoto,
  userWithRole,
  countStatements,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  ENTRIES,
  entryInput,
  registerEnterprise,
  seedRegions,
  startTestApp,
  TestApp,
} from '@app/testing';

const PAGE_WITH_RELATIONS = `query($eventId:ID!,$first:Int,$after:String){entries(eventId:$eventId,first:$first,after:$after){
  totalCount pageInfo{hasNextPage endCursor}
  edges{cursor node{id title category{id code name} entrant{id name region{code name}}}}}}`;

const PAGE_WITH_IMAGES = `query($eventId:ID!,$first:Int){entries(eventId:$eventId,first:$first){
  edges{node{id images{id status renditions{size url}} category{code} entrant{name region{name}}}}}}`;

/** Listing: cursor pages that hold while entries are added, filters, and a fixed SQL cost. */
describe('listing entries', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  const filed: string[] = [];

  async function file(entrantId: string, categoryId: string, title: string): Promise<string> {
    const res = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: event.eventId, entrantId, entry: entryInput(categoryId, { title }) } },
      admin,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createEntry.id;
  }

  beforeAll(async () => {
    app = await startTestApp();
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'crafts-listing', { maxEntriesPerEntrant: 100 });
    const regions = ['450100', '450200', '450300', '450400'];
    const entrants = await Promise.all(regions.map((r) => registerEnterprise(app, r)));
    const leaves = Object.values(event.leaf);
    for (let i = 0; i < 60; i++) {
      filed.push(
        await file(entrants[i % 4].entrantId, leaves[i % 3], `作品 ${String(i).padStart(2, '0')}`),
      );
    }
  });
  afterAll(() => app.close());

  it('pages through every entry once, in filing order, while new entries arrive', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    const { entrantId } = await registerEnterprise(app);
    for (;;) {
      const res: any = await app.gql(ENTRIES, { eventId: event.eventId, first: 7, after }, admin);
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.entries.edges.map((e: any) => e.node.id));
      if (pages++ === 2) filed.push(await file(entrantId, event.leaf['BZ-01'], '中途加入的作品'));
      if (!res.data.entries.pageInfo.hasNextPage) break;
      after = res.data.entries.pageInfo.endCursor;
    }
    expect(seen).toEqual(filed);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('counts every match, whatever the page', async () => {
    const res = await app.gql(
      ENTRIES,
      { eventId: event.eventId, first: 5, filter: { regionCode: '450200' } },
      admin,
    );
    expect(res.data!.entries.totalCount).toBe(15);
    expect(res.data!.entries.edges).toHaveLength(5);
    expect(res.data!.entries.pageInfo.hasNextPage).toBe(true);
  });

  it('filters by leaf, by parent (its children), by status', async () => {
    const leaf = await app.gql(
      ENTRIES,
      { eventId: event.eventId, filter: { categoryId: event.leaf['TC-01'] } },
      admin,
    );
    const parent = await app.gql(
      ENTRIES,
      { eventId: event.eventId, filter: { categoryId: event.parent.TC } },
      admin,
    );
    const drafts = await app.gql(
      ENTRIES,
      { eventId: event.eventId, filter: { status: 'DRAFT' } },
      admin,
    );
    const accepted = await app.gql(
      ENTRIES,
      { eventId: event.eventId, filter: { status: 'ACCEPTED' } },
      admin,
    );
    expect(leaf.data!.entries.totalCount).toBe(20);
    expect(parent.data!.entries.totalCount).toBe(40);
    expect(drafts.data!.entries.totalCount).toBe(filed.length);
    expect(accepted.data!.entries.totalCount).toBe(0);
  });

  it('refuses a page size out of range, a forged cursor and a category of another event', async () => {
    for (const first of [0, 101, -1]) {
      const res = await app.gql(ENTRIES, { eventId: event.eventId, first }, admin);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_PAGE_SIZE',
      });
    }
    for (const after of ['not-a-cursor', Buffer.from('["x","y"]').toString('base64url')]) {
      const res = await app.gql(ENTRIES, { eventId: event.eventId, after }, admin);
      expect(res.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        reason: 'INVALID_CURSOR',
      });
    }
    const other = await craftsEvent(app, 'crafts-listing-other');
    const res = await app.gql(
      ENTRIES,
      { eventId: event.eventId, filter: { categoryId: other.leaf['TC-01'] } },
      admin,
    );
    expect(res.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      reason: 'CATEGORY_NOT_IN_EVENT',
    });
    const missing = await app.gql(
      ENTRIES,
      { eventId: '00000000-0000-4000-8000-000000000000' },
      admin,
    );
    expect(missing.errors?.[0].extensions).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'EVENT_NOT_FOUND',
    });
  });

  /**
   * The statements of a request without the viewer's token check, which a process does at most
   * once a second per user (UserService.authFacts); checked to be that lookup and at most one.
   */
  const withoutAuth = (statements: string[]) => {
    const auth = statements.filter((sql) =>
      /^SELECT id, role, entrant_id, region_code, token_version\b[^]*?\bFROM users\b/.test(sql),
    );
    expect(auth.length).toBeLessThanOrEqual(1);
    return statements.filter((sql) => !auth.includes(sql));
  };

  it('a page with category, entrant and region costs a fixed number of SQL statements, whatever its size', async () => {
    const cost = async (first: number, query = PAGE_WITH_RELATIONS, token = admin) => {
      const { result, statements } = await countStatements(app.api, () =>
        app.gql(query, { eventId: event.eventId, first }, token),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data!.entries.edges).toHaveLength(first);
      return withoutAuth(statements);
    };
    const fifty = await cost(50);
    const ten = await cost(10);
    // the page, the count, then one IN (…) each for categories and for entrants (their
    // regions joined in). An organiser's page proves the event exists.
    expect(fifty).toHaveLength(4);
    expect(ten).toHaveLength(fifty.length);

    // With photos and their renditions (no count asked): one IN (…) more each. No worker runs
    // here, so the photos are marked READY by hand for their renditions to be looked up.
    const photographed = filed.slice(0, 12);
    for (const [i, id] of photographed.entries()) await attachPhoto(app, id, admin, i);
    await app.sql("UPDATE images SET status = 'READY'");
    const withImages = await cost(50, PAGE_WITH_IMAGES);
    expect(withImages).toHaveLength(5);
    expect(withImages.filter((sql) => /FROM `image_renditions`/.test(sql))).toHaveLength(1);
    expect(await cost(10, PAGE_WITH_IMAGES)).toHaveLength(5);

    // Anyone else's page also looks the event up (may this viewer see it?), beside the page.
    const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    const { statements } = await countStatements(app.api, () =>
      app.gql(PAGE_WITH_RELATIONS, { eventId: event.eventId, first: 5 }, coordinator),
    );
    expect(withoutAuth(statements)).toHaveLength(5);
  });

  it('reads a page by hand-written SQL into exactly what the repository reads, every column', async () => {
    const ctx = {
      ...systemCtx('test'),
      viewer: { userId: randomUUID(), role: Role.ADMIN, entrantId: null, regionCode: null },
    };
    const page = await app.api.get(EntryQueryService).page(ctx, event.eventId, {}, 30, null);
    expect(page.rows).toHaveLength(30);
    const byRepository = await app.api
      .get(DataSource)
      .getRepository(EntryEntity)
      .findBy({ id: In(page.rows.map((row) => row.id)) });
    for (const row of page.rows) {
      expect(row).toEqual(byRepository.find((entry) => entry.id === row.id));
    }
  });
});
