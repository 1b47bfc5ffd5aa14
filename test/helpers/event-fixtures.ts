import { creditCode, REGISTER_ENTRANT, CREATE_USER, seedRegions } from './fixtures';
import { attachPhoto } from './image-fixtures';
import type { TestApp } from './test-app';

export const CREATE_EVENT =
  'mutation($input:CreateEventInput!){createEvent(input:$input){id slug name kind status submissionOpensAt submissionClosesAt maxEntriesPerEntrant maxImagesPerEntry}}';
export const SET_EVENT_STATUS =
  'mutation($id:ID!,$s:EventStatus!){setEventStatus(eventId:$id,status:$s){id status}}';
export const CREATE_CATEGORY =
  'mutation($input:CreateCategoryInput!){createCategory(input:$input){id code name parentId}}';
export const ENTRY_FIELDS =
  'id eventId code status title description materials techniques dimensions creators itemCount yearCreated patentNumbers patented regionCode screeningReason submittedAt category{id code} entrant{id name}';
export const CREATE_ENTRY = `mutation($input:CreateEntryInput!){createEntry(input:$input){${ENTRY_FIELDS}}}`;
export const UPDATE_ENTRY = `mutation($id:ID!,$entry:EntryInput!){updateEntry(id:$id,entry:$entry){${ENTRY_FIELDS}}}`;
export const SUBMIT_ENTRY = `mutation($id:ID!){submitEntry(id:$id){${ENTRY_FIELDS}}}`;
export const WITHDRAW_ENTRY = `mutation($id:ID!,$reason:String){withdrawEntry(id:$id,reason:$reason){${ENTRY_FIELDS}}}`;
export const SCREEN_ENTRY = `mutation($id:ID!,$d:ScreeningDecision!,$reason:String){screenEntry(id:$id,decision:$d,reason:$reason){${ENTRY_FIELDS}}}`;
export const DISQUALIFY_ENTRY = `mutation($id:ID!,$reason:String!){disqualifyEntry(id:$id,reason:$reason){${ENTRY_FIELDS}}}`;
export const ENTRY = `query($id:ID!){entry(id:$id){${ENTRY_FIELDS}}}`;
export const ENTRIES = `query($eventId:ID!,$filter:EntryFilter,$first:Int,$after:String){entries(eventId:$eventId,filter:$filter,first:$first,after:$after){totalCount pageInfo{hasNextPage endCursor} edges{cursor node{${ENTRY_FIELDS}}}}}`;

export interface CraftsEvent {
  eventId: string;
  /** leaf category ids by code */
  leaf: Record<string, string>;
  /** parent category ids by code */
  parent: Record<string, string>;
}

/** An OPEN crafts exhibition with two-level categories: TC (TC-01, TC-02) and BZ (BZ-01). */
export async function craftsEvent(
  app: TestApp,
  slug: string,
  extra: Record<string, unknown> = {},
): Promise<CraftsEvent> {
  const admin = await app.adminToken();
  const created = await app.gql(
    CREATE_EVENT,
    { input: { slug, name: `展览 ${slug}`, kind: 'CRAFTS_EXHIBITION', ...extra } },
    admin,
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const eventId = created.data!.createEvent.id as string;
  const category = async (code: string, name: string, parentId: string | null) => {
    const res = await app.gql(CREATE_CATEGORY, { input: { eventId, code, name, parentId } }, admin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createCategory.id as string;
  };
  const tc = await category('TC', '陶瓷', null);
  const bz = await category('BZ', '编织', null);
  const leaf = {
    'TC-01': await category('TC-01', '坭兴陶', tc),
    'TC-02': await category('TC-02', '艺术瓷', tc),
    'BZ-01': await category('BZ-01', '竹编', bz),
  };
  const opened = await app.gql(SET_EVENT_STATUS, { id: eventId, s: 'OPEN' }, admin);
  if (opened.errors) throw new Error(JSON.stringify(opened.errors));
  return { eventId, leaf, parent: { TC: tc, BZ: bz } };
}

let entrantCounter = 0;

/** Registers an enterprise entrant in a region; answers its token and entrant id. */
export async function registerEnterprise(
  app: TestApp,
  regionCode = '450100',
  name = `企业${++entrantCounter}`,
): Promise<{ token: string; entrantId: string; email: string }> {
  const n = Math.floor(Math.random() * 900_000) + entrantCounter;
  const email = `ent-${n}@example.com`;
  const res = await app.gql(REGISTER_ENTRANT, {
    input: {
      email,
      password: 'correct horse battery',
      name,
      type: 'ENTERPRISE',
      creditCode: creditCode(n),
      regionCode,
    },
  });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return {
    token: res.data!.registerEntrant.token,
    entrantId: res.data!.registerEntrant.user.entrant.id,
    email,
  };
}

/** Creates a user of a role (as the admin) and signs them in. */
export async function userWithRole(
  app: TestApp,
  role: 'ORGANISER' | 'JUDGE' | 'COORDINATOR',
  extra: Record<string, unknown> = {},
): Promise<string> {
  const email = `${role.toLowerCase()}-${Math.floor(Math.random() * 1e9)}@example.com`;
  const res = await app.gql(
    CREATE_USER,
    { input: { email, password: 'correct horse battery', name: `${role} 用户`, role, ...extra } },
    await app.adminToken(),
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return app.login(email, 'correct horse battery');
}

export function entryInput(categoryId: string, extra: Record<string, unknown> = {}) {
  return {
    categoryId,
    title: '坭兴陶茶具',
    materials: '钦州坭兴陶土',
    techniques: '手工拉坯',
    dimensions: '30×20×15 cm',
    creators: ['李明', '阿依古丽·买买提'],
    itemCount: 3,
    yearCreated: 2025,
    patentNumbers: ['ZL201310123456.2'],
    ...extra,
  };
}

/**
 * An entry its entrant creates in `categoryId`, gives a photo (test JPEG `photoSeed`) and submits,
 * then accepted in screening by `adminToken` (unless `accept` is false). Answers its id.
 */
export async function acceptedEntry(
  app: TestApp,
  entry: {
    eventId: string;
    categoryId: string;
    entrantToken: string;
    adminToken: string;
    photoSeed?: number;
    accept?: boolean;
  },
): Promise<string> {
  const created = await app.gql(
    CREATE_ENTRY,
    { input: { eventId: entry.eventId, entry: entryInput(entry.categoryId) } },
    entry.entrantToken,
  );
  if (created.errors) throw new Error(JSON.stringify(created.errors));
  const id = created.data!.createEntry.id as string;
  await attachPhoto(app, id, entry.entrantToken, entry.photoSeed ?? 0);
  const submitted = await app.gql(SUBMIT_ENTRY, { id }, entry.entrantToken);
  if (submitted.errors) throw new Error(JSON.stringify(submitted.errors));
  if (entry.accept ?? true) {
    const screened = await app.gql(SCREEN_ENTRY, { id, d: 'ACCEPT' }, entry.adminToken);
    if (screened.errors) throw new Error(JSON.stringify(screened.errors));
  }
  return id;
}

/** `count` entries made by acceptedEntry, one after another, with photo seeds 0, 1, 2, … */
export async function acceptedEntries(
  app: TestApp,
  count: number,
  entry: Omit<Parameters<typeof acceptedEntry>[1], 'photoSeed'>,
): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await acceptedEntry(app, { ...entry, photoSeed: i }));
  return ids;
}

/** A JUDGE created by the admin and signed in: their token and user id. */
export async function judgeUser(app: TestApp): Promise<{ token: string; id: string }> {
  const token = await userWithRole(app, 'JUDGE');
  return { token, id: (await app.gql('{me{id}}', {}, token)).data!.me.id as string };
}

/**
 * Where the judging tests start: regions seeded, a crafts event (`slug`), one enterprise
 * (`regionCode`, `name`) with `count` entries in TC-01, each photographed, submitted and accepted.
 */
export async function craftsEventWithEntries(
  app: TestApp,
  slug: string,
  count: number,
  regionCode = '450100',
  name?: string,
) {
  await seedRegions(app);
  const admin = await app.adminToken();
  const event = await craftsEvent(app, slug);
  const entrant = await registerEnterprise(app, regionCode, name);
  const entries = await acceptedEntries(app, count, {
    eventId: event.eventId,
    categoryId: event.leaf['TC-01'],
    entrantToken: entrant.token,
    adminToken: admin,
  });
  return { admin, event, entrant, entries };
}
