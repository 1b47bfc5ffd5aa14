import { startTestApp, TestApp } from '@app/testing';
import { inDays, OBJECT, PUBLISH, reasonOf, RESOLVE, tabulatedRound } from './publication-fixtures';

const STATUS = `query($id:ID!){objectionStatus(id:$id){id publicationId entryCode status response createdAt resolvedAt}}`;

/**
 * The filer's side of an objection: a reason that says something (at least four Chinese
 * characters or eight letters), and looking the objection up later by the id it was given.
 */
describe('objections, as their filer sees them', () => {
  let app: TestApp;
  let admin: string;
  let publicationId: string;
  let entryCode: string;

  const file = (reason: string, from = '192.0.2.10') =>
    app.gql(OBJECT, { input: { publicationId, entryCode, reason } }, undefined, {
      'x-forwarded-for': from,
    });
  const count = async () =>
    Number((await app.sql<{ n: number }>('SELECT COUNT(*) AS n FROM objections'))[0].n);

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    const round = await tabulatedRound(app, admin, 6);
    const published = await app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, admin);
    publicationId = published.data!.publishResults.id;
    entryCode = published.data!.publishResults.items[0].entryCode;
  });
  afterAll(() => app.close());

  it('refuses a reason too short to say what is wrong, and says how long it must be', async () => {
    for (const reason of ['x', '错', '不服', '评分有', 'copied', ' a      b ']) {
      const res = await file(reason);
      expect([reason, reasonOf(res)]).toEqual([
        reason,
        { code: 'BAD_USER_INPUT', reason: 'REASON_TOO_SHORT' },
      ]);
      expect(res.errors![0].extensions).toMatchObject({ field: 'reason', minColumns: 8 });
      expect(res.errors![0].message).toMatch(/4 Chinese characters or 8 letters/);
    }
    // Only spaces is still "no reason at all".
    expect(reasonOf(await file('    '))).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'REASON_REQUIRED',
    });
    expect(await count()).toBe(0);
    // Four Chinese characters, or eight letters, are enough.
    for (const reason of ['评分有误', '涉嫌抄袭', 'copied X', '与2019年作品雷同']) {
      const res = await file(reason);
      expect({ reason, errors: res.errors }).toEqual({ reason, errors: undefined });
    }
    expect(await count()).toBe(4);
  });

  it('the filer looks its objection up by id: state and response, nothing about who', async () => {
    const filed = await file('该作品与往届获奖作品雷同', '192.0.2.11');
    const id = filed.data!.fileObjection.id as string;

    const open = await app.gql(STATUS, { id });
    expect(open.errors).toBeUndefined();
    expect(open.data!.objectionStatus).toEqual({
      id,
      publicationId,
      entryCode,
      status: 'OPEN',
      response: null,
      createdAt: expect.any(String),
      resolvedAt: null,
    });
    // The reason, the contact and the filer are not part of the answer at all.
    for (const field of ['reason', 'contact', 'clientIp', 'filedBy']) {
      const asked = await app.gql(`query($id:ID!){objectionStatus(id:$id){${field}}}`, { id });
      expect(asked.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    }

    const resolved = await app.gql(RESOLVE, { id, u: false, r: '经复核，两件作品不同。' }, admin);
    expect(resolved.errors).toBeUndefined();
    const answered = (await app.gql(STATUS, { id })).data!.objectionStatus;
    expect(answered).toMatchObject({ status: 'DISMISSED', response: '经复核，两件作品不同。' });
    expect(Date.parse(answered.resolvedAt)).toBeGreaterThanOrEqual(Date.parse(answered.createdAt));

    // No such objection, or no id at all: null, as for a certificate code.
    const unknown = await app.gql(STATUS, { id: '00000000-0000-4000-8000-000000000000' });
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data!.objectionStatus).toBeNull();
    expect((await app.gql(STATUS, { id: 'not-an-id' })).data!.objectionStatus).toBeNull();
  });
});
