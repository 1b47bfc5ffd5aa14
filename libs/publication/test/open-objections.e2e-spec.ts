import { fulfilled, startTestApp, TestApp, together, userWithRole } from '@app/testing';
import { inDays, OBJECT, PUBLISH, reasonOf, RESOLVE, tabulatedRound } from './publication-fixtures';

const COUNTS = `query($e:ID){openObjectionCounts(eventId:$e){eventId roundId open oldestFiledAt newestFiledAt}}`;
const OPEN = `query($r:ID!){openObjections(roundId:$r){id publicationId entryCode reason status createdAt}}`;
const PUBLISH_SCORED = `mutation($r:ID!,$n:DateTime!,$s:Boolean!){publishResults(roundId:$r,noticeEndsAt:$n,showScores:$s){id showScores finalisedAt items{entryCode score}}}`;
const PUBLISHED_SCORES = `query($s:String!){publishedResults(eventSlug:$s){id version showScores items{entryCode score}}}`;

/**
 * Issue 21: the organisers' flag for objections nobody has answered (a count per round, and
 * the objections of a round, any version), and the scores of a publication shown only where
 * the organiser chose to publish them.
 */
describe('open objections and published scores', () => {
  let app: TestApp;
  let admin: string;
  let judge: string;
  let first: Awaited<ReturnType<typeof tabulatedRound>>;
  let second: Awaited<ReturnType<typeof tabulatedRound>>;

  /** A public objection, from its own address (each address may file 10 an hour). */
  const file = (publicationId: string, entryCode: string, from: string) =>
    app.gql(
      OBJECT,
      { input: { publicationId, entryCode, reason: '评分与作品水平明显不符' } },
      undefined,
      { 'x-forwarded-for': from },
    );

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    judge = await userWithRole(app, 'JUDGE');
    first = await tabulatedRound(app, admin, 6);
    second = await tabulatedRound(app, admin, 6);
  });
  afterAll(() => app.close());

  it('is read by organisers only', async () => {
    const asJudge = await app.gql(COUNTS, {}, judge);
    expect(reasonOf(asJudge)).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect(reasonOf(await app.gql(COUNTS, {}))?.code).toBe('UNAUTHENTICATED');
    const roundAsJudge = await app.gql(OPEN, { r: first.roundId }, judge);
    expect(reasonOf(roundAsJudge)).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect((await app.gql(COUNTS, {}, admin)).data!.openObjectionCounts).toEqual([]);
    expect((await app.gql(COUNTS, { e: 'not-an-id' }, admin)).data!.openObjectionCounts).toEqual(
      [],
    );
  });

  it('counts the OPEN objections of each round, filed together, those of a superseded version included', async () => {
    const v1 = (await app.gql(PUBLISH, { r: first.roundId, n: inDays(5) }, admin)).data!
      .publishResults;
    const other = (await app.gql(PUBLISH, { r: second.roundId, n: inDays(5) }, admin)).data!
      .publishResults;
    const code = v1.items[0].entryCode;
    // Five filed at the same moment against the first round, one against the second.
    const filed = fulfilled(await together(5, (i) => file(v1.id, code, `198.51.100.${i + 1}`))).map(
      (res) => {
        expect(res.errors).toBeUndefined();
        return res.data!.fileObjection as { id: string; createdAt: string };
      },
    );
    expect((await file(other.id, other.items[0].entryCode, '198.51.100.9')).errors).toBeUndefined();

    const counts = (await app.gql(COUNTS, {}, admin)).data!.openObjectionCounts;
    const byRound = new Map<string, any>(counts.map((c: any) => [c.roundId, c]));
    expect(byRound.get(first.roundId)).toMatchObject({ eventId: first.eventId, open: 5 });
    expect(byRound.get(second.roundId)).toMatchObject({ eventId: second.eventId, open: 1 });
    const times = filed.map((o) => o.createdAt).sort();
    expect(byRound.get(first.roundId).oldestFiledAt).toBe(times[0]);
    expect(byRound.get(first.roundId).newestFiledAt).toBe(times[4]);
    // Of one event.
    const ofFirst = (await app.gql(COUNTS, { e: first.eventId }, admin)).data!.openObjectionCounts;
    expect(ofFirst.map((c: any) => [c.roundId, c.open])).toEqual([[first.roundId, 5]]);

    // A second version supersedes the first: its objections still wait for an answer.
    const v2 = (await app.gql(PUBLISH, { r: first.roundId, n: inDays(5) }, admin)).data!
      .publishResults;
    const open = (await app.gql(OPEN, { r: first.roundId }, admin)).data!.openObjections;
    expect(open.map((o: any) => o.id)).toEqual(
      [...filed]
        .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
        .map((o) => o.id),
    );
    expect(open.every((o: any) => o.publicationId === v1.id && o.status === 'OPEN')).toBe(true);
    expect(open[0].reason).toBe('评分与作品水平明显不符');

    // Answered ones leave the count; the last answer takes the round off the list.
    for (const [i, objection] of filed.entries()) {
      const res = await app.gql(
        RESOLVE,
        { id: objection.id, u: false, r: '经复核，评分无误。' },
        admin,
      );
      expect(res.errors).toBeUndefined();
      const left = (await app.gql(COUNTS, { e: first.eventId }, admin)).data!.openObjectionCounts;
      expect(left.map((c: any) => c.open)).toEqual(i < 4 ? [4 - i] : []);
    }
    expect((await app.gql(OPEN, { r: first.roundId }, admin)).data!.openObjections).toEqual([]);
    expect(v2.version).toBe(2);
  });

  it('answers scores only for a publication published with showScores, to anyone', async () => {
    const round = await tabulatedRound(app, admin, 6);
    const hidden = await app.gql(
      PUBLISH_SCORED,
      { r: round.roundId, n: inDays(5), s: false },
      admin,
    );
    expect(hidden.errors).toBeUndefined();
    expect(hidden.data!.publishResults.finalisedAt).toBeNull();
    const seen = async (token?: string) =>
      (await app.gql(PUBLISHED_SCORES, { s: round.slug }, token)).data!.publishedResults;
    for (const token of [undefined, admin]) {
      const [off] = await seen(token);
      expect(off.showScores).toBe(false);
      expect(off.items.length).toBeGreaterThan(0);
      expect(off.items.map((i: any) => i.score)).toEqual(off.items.map(() => null));
    }
    const [{ n }] = await app.sql<{ n: number }>(
      'SELECT COUNT(*) AS n FROM published_items WHERE publication_id = ? AND score IS NOT NULL',
      [hidden.data!.publishResults.id],
    );
    expect(Number(n)).toBe(0);

    // A new version, with scores: the public reads each item's reported aggregate.
    const shown = await app.gql(PUBLISH_SCORED, { r: round.roundId, n: inDays(5), s: true }, admin);
    expect(shown.errors).toBeUndefined();
    const reported = await app.sql<{ code: string; score: string }>(
      `SELECT e.code, r.score FROM entry_results r JOIN entries e ON e.id = r.entry_id
        JOIN tabulations t ON t.id = r.tabulation_id WHERE t.round_id = ?`,
      [round.roundId],
    );
    const scoreOf = new Map(reported.map((r) => [r.code, Number(r.score)]));
    const [on] = await seen();
    expect([on.version, on.showScores]).toEqual([2, true]);
    for (const item of on.items) {
      expect(typeof item.score).toBe('number');
      expect(item.score).toBe(scoreOf.get(item.entryCode));
    }
  });
});
