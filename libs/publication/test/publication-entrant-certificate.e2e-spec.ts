import { CREATE_USER, startTestApp, TestApp, userWithRole } from '@app/testing';
import { errorOf, getBytes, noticeAndFinal, pdfText } from './publication-fixtures';

const PASSWORD = 'correct horse battery';

/**
 * An entrant downloads the certificate of its own awarded entry once the publication is FINAL
 * (docs/api-additions.md "Publications"); every other entrant finds no such certificate, other
 * roles but organisers are refused, and the whole ZIP stays the organisers'.
 */
describe("an entrant's own certificate", () => {
  let app: TestApp;
  let admin: string;
  let notice: any;
  let final: any;
  /** the entrant of the FINAL publication's entries, and of the NOTICE one's */
  let winner: string;
  let other: string;

  const get = (path: string, token?: string) => getBytes(app, path, token);

  /** Signs in a new ENTRANT user acting for the entrant of this published item. */
  async function entrantUserOf(publication: any, entryCode: string): Promise<string> {
    const [row] = await app.sql<{ entrantId: string }>(
      `SELECT e.entrant_id AS entrantId FROM published_items p JOIN entries e ON e.id = p.entry_id
        WHERE p.publication_id = ? AND p.entry_code = ?`,
      [publication.id, entryCode],
    );
    return signInFor(row.entrantId);
  }

  /** Signs in a new ENTRANT user acting for the entrant of this entry (listed or not). */
  async function entrantUserByEntry(eventId: string, entryCode: string): Promise<string> {
    const [row] = await app.sql<{ entrantId: string }>(
      'SELECT entrant_id AS entrantId FROM entries WHERE event_id = ? AND code = ?',
      [eventId, entryCode],
    );
    return signInFor(row.entrantId);
  }

  async function signInFor(entrantId: string): Promise<string> {
    const email = `entrant-${Math.floor(Math.random() * 1e9)}@example.com`;
    const res = await app.gql(
      CREATE_USER,
      {
        input: {
          email,
          password: PASSWORD,
          name: '参展 用户',
          role: 'ENTRANT',
          affiliationEntrantId: entrantId,
        },
      },
      admin,
    );
    expect(res.errors).toBeUndefined();
    return app.login(email, PASSWORD);
  }
  const certificate = (publication: any, entryCode: string, token?: string) =>
    get(`/api/publications/${publication.id}/certificates/${entryCode}.pdf`, token);

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    ({ notice, final } = await noticeAndFinal(app, admin, 20));
    expect(final.status).toBe('FINAL');
    winner = await entrantUserOf(final, final.items.find((i: any) => i.award).entryCode);
    other = await entrantUserOf(notice, notice.items[0].entryCode);
  });
  afterAll(() => app.close());

  it('the entrant of an awarded entry downloads its certificate from a FINAL publication', async () => {
    const awarded = final.items.filter((i: any) => i.award);
    expect(awarded.length).toBeGreaterThan(1);
    for (const item of awarded.slice(0, 2)) {
      const res = await certificate(final, item.entryCode, winner);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['cache-control']).toBe('private, no-store');
      const text = pdfText(res.body).replace(/\s+/g, '');
      expect(text).toContain(item.certificateCode);
      expect(text).toContain(item.award.name);
    }
  });

  it('another entrant finds no certificate, whatever the publication status; other roles are refused', async () => {
    const item = final.items.find((i: any) => i.award);
    const asOther = await certificate(final, item.entryCode, other);
    expect(asOther.status).toBe(404);
    expect(errorOf(asOther)).toMatchObject({
      code: 'NOT_FOUND',
      reason: 'CERTIFICATE_NOT_FOUND',
    });
    // The NOTICE publication's entries are not the winner's: not found before "not final".
    const noticeOfOther = await certificate(notice, notice.items[0].entryCode, winner);
    expect(noticeOfOther.status).toBe(404);
    expect(errorOf(noticeOfOther).reason).toBe('CERTIFICATE_NOT_FOUND');
    // An entry code that is in no publication at all reads the same.
    expect((await certificate(final, 'ZZ-999', winner)).status).toBe(404);

    for (const role of ['JUDGE', 'COORDINATOR'] as const) {
      const token = await userWithRole(
        app,
        role,
        role === 'COORDINATOR' ? { regionCode: '450100' } : {},
      );
      const res = await certificate(final, item.entryCode, token);
      expect(res.status).toBe(403);
      expect(errorOf(res).code).toBe('FORBIDDEN');
    }
    expect((await certificate(final, item.entryCode)).status).toBe(401);
    // The ZIP of every certificate and the lists stay the organisers'.
    const zip = await get(`/api/publications/${final.id}/certificates.zip`, winner);
    expect(zip.status).toBe(403);
    expect((await get(`/api/publications/${final.id}.csv`, winner)).status).toBe(403);
  });

  it("the entrant's own entry before the publication is FINAL: CONFLICT, as for organisers", async () => {
    const own = await certificate(notice, notice.items[0].entryCode, other);
    expect(own.status).toBe(409);
    expect(errorOf(own).reason).toBe('PUBLICATION_NOT_FINAL');
    // The organiser still reads any certificate, as before.
    const item = final.items.find((i: any) => i.award);
    expect((await certificate(final, item.entryCode, admin)).status).toBe(200);
  });

  it("the entrant's own entry that is not on the NOTICE list: CONFLICT too, not NOT_FOUND", async () => {
    const listed = new Set(notice.items.map((i: any) => i.entryCode));
    const [{ eventId }] = await app.sql<{ eventId: string }>(
      'SELECT event_id AS eventId FROM publications WHERE id = ?',
      [notice.id],
    );
    const unlisted = (
      await app.sql<{ code: string }>(
        'SELECT code FROM entries WHERE event_id = ? AND code IS NOT NULL ORDER BY code',
        [eventId],
      )
    ).find((e) => !listed.has(e.code))!;
    const owner = await entrantUserByEntry(eventId, unlisted.code);
    const own = await certificate(notice, unlisted.code, owner);
    expect(own.status).toBe(409);
    expect(errorOf(own)).toMatchObject({ code: 'CONFLICT', reason: 'PUBLICATION_NOT_FINAL' });
    // Anyone else still learns nothing about it.
    const asOther = await certificate(notice, unlisted.code, winner);
    expect(asOther.status).toBe(404);
    expect(errorOf(asOther).reason).toBe('CERTIFICATE_NOT_FOUND');
  });
});
