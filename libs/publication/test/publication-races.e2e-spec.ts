import { startTestApp, TestApp } from '@app/testing';
import { FINALISE, inDays, PUBLISH, reasonOf, tabulatedRound } from './publication-fixtures';

/** Requests that arrive together: the round's lock makes them take turns. */
describe('publication races', () => {
  let app: TestApp;
  let admin: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
  });
  afterAll(() => app.close());

  it('three publishes at once make versions 1, 2 and 3: the last NOTICE, the others SUPERSEDED', async () => {
    const round = await tabulatedRound(app, admin, 8);
    const results = await Promise.all(
      [1, 2, 3].map(() => app.gql(PUBLISH, { r: round.roundId, n: inDays(2) }, admin)),
    );
    expect(results.map((r) => r.errors)).toEqual([undefined, undefined, undefined]);
    expect(results.map((r) => r.data!.publishResults.version).sort()).toEqual([1, 2, 3]);
    const rows = await app.sql<{ version: number; status: string }>(
      'SELECT version, status FROM publications WHERE round_id = ? ORDER BY version',
      [round.roundId],
    );
    expect(rows).toEqual([
      { version: 1, status: 'SUPERSEDED' },
      { version: 2, status: 'SUPERSEDED' },
      { version: 3, status: 'NOTICE' },
    ]);
  });

  it('two finalises at once: one makes it FINAL, the other is PUBLICATION_FINAL; codes given once', async () => {
    const round = await tabulatedRound(app, admin, 12);
    const published = (await app.gql(PUBLISH, { r: round.roundId, n: inDays(2) }, admin)).data!
      .publishResults;
    await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      published.id,
    ]);
    const [a, b] = await Promise.all([
      app.gql(FINALISE, { id: published.id }, admin),
      app.gql(FINALISE, { id: published.id }, admin),
    ]);
    const outcomes = [a, b].map((r) =>
      r.errors ? reasonOf(r)!.reason : r.data!.finalisePublication.status,
    );
    expect(outcomes.sort()).toEqual(['FINAL', 'PUBLICATION_FINAL']);
    const audited = await app.sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM audit_records WHERE action = 'publication.finalised' AND subject_id = ?",
      [published.id],
    );
    expect(Number(audited[0].n)).toBe(1);
    const awarded = published.items.filter((i: any) => i.award).length;
    const coded = await app.sql<{ n: number }>(
      'SELECT COUNT(*) AS n FROM published_items WHERE publication_id = ? AND certificate_code IS NOT NULL',
      [published.id],
    );
    expect(Number(coded[0].n)).toBe(awarded);
  });
});
