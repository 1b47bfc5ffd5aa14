import { createHash } from 'node:crypto';
import { GqlResult, TestApp } from '@app/testing';
import { CLOSE, RETABULATE, seedRound } from '../../results/test/results-fixtures';

export const PUBLICATION_FIELDS = `id roundId version status publishedAt noticeEndsAt hash
  items{entryCode title entrantName regionName categoryName award{key name rank} rank thumbnailUrl certificateCode}
  objections{id publicationId entryCode reason status response createdAt}`;
export const PUBLISH = `mutation($r:ID!,$n:DateTime!){publishResults(roundId:$r,noticeEndsAt:$n){${PUBLICATION_FIELDS}}}`;
export const PUBLICATION = `query($id:ID!){publication(id:$id){${PUBLICATION_FIELDS}}}`;
export const PUBLISHED = `query($s:String!){publishedResults(eventSlug:$s){${PUBLICATION_FIELDS}}}`;
export const FINALISE = `mutation($id:ID!){finalisePublication(id:$id){${PUBLICATION_FIELDS}}}`;
export const OBJECT = `mutation($input:ObjectionInput!){fileObjection(input:$input){id publicationId entryCode reason status response createdAt}}`;
export const RESOLVE = `mutation($id:ID!,$u:Boolean!,$r:String!){resolveObjection(id:$id,upheld:$u,response:$r){id status response}}`;
export const VERIFY = `query($c:String!){verifyCertificate(code:$c){code entryCode title entrantName award{key name} publicationId publicationVersion publicationStatus publicationHash}}`;
export const CHANGES = `query($a:ID!,$b:ID!){publicationChanges(fromId:$a,toId:$b){from{id version} to{id version} changes{entryCode title listedBefore listedAfter awardBefore{key} awardAfter{key} rankBefore rankAfter} auditRecords{action subjectType detail}}}`;

export const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

export function reasonOf(res: GqlResult): { code: string; reason?: string } | undefined {
  const e = res.errors?.[0].extensions;
  return e ? { code: e.code, reason: e.reason } : undefined;
}

/** A judged round, closed and tabulated (version 1), and its event's slug. */
export async function tabulatedRound(app: TestApp, admin: string, entries = 24) {
  const seeded = await seedRound(app, entries);
  const closed = await app.gql(CLOSE, { id: seeded.roundId }, admin);
  if (closed.errors) throw new Error(JSON.stringify(closed.errors));
  const tabulated = await app.gql(RETABULATE, { id: seeded.roundId }, admin);
  if (tabulated.errors) throw new Error(JSON.stringify(tabulated.errors));
  const [event] = await app.sql<{ slug: string }>('SELECT slug FROM events WHERE id = ?', [
    seeded.eventId,
  ]);
  return { ...seeded, slug: event.slug };
}

/**
 * Two tabulated rounds of `entries` entries, both published with five days' notice: the first
 * left in its NOTICE period, the second's notice moved into the past and the publication
 * finalised. Returns both publications as the API answered them.
 */
export async function noticeAndFinal(app: TestApp, admin: string, entries: number) {
  const first = await tabulatedRound(app, admin, entries);
  const notice = (await app.gql(PUBLISH, { r: first.roundId, n: inDays(5) }, admin)).data!
    .publishResults;
  const second = await tabulatedRound(app, admin, entries);
  const published = (await app.gql(PUBLISH, { r: second.roundId, n: inDays(5) }, admin)).data!
    .publishResults;
  await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
    new Date(Date.now() - 1000),
    published.id,
  ]);
  const final = (await app.gql(FINALISE, { id: published.id }, admin)).data!.finalisePublication;
  return { notice, final };
}

/** §8's hash, computed here independently: JSON.stringify writes keys in the order given. */
interface ItemOfHash {
  entryCode: string;
  title: string;
  entrantName: string;
  regionName: string;
  categoryName: string;
  award: { key: string } | null;
  rank: number | null;
}

export function expectedHash(items: ItemOfHash[]): string {
  const json = JSON.stringify(
    items.map((i) => ({
      entryCode: i.entryCode,
      title: i.title,
      entrantName: i.entrantName,
      regionName: i.regionName,
      categoryName: i.categoryName,
      award: i.award?.key ?? null,
      rank: i.rank,
    })),
  );
  return createHash('sha256').update(json, 'utf8').digest('hex');
}

/** The entry's result in the tabulation as stored, with its category code. */
export async function storedResults(app: TestApp, roundId: string) {
  return app.sql<{
    code: string;
    award: string | null;
    advanced: number;
    rank: number | null;
    categoryCode: string;
    tierRank: number | null;
  }>(
    `SELECT e.code, r.award, r.advanced, r.rank, c.code AS categoryCode, t.\`rank\` AS tierRank
       FROM entry_results r
       JOIN tabulations tb ON tb.id = r.tabulation_id
       JOIN entries e ON e.id = r.entry_id
       JOIN categories c ON c.id = e.category_id
       LEFT JOIN round_award_tiers t ON t.round_id = tb.round_id AND t.\`key\` = r.award
      WHERE tb.round_id = ? AND tb.version = (SELECT MAX(version) FROM tabulations WHERE round_id = ?)`,
    [roundId, roundId],
  );
}

export { pdfQr, pdfText } from '../../../test/helpers/pdf-reader';

/** The names in a ZIP's central directory (every entry has one). */
export function zipNames(zip: Buffer): string[] {
  const names: string[] = [];
  for (let at = zip.indexOf('PK\x01\x02', 0, 'latin1'); at >= 0;) {
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
    at = zip.indexOf('PK\x01\x02', at + 46 + nameLength + extra + comment, 'latin1');
  }
  return names;
}

/** A GET whose body is kept as bytes (PDFs, ZIPs, CSV with its BOM), with a token if given. */
export function getBytes(app: TestApp, path: string, token?: string) {
  const req = app
    .http()
    .get(path)
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  return token ? req.set('authorization', `Bearer ${token}`) : req;
}

/** The JSON error body of a refused download. */
export const errorOf = (res: { body: Buffer }) => JSON.parse(res.body.toString('utf8'));
