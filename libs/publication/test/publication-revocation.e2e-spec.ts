import { CREATE_USER, startTestApp, TestApp, together, userWithRole } from '@app/testing';
import { CLOSE, RETABULATE, seedRound } from '../../results/test/results-fixtures';
import {
  expectedHash,
  FINALISE,
  getBytes,
  inDays,
  pdfText,
  PUBLISH,
  reasonOf,
  tabulatedRound,
  zipNames,
} from './publication-fixtures';

const REVOCATION = 'revocation{revokedAt reason cause}';
const ITEMS = `id status hash items{entryCode title entrantName regionName categoryName award{key name rank} rank certificateCode ${REVOCATION}}`;
const REVOKE = `mutation($p:ID!,$c:String!,$r:String!){revokeAward(publicationId:$p,entryCode:$c,reason:$r){${ITEMS}}}`;
const PUBLICATION = `query($id:ID!){publication(id:$id){${ITEMS}}}`;
const VERIFY = `query($c:String!){verifyCertificate(code:$c){code entryCode award{key} publicationId publicationStatus publicationHash status ${REVOCATION}}}`;
const DISQUALIFY = 'mutation($id:ID!,$r:String!){disqualifyEntry(id:$id,reason:$r){status}}';
const PASSWORD = 'correct horse battery';

/**
 * Revoking an award after FINAL (judging-rules.md §8, issue 19 item 8): by an organiser's
 * decision or by disqualifying the entry, the item is marked on the public list with the date
 * and reason, its certificate verifies as REVOKED, its PDF is refused, nobody moves up, the hash
 * and the frozen items stay as they were, and the audit chain records it.
 */
describe('revoking an award after FINAL', () => {
  let app: TestApp;
  let admin: string;
  let notice: any;
  let final: any;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    notice = (
      await app.gql(
        PUBLISH,
        { r: (await tabulatedRound(app, admin, 40)).roundId, n: inDays(5) },
        admin,
      )
    ).data!.publishResults;
    final = await finalWithAdvancedOnly();
    expect(final.status).toBe('FINAL');
  });

  /**
   * A round of 40 entries where 60 % advance (gold and silver take 30 %), so its FINAL list has
   * items that only advanced: published, its notice ended, finalised.
   */
  async function finalWithAdvancedOnly() {
    const seeded = await seedRound(app, 40);
    await app.sql('UPDATE rounds SET advancement_value = 60 WHERE id = ?', [seeded.roundId]);
    for (const step of [CLOSE, RETABULATE]) {
      const res = await app.gql(step, { id: seeded.roundId }, admin);
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    }
    const published = (await app.gql(PUBLISH, { r: seeded.roundId, n: inDays(5) }, admin)).data!
      .publishResults;
    await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      published.id,
    ]);
    const res = await app.gql(FINALISE, { id: published.id }, admin);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.finalisePublication;
  }
  afterAll(() => app.close());

  const count = async (sql: string, params: unknown[] = []) =>
    Number((await app.sql<{ n: number }>(`SELECT COUNT(*) AS n FROM ${sql}`, params))[0].n);
  const itemsChecksum = async () =>
    (await app.sql<{ Checksum: string }>('CHECKSUM TABLE published_items'))[0].Checksum;
  const entryIdOf = async (publicationId: string, entryCode: string) =>
    (
      await app.sql<{ id: string }>(
        'SELECT entry_id AS id FROM published_items WHERE publication_id = ? AND entry_code = ?',
        [publicationId, entryCode],
      )
    )[0].id;
  const eventIdOf = async (publicationId: string) =>
    (
      await app.sql<{ id: string }>('SELECT event_id AS id FROM publications WHERE id = ?', [
        publicationId,
      ])
    )[0].id;
  const revocationAudits = (publicationId: string, entryCode: string) =>
    app.sql<{ actor: string | null; detail: string; at: Date }>(
      `SELECT actor_id AS actor, detail, at FROM audit_records
        WHERE action = 'award.revoked' AND subject_id = ? AND JSON_VALUE(detail, '$.entryCode') = ?`,
      [publicationId, entryCode],
    );
  const awarded = (publication: any, key: string) =>
    publication.items.filter((i: any) => i.award?.key === key);
  /** Every item as the public sees it, without the revocation (what must not move). */
  const standing = (publication: any) =>
    publication.items.map((i: any) => ({
      entryCode: i.entryCode,
      award: i.award?.key ?? null,
      rank: i.rank,
      title: i.title,
    }));
  const publicView = async (id: string) => (await app.gql(PUBLICATION, { id })).data!.publication;
  const pdf = (publicationId: string, entryCode: string, token?: string) =>
    getBytes(app, `/api/publications/${publicationId}/certificates/${entryCode}.pdf`, token);

  it('an organiser revokes a gold award with a reason: REVOKED at /verify, marked on the list, nobody moves up, audited', async () => {
    const gold = awarded(final, 'gold')[0];
    const before = await app.gql(VERIFY, { c: gold.certificateCode });
    expect(before.data!.verifyCertificate).toMatchObject({ status: 'VALID', revocation: null });
    const listBefore = await publicView(final.id);
    const checksum = await itemsChecksum();

    const startedAt = Date.now();
    const res = await app.gql(
      REVOKE,
      { p: final.id, c: gold.entryCode, r: '  获奖后查实作品为他人代工  ' },
      admin,
    );
    expect(res.errors).toBeUndefined();
    const revoked = res.data!.revokeAward;
    const item = revoked.items.find((i: any) => i.entryCode === gold.entryCode);
    expect(item.revocation).toMatchObject({
      reason: '获奖后查实作品为他人代工',
      cause: 'DECISION',
    });
    const at = Date.parse(item.revocation.revokedAt);
    expect(at).toBeGreaterThanOrEqual(startedAt - 5);
    expect(at).toBeLessThanOrEqual(Date.now() + 5);

    // The certificate check, anonymous: REVOKED with the same date and reason, still naming the list.
    const verified = (await app.gql(VERIFY, { c: gold.certificateCode.toLowerCase() })).data!
      .verifyCertificate;
    expect(verified).toEqual({
      code: gold.certificateCode,
      entryCode: gold.entryCode,
      award: { key: 'gold' },
      publicationId: final.id,
      publicationStatus: 'FINAL',
      publicationHash: final.hash,
      status: 'REVOKED',
      revocation: item.revocation,
    });

    // The public list: the item marked, every item (this one too) where it was, the hash valid.
    const listAfter = await publicView(final.id);
    expect(listAfter.status).toBe('FINAL');
    expect(listAfter.hash).toBe(final.hash);
    expect(expectedHash(listAfter.items)).toBe(final.hash);
    expect(standing(listAfter)).toEqual(standing(listBefore));
    expect(
      listAfter.items.filter((i: any) => i.revocation).map((i: any) => [i.entryCode, i.revocation]),
    ).toEqual([[gold.entryCode, item.revocation]]);
    expect(await itemsChecksum()).toBe(checksum);
    // The others' certificates still hold.
    for (const other of final.items.filter((i: any) => i.certificateCode && i !== gold)) {
      const check = (await app.gql(VERIFY, { c: other.certificateCode })).data!.verifyCertificate;
      expect([other.entryCode, check.status]).toEqual([other.entryCode, 'VALID']);
    }

    // One audit record, by the organiser, in a chain that still verifies.
    const audits = await revocationAudits(final.id, gold.entryCode);
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].detail)).toMatchObject({
      entryCode: gold.entryCode,
      award: 'gold',
      cause: 'DECISION',
      reason: '获奖后查实作品为他人代工',
      version: final.version,
      hash: final.hash,
    });
    expect(audits[0].actor).not.toBeNull();
    const chain = await app.gql(
      'query($e:ID!){verifyAuditChain(eventId:$e){ok}}',
      { e: await eventIdOf(final.id) },
      admin,
    );
    expect(chain.data!.verifyAuditChain.ok).toBe(true);
  });

  it('revoking the same award again changes nothing: the first date and reason stay, no second record', async () => {
    const gold = awarded(final, 'gold')[0];
    const first = (await publicView(final.id)).items.find(
      (i: any) => i.entryCode === gold.entryCode,
    ).revocation;
    const again = await app.gql(REVOKE, { p: final.id, c: gold.entryCode, r: '另一个理由' }, admin);
    expect(again.errors).toBeUndefined();
    const item = again.data!.revokeAward.items.find((i: any) => i.entryCode === gold.entryCode);
    expect(item.revocation).toEqual(first);
    expect(await revocationAudits(final.id, gold.entryCode)).toHaveLength(1);
    expect(await count('award_revocations')).toBe(1);
  });

  it('twelve revocations of one award started together: one revocation, one audit record, the same answer to all', async () => {
    const silver = awarded(final, 'silver')[0];
    const answers = await together(12, (i) =>
      app.gql(REVOKE, { p: final.id, c: silver.entryCode, r: `理由 ${i}` }, admin),
    );
    const revocations = answers.map((a) => {
      if (a.status === 'rejected') throw a.reason;
      expect(a.value.errors).toBeUndefined();
      return a.value.data!.revokeAward.items.find((i: any) => i.entryCode === silver.entryCode)
        .revocation;
    });
    expect(new Set(revocations.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(
      await count('award_revocations WHERE publication_id = ? AND entry_code = ?', [
        final.id,
        silver.entryCode,
      ]),
    ).toBe(1);
    expect(await revocationAudits(final.id, silver.entryCode)).toHaveLength(1);
  });

  it('refuses: other roles, anonymous, a NOTICE list, an item without an award, no or a too long reason, unknown ids; nothing written', async () => {
    const judge = await userWithRole(app, 'JUDGE');
    const coordinator = await userWithRole(app, 'COORDINATOR', { regionCode: '450100' });
    const entrant = await entrantUserOf(final, awarded(final, 'gold')[1].entryCode);
    const gold = awarded(final, 'gold')[1];
    const advancedOnly = final.items.find((i: any) => i.award === null);
    expect(advancedOnly).toBeDefined();
    const noticeGold = notice.items.find((i: any) => i.award);
    const rows = await count('award_revocations');
    const audits = await count('audit_records');
    const refusal = async (vars: Record<string, unknown>, token?: string) =>
      reasonOf(
        await app.gql(REVOKE, { p: final.id, c: gold.entryCode, r: '理由', ...vars }, token),
      );

    expect(await refusal({}, judge)).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect(await refusal({}, coordinator)).toEqual({
      code: 'FORBIDDEN',
      reason: 'ROLE_NOT_ALLOWED',
    });
    expect(await refusal({}, entrant)).toEqual({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    expect((await refusal({}))?.code).toBe('UNAUTHENTICATED');
    expect(await refusal({ p: notice.id, c: noticeGold.entryCode }, admin)).toEqual({
      code: 'CONFLICT',
      reason: 'PUBLICATION_NOT_FINAL',
    });
    expect(await refusal({ c: advancedOnly.entryCode }, admin)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_AWARDED',
    });
    expect(await refusal({ c: 'NO-SUCH-CODE' }, admin)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'NOT_AWARDED',
    });
    expect(await refusal({ r: '   ' }, admin)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'REASON_REQUIRED',
    });
    expect(await refusal({ r: '长'.repeat(1001) }, admin)).toEqual({
      code: 'BAD_USER_INPUT',
      reason: 'TEXT_TOO_LONG',
    });
    expect(await refusal({ p: 'not-an-id' }, admin)).toEqual({
      code: 'NOT_FOUND',
      reason: 'PUBLICATION_NOT_FOUND',
    });
    expect(await refusal({ p: '00000000-0000-4000-8000-000000000000' }, admin)).toEqual({
      code: 'NOT_FOUND',
      reason: 'PUBLICATION_NOT_FOUND',
    });
    expect(await count('award_revocations')).toBe(rows);
    expect(await count('audit_records')).toBe(audits);
    expect(
      (await app.gql(VERIFY, { c: gold.certificateCode })).data!.verifyCertificate.status,
    ).toBe('VALID');
  });

  it("a revoked award's certificate PDF says so (已撤销 REVOKED, with date and reason) and leaves the ZIP", async () => {
    const gold = awarded(final, 'gold')[0];
    const res = await pdf(final.id, gold.entryCode, admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body).replace(/\s+/g, '');
    for (const expected of [
      '已撤销',
      'REVOKED',
      '获奖后查实作品为他人代工',
      gold.certificateCode,
    ]) {
      expect(text).toContain(expected);
    }
    const standingGold = awarded(final, 'gold')[1];
    const standing = await pdf(final.id, standingGold.entryCode, admin);
    expect(standing.status).toBe(200);
    expect(pdfText(standing.body)).not.toContain('已撤销');
    // The entrant of the revoked entry gets the same marked certificate.
    const owner = await entrantUserOf(final, gold.entryCode);
    const own = await pdf(final.id, gold.entryCode, owner);
    expect(own.status).toBe(200);
    expect(pdfText(own.body).replace(/\s+/g, '')).toContain('已撤销REVOKED');

    const zip = await getBytes(app, `/api/publications/${final.id}/certificates.zip`, admin);
    expect(zip.status).toBe(200);
    const names = zipNames(zip.body);
    const revoked = (await publicView(final.id)).items.filter((i: any) => i.revocation);
    expect(revoked.length).toBeGreaterThan(0);
    for (const item of revoked) expect(names).not.toContain(`${item.entryCode}.pdf`);
    expect(names).toContain(`${standingGold.entryCode}.pdf`);
  });

  it('disqualifying a gold winner after FINAL revokes its award: REVOKED at /verify with the date and the reason, the list marked, nobody moves up', async () => {
    const gold = awarded(final, 'gold')[1];
    const listBefore = await publicView(final.id);
    const checksum = await itemsChecksum();
    const startedAt = Date.now();
    const res = await app.gql(
      DISQUALIFY,
      { id: await entryIdOf(final.id, gold.entryCode), r: '经查实系抄袭作品' },
      admin,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.disqualifyEntry.status).toBe('DISQUALIFIED');

    const verified = (await app.gql(VERIFY, { c: gold.certificateCode })).data!.verifyCertificate;
    expect(verified).toMatchObject({
      status: 'REVOKED',
      publicationStatus: 'FINAL',
      revocation: { reason: '经查实系抄袭作品', cause: 'DISQUALIFIED' },
    });
    const at = Date.parse(verified.revocation.revokedAt);
    expect(at).toBeGreaterThanOrEqual(startedAt - 5);
    expect(at).toBeLessThanOrEqual(Date.now() + 5);

    const listAfter = await publicView(final.id);
    expect(standing(listAfter)).toEqual(standing(listBefore));
    expect(listAfter.hash).toBe(final.hash);
    expect(listAfter.items.find((i: any) => i.entryCode === gold.entryCode).revocation).toEqual(
      verified.revocation,
    );
    expect(await itemsChecksum()).toBe(checksum);
    const audits = await revocationAudits(final.id, gold.entryCode);
    expect(audits).toHaveLength(1);
    expect(JSON.parse(audits[0].detail)).toMatchObject({
      cause: 'DISQUALIFIED',
      reason: '经查实系抄袭作品',
    });
    // In the disqualification's transaction: the revocation's record comes right before the
    // entry's own, in the same chain (the revocation locks the publication before the chain).
    const chain = await app.sql<{ action: string; subject: string }>(
      `SELECT action, subject_id AS subject FROM audit_records
        WHERE event_id = ? ORDER BY seq DESC LIMIT 2`,
      [await eventIdOf(final.id)],
    );
    expect(chain.reverse()).toEqual([
      { action: 'award.revoked', subject: final.id },
      { action: 'entry.disqualified', subject: await entryIdOf(final.id, gold.entryCode) },
    ]);
  });

  it('disqualifying a winner during the notice marks its award too, so finalising that list cannot give it a valid certificate', async () => {
    const winner = notice.items.find((i: any) => i.award && !i.revocation);
    const res = await app.gql(
      DISQUALIFY,
      { id: await entryIdOf(notice.id, winner.entryCode), r: '参赛资格不符' },
      admin,
    );
    expect(res.errors).toBeUndefined();
    const marked = (await publicView(notice.id)).items.find(
      (i: any) => i.entryCode === winner.entryCode,
    );
    expect(marked.revocation).toMatchObject({ reason: '参赛资格不符', cause: 'DISQUALIFIED' });
    // Only if the organiser finalises that very list anyway.
    await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      notice.id,
    ]);
    const finalised = await app.gql(FINALISE, { id: notice.id }, admin);
    expect(finalised.errors).toBeUndefined();
    const code = finalised.data!.finalisePublication.items.find(
      (i: any) => i.entryCode === winner.entryCode,
    ).certificateCode;
    const verified = (await app.gql(VERIFY, { c: code })).data!.verifyCertificate;
    expect(verified).toMatchObject({
      status: 'REVOKED',
      revocation: { reason: '参赛资格不符', cause: 'DISQUALIFIED' },
    });
  });

  it('a tabulation that still ranks a winner disqualified since is not published: TABULATION_STALE until retabulated', async () => {
    const round = await tabulatedRound(app, admin, 40);
    const [winner] = await app.sql<{ id: string; code: string }>(
      `SELECT e.id, e.code FROM entry_results r JOIN tabulations t ON t.id = r.tabulation_id
         JOIN entries e ON e.id = r.entry_id
        WHERE t.round_id = ? AND r.award = 'gold' ORDER BY e.code LIMIT 1`,
      [round.roundId],
    );
    const res = await app.gql(DISQUALIFY, { id: winner.id, r: '赛后查实冒名参赛' }, admin);
    expect(res.errors).toBeUndefined();
    const publications = await count('publications');
    const stale = await app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, admin);
    expect(reasonOf(stale)).toEqual({ code: 'CONFLICT', reason: 'TABULATION_STALE' });
    expect(stale.errors![0].extensions.entryCodes).toEqual([winner.code]);
    expect(await count('publications')).toBe(publications);

    const retabulated = await app.gql(RETABULATE, { id: round.roundId }, admin);
    expect(retabulated.errors).toBeUndefined();
    const published = await app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, admin);
    expect(published.errors).toBeUndefined();
    expect(published.data!.publishResults.items.map((i: any) => i.entryCode)).not.toContain(
      winner.code,
    );
  });

  /** Signs in a new ENTRANT user acting for the entrant of this published item. */
  async function entrantUserOf(publication: any, entryCode: string): Promise<string> {
    const [row] = await app.sql<{ entrantId: string }>(
      `SELECT e.entrant_id AS entrantId FROM published_items p JOIN entries e ON e.id = p.entry_id
        WHERE p.publication_id = ? AND p.entry_code = ?`,
      [publication.id, entryCode],
    );
    const email = `entrant-${Math.floor(Math.random() * 1e9)}@example.com`;
    const res = await app.gql(
      CREATE_USER,
      {
        input: {
          email,
          password: PASSWORD,
          name: '参展 用户',
          role: 'ENTRANT',
          affiliationEntrantId: row.entrantId,
        },
      },
      admin,
    );
    expect(res.errors).toBeUndefined();
    return app.login(email, PASSWORD);
  }
});
