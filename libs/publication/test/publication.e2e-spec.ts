import { EntryScreeningService } from '@app/entries';
import { countStatements, startTestApp, TestApp, userWithRole } from '@app/testing';
import { adminCtx, RETABULATE } from '../../results/test/results-fixtures';
import {
  CHANGES,
  expectedHash,
  FINALISE,
  inDays,
  OBJECT,
  PUBLICATION,
  PUBLISH,
  PUBLISHED,
  reasonOf,
  RESOLVE,
  storedResults,
  tabulatedRound,
  VERIFY,
} from './publication-fixtures';

/**
 * Issue 7's path: publish a tabulated round for public notice, take objections, publish a
 * corrected version, resolve, finalise, verify a certificate — with every refusal of §8.
 */
describe('publication', () => {
  let app: TestApp;
  let admin: string;
  let judge: string;
  let round: Awaited<ReturnType<typeof tabulatedRound>>;
  let v1: any;
  let v2: any;
  let objectionId: string;
  let smallPublicationId: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    judge = await userWithRole(app, 'JUDGE');
    round = await tabulatedRound(app, admin);
  });
  afterAll(() => app.close());

  const count = async (table: string) =>
    Number((await app.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  const endNotice = (id: string) =>
    app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      id,
    ]);

  it('refuses to publish: not an organiser, the notice in the past, an unknown or untabulated round', async () => {
    const asJudge = await app.gql(PUBLISH, { r: round.roundId, n: inDays(7) }, judge);
    expect(reasonOf(asJudge)).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    const anonymous = await app.gql(PUBLISH, { r: round.roundId, n: inDays(7) });
    expect(reasonOf(anonymous)?.code).toBe('UNAUTHENTICATED');
    const past = await app.gql(PUBLISH, { r: round.roundId, n: inDays(-1) }, admin);
    expect(reasonOf(past)).toEqual({ code: 'BAD_USER_INPUT', reason: 'NOTICE_IN_PAST' });
    const unknown = await app.gql(
      PUBLISH,
      { r: '00000000-0000-4000-8000-000000000000', n: inDays(7) },
      admin,
    );
    expect(reasonOf(unknown)?.code).toBe('NOT_FOUND');
    const reopened = await app.gql(
      'mutation($id:ID!){reopenRound(roundId:$id,reason:"复核"){status}}',
      { id: round.roundId },
      admin,
    );
    expect(reopened.data!.reopenRound.status).toBe('OPEN');
    const open = await app.gql(PUBLISH, { r: round.roundId, n: inDays(7) }, admin);
    expect(reasonOf(open)).toEqual({ code: 'CONFLICT', reason: 'ROUND_NOT_TABULATED' });
    expect(await count('publications')).toBe(0);
    // Back to TABULATED for what follows (a new tabulation, same sheets).
    await app.gql(
      'mutation($id:ID!){closeRound(roundId:$id){status}}',
      { id: round.roundId },
      admin,
    );
    const again = await app.gql(RETABULATE, { id: round.roundId }, admin);
    expect(again.data!.retabulate.status).toBe('TABULATED');
  });

  it('freezes the latest tabulation: the awarded and advanced entries in §8 order, hashed as §8 says', async () => {
    const res = await app.gql(PUBLISH, { r: round.roundId, n: inDays(7) }, admin);
    expect(res.errors).toBeUndefined();
    v1 = res.data!.publishResults;
    expect(v1).toMatchObject({ roundId: round.roundId, version: 1, status: 'NOTICE' });

    const stored = await storedResults(app, round.roundId);
    const winners = stored.filter((r) => r.award !== null || r.advanced);
    expect(winners.length).toBeGreaterThan(0);
    expect(winners.length).toBeLessThan(stored.length);
    // Items: exactly the winners, highest tier first, advanced-only last, then category, code.
    const want = [...winners].sort(
      (a, b) =>
        (a.tierRank ?? 99) - (b.tierRank ?? 99) ||
        (a.categoryCode < b.categoryCode ? -1 : a.categoryCode > b.categoryCode ? 1 : 0) ||
        (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
    expect(v1.items.map((i: any) => i.entryCode)).toEqual(want.map((w) => w.code));
    expect(v1.items.map((i: any) => i.award?.key ?? null)).toEqual(want.map((w) => w.award));
    expect(v1.items.map((i: any) => i.rank)).toEqual(want.map((w) => w.rank));
    expect(v1.items[0]).toMatchObject({
      award: { key: 'gold', name: '金奖', rank: 1 },
      regionName: '南宁市',
      entrantName: expect.stringContaining('基准企业'),
      categoryName: expect.stringMatching(/^小类/),
      certificateCode: null,
    });
    expect(v1.hash).toBe(expectedHash(v1.items));
    expect(v1.objections).toEqual([]);

    const [audit] = await app.sql<{ detail: string }>(
      "SELECT detail FROM audit_records WHERE action = 'publication.published' AND subject_id = ?",
      [v1.id],
    );
    expect(JSON.parse(audit.detail)).toMatchObject({
      version: 1,
      hash: v1.hash,
      items: v1.items.length,
    });
  });

  it('shows the public what was published, without sign-in, and nothing of judges, sheets or scores', async () => {
    const listed = await app.gql(PUBLISHED, { s: round.slug });
    expect(listed.errors).toBeUndefined();
    expect(listed.data!.publishedResults.map((p: any) => p.id)).toEqual([v1.id]);
    const one = await app.gql(PUBLICATION, { id: v1.id });
    expect(one.data!.publication).toEqual(v1);
    const text = JSON.stringify(one.body);
    expect(text).not.toMatch(/judge|sheet|score/i);
    // Scores only where the organiser chose to publish them (off by default).
    const scores = await app.gql('query($id:ID!){publication(id:$id){showScores items{score}}}', {
      id: v1.id,
    });
    expect(scores.data!.publication.showScores).toBe(false);
    expect(scores.data!.publication.items.every((i: any) => i.score === null)).toBe(true);
    const judgeField = await app.gql('query($id:ID!){publication(id:$id){items{judge}}}', {
      id: v1.id,
    });
    expect(judgeField.errors?.[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await app.gql(PUBLISHED, { s: 'no-such-event' })).data!.publishedResults).toEqual([]);
    expect((await app.gql(PUBLICATION, { id: 'not-an-id' })).data!.publication).toBeNull();
  });

  it('takes objections from anyone during the notice; organisers see them, the public does not', async () => {
    const code = v1.items[0].entryCode;
    const filed = await app.gql(OBJECT, {
      input: {
        publicationId: v1.id,
        entryCode: code,
        reason: '该作品与往届获奖作品雷同',
        contact: '0771-1234567',
      },
    });
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection).toMatchObject({
      entryCode: code,
      status: 'OPEN',
      response: null,
    });
    objectionId = filed.data!.fileObjection.id;

    // Any entry the round judged, awarded or not; nothing else, and a reason is required.
    const stored = await storedResults(app, round.roundId);
    const loser = stored.find((r) => r.award === null && !r.advanced)!;
    const forLoser = await app.gql(OBJECT, {
      input: { publicationId: v1.id, entryCode: loser.code, reason: '评分有误' },
    });
    expect(forLoser.errors).toBeUndefined();
    const stranger = await app.gql(OBJECT, {
      input: { publicationId: v1.id, entryCode: 'ZZ-00000', reason: '评分有误' },
    });
    expect(reasonOf(stranger)).toEqual({ code: 'BAD_USER_INPUT', reason: 'ENTRY_NOT_IN_ROUND' });
    const empty = await app.gql(OBJECT, {
      input: { publicationId: v1.id, entryCode: code, reason: '   ' },
    });
    expect(reasonOf(empty)).toEqual({ code: 'BAD_USER_INPUT', reason: 'REASON_REQUIRED' });
    const nowhere = await app.gql(OBJECT, {
      input: {
        publicationId: '00000000-0000-4000-8000-000000000000',
        entryCode: code,
        reason: '评分明显有误',
      },
    });
    expect(reasonOf(nowhere)?.code).toBe('NOT_FOUND');
    expect(await count('objections')).toBe(2);

    const seenByOrganiser = await app.gql(PUBLICATION, { id: v1.id }, admin);
    expect(seenByOrganiser.data!.publication.objections.map((o: any) => o.id)).toContain(
      objectionId,
    );
    expect((await app.gql(PUBLICATION, { id: v1.id })).data!.publication.objections).toEqual([]);
    expect((await app.gql(PUBLICATION, { id: v1.id }, judge)).data!.publication.objections).toEqual(
      [],
    );
    // Resolved later: the loser's objection dismissed now, so one stays open.
    const dismissed = await app.gql(
      RESOLVE,
      { id: forLoser.data!.fileObjection.id, u: false, r: '经复核，评分无误。' },
      admin,
    );
    expect(dismissed.data!.resolveObjection).toMatchObject({ status: 'DISMISSED' });
  });

  it('limits objections per client address', async () => {
    const code = v1.items[0].entryCode;
    const from = { 'x-forwarded-for': '203.0.113.77' };
    for (let i = 0; i < 10; i++) {
      const ok = await app.gql(
        OBJECT,
        { input: { publicationId: v1.id, entryCode: code, reason: `第${i}次：评分有误` } },
        undefined,
        from,
      );
      expect(ok.errors).toBeUndefined();
    }
    const limited = await app.gql(
      OBJECT,
      { input: { publicationId: v1.id, entryCode: code, reason: '再一次：评分有误' } },
      undefined,
      from,
    );
    expect(reasonOf(limited)).toEqual({ code: 'RATE_LIMITED', reason: 'TOO_MANY_OBJECTIONS' });
    expect(limited.errors![0].extensions.retryAfterSeconds).toBeGreaterThan(3500);
    // Another address is not affected.
    const other = await app.gql(
      OBJECT,
      { input: { publicationId: v1.id, entryCode: code, reason: '另一个地址' } },
      undefined,
      { 'x-forwarded-for': '203.0.113.78' },
    );
    expect(other.errors).toBeUndefined();
    // Tidy: these are dismissed so they do not block finalising below.
    await app.sql(
      "UPDATE objections SET status = 'DISMISSED', response = '测试' WHERE client_ip IN ('203.0.113.77', '203.0.113.78')",
    );
  });

  it('does not finalise while the notice runs (checked first) or while an objection is open', async () => {
    const running = await app.gql(FINALISE, { id: v1.id }, admin);
    expect(reasonOf(running)).toEqual({ code: 'CONFLICT', reason: 'NOTICE_RUNNING' });
    await endNotice(v1.id);
    const open = await app.gql(FINALISE, { id: v1.id }, admin);
    expect(reasonOf(open)).toEqual({ code: 'CONFLICT', reason: 'OBJECTION_OPEN' });
    const late = await app.gql(OBJECT, {
      input: { publicationId: v1.id, entryCode: v1.items[0].entryCode, reason: '过期后提出的异议' },
    });
    expect(reasonOf(late)).toEqual({ code: 'CONFLICT', reason: 'NOTICE_CLOSED' });
    const asJudge = await app.gql(FINALISE, { id: v1.id }, judge);
    expect(reasonOf(asJudge)?.code).toBe('FORBIDDEN');
    expect((await app.gql(PUBLICATION, { id: v1.id })).data!.publication.status).toBe('NOTICE');
  });

  it('publishing again makes version 2 and supersedes version 1, still readable by its id', async () => {
    // The objection is upheld in substance: the first gold entry is disqualified, retabulated.
    const out = v1.items[0].entryCode;
    const [entry] = await app.sql<{ id: string }>('SELECT id FROM entries WHERE code = ?', [out]);
    await app.api.get(EntryScreeningService).disqualify(adminCtx(), entry.id, '与往届获奖作品雷同');
    const retab = await app.gql(RETABULATE, { id: round.roundId }, admin);
    expect(retab.errors).toBeUndefined();

    const res = await app.gql(PUBLISH, { r: round.roundId, n: inDays(3) }, admin);
    expect(res.errors).toBeUndefined();
    v2 = res.data!.publishResults;
    expect(v2).toMatchObject({ version: 2, status: 'NOTICE' });
    expect(v2.items.map((i: any) => i.entryCode)).not.toContain(out);
    expect(v2.hash).toBe(expectedHash(v2.items));
    expect(v2.hash).not.toBe(v1.hash);

    const old = (await app.gql(PUBLICATION, { id: v1.id })).data!.publication;
    expect(old.status).toBe('SUPERSEDED');
    expect(old.items).toEqual(v1.items);
    expect(old.hash).toBe(v1.hash);
    const listed = (await app.gql(PUBLISHED, { s: round.slug })).data!.publishedResults;
    expect(listed.map((p: any) => [p.version, p.status])).toEqual([[2, 'NOTICE']]);

    // A superseded version takes no objection and cannot be finalised.
    const toOld = await app.gql(OBJECT, {
      input: { publicationId: v1.id, entryCode: out, reason: '对旧版本的异议' },
    });
    expect(reasonOf(toOld)).toEqual({ code: 'CONFLICT', reason: 'NOTICE_CLOSED' });
    const finaliseOld = await app.gql(FINALISE, { id: v1.id }, admin);
    expect(reasonOf(finaliseOld)).toEqual({ code: 'CONFLICT', reason: 'PUBLICATION_SUPERSEDED' });
  });

  it('tells organisers what changed between the versions and what was audited in between', async () => {
    const res = await app.gql(CHANGES, { a: v2.id, b: v1.id }, admin);
    expect(res.errors).toBeUndefined();
    const changes = res.data!.publicationChanges;
    expect(changes.from.version).toBe(1);
    expect(changes.to.version).toBe(2);
    const out = v1.items[0].entryCode;
    expect(changes.changes).toContainEqual(
      expect.objectContaining({
        entryCode: out,
        listedBefore: true,
        listedAfter: false,
        awardBefore: { key: 'gold' },
        awardAfter: null,
      }),
    );
    // Every change listed is real: a different award or a different presence.
    const before = new Map(v1.items.map((i: any) => [i.entryCode, i.award?.key ?? null]));
    const after = new Map(v2.items.map((i: any) => [i.entryCode, i.award?.key ?? null]));
    for (const c of changes.changes) {
      expect(
        before.get(c.entryCode) !== after.get(c.entryCode) ||
          !before.has(c.entryCode) ||
          !after.has(c.entryCode),
      ).toBe(true);
    }
    const actions = changes.auditRecords.map((r: any) => r.action);
    expect(actions[0]).toBe('publication.published');
    expect(actions).toEqual(
      expect.arrayContaining(['objection.filed', 'objection.resolved', 'round.tabulated']),
    );
    expect(actions[actions.length - 1]).toBe('publication.published');

    expect(reasonOf(await app.gql(CHANGES, { a: v1.id, b: v2.id }, judge))?.code).toBe('FORBIDDEN');
    const other = await tabulatedRound(app, admin, 6);
    const otherPub = await app.gql(PUBLISH, { r: other.roundId, n: inDays(1) }, admin);
    smallPublicationId = otherPub.data!.publishResults.id;
    const mixed = await app.gql(CHANGES, { a: v1.id, b: smallPublicationId }, admin);
    expect(reasonOf(mixed)).toEqual({ code: 'BAD_USER_INPUT', reason: 'DIFFERENT_ROUNDS' });
  });

  it('an objection to the superseded version still blocks finalising until an organiser resolves it', async () => {
    await endNotice(v2.id);
    const blocked = await app.gql(FINALISE, { id: v2.id }, admin);
    expect(reasonOf(blocked)).toEqual({ code: 'CONFLICT', reason: 'OBJECTION_OPEN' });

    expect(
      reasonOf(await app.gql(RESOLVE, { id: objectionId, u: true, r: '成立' }, judge))?.code,
    ).toBe('FORBIDDEN');
    const noResponse = await app.gql(RESOLVE, { id: objectionId, u: true, r: ' ' }, admin);
    expect(reasonOf(noResponse)).toEqual({ code: 'BAD_USER_INPUT', reason: 'RESPONSE_REQUIRED' });
    const upheld = await app.gql(
      RESOLVE,
      { id: objectionId, u: true, r: '异议成立，该作品已取消资格。' },
      admin,
    );
    expect(upheld.data!.resolveObjection).toMatchObject({
      status: 'UPHELD',
      response: '异议成立，该作品已取消资格。',
    });
    const twice = await app.gql(RESOLVE, { id: objectionId, u: false, r: '再议' }, admin);
    expect(reasonOf(twice)).toEqual({ code: 'CONFLICT', reason: 'OBJECTION_RESOLVED' });
    const missing = await app.gql(
      RESOLVE,
      { id: '00000000-0000-4000-8000-000000000000', u: false, r: '无' },
      admin,
    );
    expect(reasonOf(missing)?.code).toBe('NOT_FOUND');
  });

  it('finalises: certificate codes on awarded items, verifiable by anyone; FINAL never changes', async () => {
    const res = await app.gql(FINALISE, { id: v2.id }, admin);
    expect(res.errors).toBeUndefined();
    const final = res.data!.finalisePublication;
    expect(final.status).toBe('FINAL');
    expect(final.hash).toBe(v2.hash);
    for (const item of final.items) {
      if (item.award)
        expect(item.certificateCode).toMatch(
          /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
        );
      else expect(item.certificateCode).toBeNull();
    }
    const codes = final.items.filter((i: any) => i.award).map((i: any) => i.certificateCode);
    expect(new Set(codes).size).toBe(codes.length);
    // The public sees the list, not the codes, and can recompute its hash from what it got.
    const publicView = (await app.gql(PUBLICATION, { id: v2.id })).data!.publication;
    expect(publicView.items.every((i: any) => i.certificateCode === null)).toBe(true);
    expect(expectedHash(publicView.items)).toBe(publicView.hash);
    const publicList = (await app.gql(PUBLISHED, { s: round.slug })).data!.publishedResults;
    expect(publicList.map((p: any) => [p.version, p.status, p.hash])).toEqual([
      [2, 'FINAL', v2.hash],
    ]);
    expect(expectedHash(publicList[0].items)).toBe(v2.hash);

    const item = final.items[0];
    const verified = await app.gql(VERIFY, {
      c: item.certificateCode.toLowerCase().replace(/-/g, ''),
    });
    expect(verified.data!.verifyCertificate).toEqual({
      code: item.certificateCode,
      entryCode: item.entryCode,
      title: item.title,
      entrantName: item.entrantName,
      award: { key: item.award.key, name: item.award.name },
      publicationId: v2.id,
      publicationVersion: 2,
      publicationStatus: 'FINAL',
      publicationHash: v2.hash,
    });
    expect((await app.gql(VERIFY, { c: 'AAAA-BBBB-CCCC' })).data!.verifyCertificate).toBeNull();
    expect((await app.gql(VERIFY, { c: 'nonsense' })).data!.verifyCertificate).toBeNull();

    const again = await app.gql(PUBLISH, { r: round.roundId, n: inDays(7) }, admin);
    expect(reasonOf(again)).toEqual({ code: 'CONFLICT', reason: 'PUBLICATION_FINAL' });
    const twice = await app.gql(FINALISE, { id: v2.id }, admin);
    expect(reasonOf(twice)).toEqual({ code: 'CONFLICT', reason: 'PUBLICATION_FINAL' });
    const reopen = await app.gql(
      'mutation($id:ID!){reopenRound(roundId:$id,reason:"再评"){status}}',
      { id: round.roundId },
      admin,
    );
    expect(reasonOf(reopen)).toEqual({ code: 'CONFLICT', reason: 'PUBLICATION_FINAL' });
    const [roundRow] = await app.sql<{ status: string }>('SELECT status FROM rounds WHERE id = ?', [
      round.roundId,
    ]);
    expect(roundRow.status).toBe('TABULATED');
    const objection = await app.gql(OBJECT, {
      input: { publicationId: v2.id, entryCode: item.entryCode, reason: '公示结束后的异议' },
    });
    expect(reasonOf(objection)).toEqual({ code: 'CONFLICT', reason: 'NOTICE_CLOSED' });
    const [row] = await app.sql<{ n: number }>(
      'SELECT COUNT(*) AS n FROM publications WHERE round_id = ?',
      [round.roundId],
    );
    expect(Number(row.n)).toBe(2);
    const actions = await app.sql<{ action: string }>(
      "SELECT action FROM audit_records WHERE action LIKE 'publication.%' OR action LIKE 'objection.%' ORDER BY seq",
    );
    expect(actions.map((a) => a.action)).toContain('publication.finalised');
    const chain = await app.gql(
      'query($e:ID!){verifyAuditChain(eventId:$e){ok}}',
      { e: round.eventId },
      admin,
    );
    expect(chain.data!.verifyAuditChain.ok).toBe(true);
  });

  it('reads a publication in the same few statements whatever its size (items, tiers, thumbnails batched)', async () => {
    const small = await countStatements(app.api, () =>
      app.gql(PUBLICATION, { id: smallPublicationId }, admin),
    );
    const large = await countStatements(app.api, () => app.gql(PUBLICATION, { id: v2.id }, admin));
    expect(small.result.data!.publication.items.length).toBeLessThan(
      large.result.data!.publication.items.length,
    );
    expect(large.statements.length).toBe(small.statements.length);
    expect(large.statements.length).toBeLessThanOrEqual(8);
  });

  it('publishes aggregate scores only when asked, outside the hash', async () => {
    const scored = await tabulatedRound(app, admin, 6);
    const res = await app.gql(
      `mutation($r:ID!,$n:DateTime!){publishResults(roundId:$r,noticeEndsAt:$n,showScores:true){hash showScores items{entryCode title entrantName regionName categoryName award{key} rank score}}}`,
      { r: scored.roundId, n: inDays(2) },
      admin,
    );
    expect(res.errors).toBeUndefined();
    const publication = res.data!.publishResults;
    expect(publication.showScores).toBe(true);
    const stored = await app.sql<{ code: string; score: string }>(
      `SELECT e.code, r.score FROM entry_results r JOIN entries e ON e.id = r.entry_id
         JOIN tabulations t ON t.id = r.tabulation_id WHERE t.round_id = ?`,
      [scored.roundId],
    );
    const scoreOf = new Map(stored.map((r) => [r.code, Number(r.score)]));
    expect(publication.items.length).toBeGreaterThan(0);
    for (const item of publication.items) expect(item.score).toBe(scoreOf.get(item.entryCode));
    expect(publication.hash).toBe(expectedHash(publication.items));
  });
});
