import { CREATE_USER, startTestApp, TestApp, together, userWithRole } from '@app/testing';
import {
  FINALISE,
  inDays,
  noticeAndFinal,
  PUBLISH,
  tabulatedRound,
} from '../../libs/publication/test/publication-fixtures';
import { describeHostile, gqlAnswer, gqlRefusal, HostileCase } from './hostile';

/**
 * Issue 19, item 8: a gold winner disqualified after its list became FINAL kept a certificate
 * that /verify/{code} called valid, and the public list did not change. Now the award is
 * revoked with the disqualification: the code verifies as REVOKED with the date and reason, the
 * list marks the item, nobody moves up. Then the same under attack: the revocation raced by
 * itself, by the disqualification and by a finalise, and tried by everyone who may not.
 */

const REVOCATION = 'revocation{revokedAt reason cause}';
const LIST = `query($id:ID!){publication(id:$id){hash items{entryCode award{key} rank ${REVOCATION}}}}`;
const VERIFY = `query($c:String!){verifyCertificate(code:$c){entryCode status publicationHash ${REVOCATION}}}`;
const REVOKE = `mutation($p:ID!,$c:String!,$r:String!){revokeAward(publicationId:$p,entryCode:$c,reason:$r){id}}`;
const DISQUALIFY = 'mutation($id:ID!,$r:String!){disqualifyEntry(id:$id,reason:$r){status}}';

interface World {
  app: TestApp;
  admin: string;
  judge: string;
  coordinator: string;
  entrant: string;
  notice: any;
  final: any;
}

async function world(): Promise<World> {
  const app = await startTestApp();
  const admin = await app.adminToken();
  const { notice, final } = await noticeAndFinal(app, admin, 40);
  return {
    app,
    admin,
    judge: await userWithRole(app, 'JUDGE'),
    coordinator: await userWithRole(app, 'COORDINATOR', { regionCode: '450100' }),
    entrant: await entrantOf(app, admin, final.id, final.items[0].entryCode),
    notice,
    final,
  };
}

/** A new ENTRANT user of the entrant whose entry this published item is (the winner itself). */
async function entrantOf(app: TestApp, admin: string, publicationId: string, code: string) {
  const [row] = await app.sql<{ entrantId: string }>(
    `SELECT e.entrant_id AS entrantId FROM published_items p JOIN entries e ON e.id = p.entry_id
      WHERE p.publication_id = ? AND p.entry_code = ?`,
    [publicationId, code],
  );
  const email = `winner-${Math.floor(Math.random() * 1e9)}@example.com`;
  const res = await app.gql(
    CREATE_USER,
    {
      input: {
        email,
        password: 'correct horse battery',
        name: '获奖 参展者',
        role: 'ENTRANT',
        affiliationEntrantId: row.entrantId,
      },
    },
    admin,
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return app.login(email, 'correct horse battery');
}

const entryIdOf = async (app: TestApp, publicationId: string, code: string) =>
  (
    await app.sql<{ id: string }>(
      'SELECT entry_id AS id FROM published_items WHERE publication_id = ? AND entry_code = ?',
      [publicationId, code],
    )
  )[0].id;

const count = async (app: TestApp, sql: string, params: unknown[] = []) =>
  Number((await app.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${sql}`, params))[0].n);

function report(name: string, tried: number, outcomes: string[]): void {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  process.stdout.write(`race ${name}: ${tried} tried, ${JSON.stringify(counts)}\n`);
}

const outcomeOf = (answer: PromiseSettledResult<{ errors?: any[] }>) =>
  answer.status === 'rejected'
    ? 'rejected'
    : (answer.value.errors?.[0]?.extensions?.reason ?? 'ok');

describe('hostile: revoked awards (issue 19, item 8)', () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  afterAll(() => w.app.close());

  const gold = () => w.final.items.filter((i: any) => i.award?.key === 'gold');

  it('the attack as reported: a gold winner disqualified after FINAL no longer verifies as valid, and the list says so; nobody moves up', async () => {
    const [winner] = gold();
    const before = (await w.app.gql(LIST, { id: w.final.id })).data!.publication;
    const valid = (await w.app.gql(VERIFY, { c: winner.certificateCode })).data!.verifyCertificate;
    expect(valid).toMatchObject({ status: 'VALID', revocation: null });

    const res = await w.app.gql(
      DISQUALIFY,
      { id: await entryIdOf(w.app, w.final.id, winner.entryCode), r: '冒用他人作品参赛' },
      w.admin,
    );
    expect(res.errors).toBeUndefined();

    const check = (await w.app.gql(VERIFY, { c: winner.certificateCode })).data!.verifyCertificate;
    expect(check).toMatchObject({
      entryCode: winner.entryCode,
      status: 'REVOKED',
      publicationHash: w.final.hash,
      revocation: {
        reason: '冒用他人作品参赛',
        cause: 'DISQUALIFIED',
        revokedAt: expect.any(String),
      },
    });
    const after = (await w.app.gql(LIST, { id: w.final.id })).data!.publication;
    expect(after.hash).toBe(before.hash);
    const without = (items: any[]) => items.map(({ revocation: _r, ...rest }) => rest);
    expect(without(after.items)).toEqual(without(before.items));
    expect(after.items.filter((i: any) => i.revocation).map((i: any) => i.entryCode)).toEqual([
      winner.entryCode,
    ]);
    expect(after.items.find((i: any) => i.entryCode === winner.entryCode).revocation).toEqual(
      check.revocation,
    );
  });

  it('race: two disqualifications and ten revocations of one award at once: one DISQUALIFIED, one revocation, one record', async () => {
    const winner = gold()[1];
    const entryId = await entryIdOf(w.app, w.final.id, winner.entryCode);
    const answers = await together(12, (i) =>
      i < 2
        ? w.app.gql(DISQUALIFY, { id: entryId, r: `抄袭 ${i}` }, w.admin)
        : w.app.gql(REVOKE, { p: w.final.id, c: winner.entryCode, r: `撤销 ${i}` }, w.admin),
    );
    const outcomes = answers.map(outcomeOf);
    report('revoke one award', 12, outcomes);
    // One disqualification wins, the other finds the entry DISQUALIFIED; every revocation answers.
    expect(outcomes.slice(0, 2).sort()).toEqual(['INVALID_TRANSITION', 'ok']);
    expect(outcomes.slice(2)).toEqual(Array(10).fill('ok'));
    expect(
      await count(w.app, 'award_revocations WHERE publication_id = ? AND entry_code = ?', [
        w.final.id,
        winner.entryCode,
      ]),
    ).toBe(1);
    expect(
      await count(
        w.app,
        "audit_records WHERE action = 'award.revoked' AND subject_id = ? AND JSON_VALUE(detail, '$.entryCode') = ?",
        [w.final.id, winner.entryCode],
      ),
    ).toBe(1);
    expect(
      await count(w.app, "audit_records WHERE action = 'entry.disqualified' AND subject_id = ?", [
        entryId,
      ]),
    ).toBe(1);
    const check = (await w.app.gql(VERIFY, { c: winner.certificateCode })).data!.verifyCertificate;
    expect(check.status).toBe('REVOKED');
  });

  it('race: winners disqualified while their list is being finalised: whichever commits first, no valid certificate for them', async () => {
    const round = await tabulatedRound(w.app, w.admin, 40);
    const published = (await w.app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, w.admin)).data!
      .publishResults;
    await w.app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      published.id,
    ]);
    const winners = published.items.filter((i: any) => i.award).slice(0, 3);
    const ids = await Promise.all(
      winners.map((i: any) => entryIdOf(w.app, published.id, i.entryCode)),
    );
    const answers = await together(4, (i) =>
      i === 0
        ? w.app.gql(FINALISE, { id: published.id }, w.admin)
        : w.app.gql(DISQUALIFY, { id: ids[i - 1], r: '资格复查不合格' }, w.admin),
    );
    const outcomes = answers.map(outcomeOf);
    report('disqualify while finalising', 4, outcomes);
    expect(outcomes).toEqual(['ok', 'ok', 'ok', 'ok']);
    const final = (await w.app.gql(LIST, { id: published.id })).data!.publication;
    const codes = await w.app.sql<{ code: string; certificate: string }>(
      'SELECT entry_code AS code, certificate_code AS certificate FROM published_items WHERE publication_id = ?',
      [published.id],
    );
    for (const winner of winners) {
      const certificate = codes.find((c) => c.code === winner.entryCode)!.certificate;
      const check = (await w.app.gql(VERIFY, { c: certificate })).data!.verifyCertificate;
      expect([winner.entryCode, check.status]).toEqual([winner.entryCode, 'REVOKED']);
      expect(
        final.items.find((i: any) => i.entryCode === winner.entryCode).revocation,
      ).toMatchObject({ cause: 'DISQUALIFIED' });
    }
    expect(final.items.filter((i: any) => i.revocation)).toHaveLength(winners.length);
  });

  it('race: a round published while its winners are disqualified: either the publish is refused as stale or their awards are marked; never a standing award', async () => {
    const round = await tabulatedRound(w.app, w.admin, 40);
    const winners = await w.app.sql<{ id: string; code: string }>(
      `SELECT e.id, e.code FROM entry_results r JOIN tabulations t ON t.id = r.tabulation_id
         JOIN entries e ON e.id = r.entry_id
        WHERE t.round_id = ? AND r.award IS NOT NULL ORDER BY e.code LIMIT 3`,
      [round.roundId],
    );
    const answers = await together(4, (i) =>
      i === 0
        ? w.app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, w.admin)
        : w.app.gql(DISQUALIFY, { id: winners[i - 1].id, r: '同时取消资格' }, w.admin),
    );
    const outcomes = answers.map(outcomeOf);
    report('publish while disqualifying', 4, outcomes);
    expect(['ok', 'TABULATION_STALE']).toContain(outcomes[0]);
    expect(outcomes.slice(1)).toEqual(['ok', 'ok', 'ok']);
    const standing = await w.app.sql<{ code: string }>(
      `SELECT i.entry_code AS code FROM published_items i
         JOIN publications p ON p.id = i.publication_id
         LEFT JOIN award_revocations v ON v.publication_id = i.publication_id AND v.entry_code = i.entry_code
        WHERE p.round_id = ? AND i.award_key IS NOT NULL AND v.entry_code IS NULL AND i.entry_id IN (?, ?, ?)`,
      [round.roundId, ...winners.map((x) => x.id)],
    );
    expect(standing).toEqual([]);
  });
});

/** Everyone who may not revoke an award, and what may not be revoked: refused, nothing written. */
const CASES: Array<HostileCase<World>> = [
  {
    name: 'a judge revokes a gold award',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          REVOKE,
          { p: w.final.id, c: w.final.items[0].entryCode, r: '评委不满' },
          w.judge,
        ),
      ),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: "a rival entrant revokes the winner's award",
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          REVOKE,
          { p: w.final.id, c: w.final.items[0].entryCode, r: '竞争对手' },
          w.entrant,
        ),
      ),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'a coordinator revokes an award',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          REVOKE,
          { p: w.final.id, c: w.final.items[0].entryCode, r: '地区意见' },
          w.coordinator,
        ),
      ),
    expect: gqlRefusal('FORBIDDEN', 'ROLE_NOT_ALLOWED'),
  },
  {
    name: 'nobody signed in revokes an award',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(REVOKE, { p: w.final.id, c: w.final.items[0].entryCode, r: '匿名' }),
      ),
    expect: gqlRefusal('UNAUTHENTICATED', 'AUTHENTICATION_REQUIRED'),
  },
  {
    name: 'an organiser revokes an award of a list still in its notice',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(
          REVOKE,
          { p: w.notice.id, c: w.notice.items[0].entryCode, r: '公示期内' },
          w.admin,
        ),
      ),
    expect: gqlRefusal('CONFLICT', 'PUBLICATION_NOT_FINAL'),
  },
  {
    name: 'an organiser revokes an entry the list does not award',
    send: async (w) =>
      gqlAnswer(await w.app.gql(REVOKE, { p: w.final.id, c: 'ZZ-99999', r: '不存在' }, w.admin)),
    expect: gqlRefusal('BAD_USER_INPUT', 'NOT_AWARDED'),
  },
  {
    name: 'an organiser revokes without a reason',
    send: async (w) =>
      gqlAnswer(
        await w.app.gql(REVOKE, { p: w.final.id, c: w.final.items[0].entryCode, r: ' ' }, w.admin),
      ),
    expect: gqlRefusal('BAD_USER_INPUT', 'REASON_REQUIRED'),
  },
];

describeHostile('hostile: revoking awards one may not', 'revocation refusals', world, CASES);
