import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CREATE_USER, fulfilled, startTestApp, TestApp, together } from '@app/testing';
import {
  FINALISE,
  getBytes,
  inDays,
  pdfText,
  PUBLISH,
  tabulatedRound,
  zipNames,
} from './publication-fixtures';

const DOCUMENTS = `query($id:ID!){publication(id:$id){id status documents{status total rendered failure}}}`;
const REVOKE = `mutation($p:ID!,$c:String!,$r:String!){revokeAward(publicationId:$p,entryCode:$c,reason:$r){id}}`;
const PASSWORD = 'correct horse battery';

interface StoredRow {
  kind: string;
  entryCode: string;
  contentHash: string;
  storageKey: string;
  bytes: number;
  renderedAt: Date;
}

/**
 * Issue 22: a FINAL publication's certificates and list are drawn ahead by the worker and stored;
 * requests serve the stored files (the same bytes, drawn by nobody), the ZIP is streamed from
 * them, and an award revoked after the job is never served from its valid file again.
 */
describe('a FINAL publication: certificates drawn ahead by the worker', () => {
  let app: TestApp;
  let admin: string;
  let final: any;
  let awarded: any[];

  beforeAll(async () => {
    app = await startTestApp({ worker: true });
    admin = await app.adminToken();
    const round = await tabulatedRound(app, admin, 30);
    const published = (await app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, admin)).data!
      .publishResults;
    await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      published.id,
    ]);
    const res = await app.gql(FINALISE, { id: published.id }, admin);
    expect(res.errors).toBeUndefined();
    final = res.data!.finalisePublication;
    awarded = final.items.filter((i: any) => i.award);
    expect(awarded.length).toBeGreaterThan(4);
    await app.waitForQueues(120_000);
  }, 240_000);
  afterAll(() => app.close());

  const rowsOf = (publicationId: string) =>
    app.sql<StoredRow>(
      `SELECT kind, entry_code AS entryCode, content_hash AS contentHash, storage_key AS storageKey,
              bytes, rendered_at AS renderedAt
         FROM publication_documents WHERE publication_id = ? ORDER BY kind, entry_code`,
      [publicationId],
    );
  const fileOf = (row: StoredRow) => join(app.config.storageDir, row.storageKey);
  const certificateRow = async (entryCode: string) =>
    (await rowsOf(final.id)).find((r) => r.kind === 'CERTIFICATE' && r.entryCode === entryCode)!;
  const pdf = (entryCode: string, token = admin) =>
    getBytes(app, `/api/publications/${final.id}/certificates/${entryCode}.pdf`, token);
  const zip = () => getBytes(app, `/api/publications/${final.id}/certificates.zip`, admin);

  it('finalising queues one job that stores every certificate and the list; organisers see its progress', async () => {
    const rows = await rowsOf(final.id);
    expect(rows.filter((r) => r.kind === 'LIST')).toHaveLength(1);
    expect(
      rows
        .filter((r) => r.kind === 'CERTIFICATE')
        .map((r) => r.entryCode)
        .sort(),
    ).toEqual(awarded.map((i) => i.entryCode).sort());
    for (const row of rows) {
      expect(statSync(fileOf(row)).size).toBe(row.bytes);
      expect(readFileSync(fileOf(row)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    }
    const seen = (await app.gql(DOCUMENTS, { id: final.id }, admin)).data!.publication;
    expect(seen.documents).toEqual({
      status: 'READY',
      total: awarded.length + 1,
      rendered: awarded.length + 1,
      failure: null,
    });
    // Progress is the organisers': the public sees no documents field's content.
    expect((await app.gql(DOCUMENTS, { id: final.id })).data!.publication.documents).toBeNull();
  });

  it('a certificate request answers the stored file: the same bytes twice, drawn by nobody', async () => {
    const item = awarded[0];
    const row = await certificateRow(item.entryCode);
    const stored = readFileSync(fileOf(row));
    // A mark only the stored file has (a PDF comment after %%EOF, which readers skip): an answer
    // that carries it was read from storage, not drawn again.
    const marked = Buffer.concat([stored, Buffer.from('%stored-file\n', 'latin1')]);
    writeFileSync(fileOf(row), marked);
    try {
      const first = await pdf(item.entryCode);
      const second = await pdf(item.entryCode);
      expect(first.status).toBe(200);
      expect(first.body.equals(marked)).toBe(true);
      expect(second.body.equals(marked)).toBe(true);
      // The entrant of the entry gets the same file.
      const own = await pdf(item.entryCode, await entrantUserOf(item.entryCode));
      expect(own.status).toBe(200);
      expect(own.body.equals(marked)).toBe(true);
    } finally {
      writeFileSync(fileOf(row), stored);
    }
    expect((await certificateRow(item.entryCode)).renderedAt).toEqual(row.renderedAt);
    // The list too.
    const list = (await rowsOf(final.id)).find((r) => r.kind === 'LIST')!;
    const listPdf = await getBytes(app, `/api/publications/${final.id}.pdf`, admin);
    expect(listPdf.body.equals(readFileSync(fileOf(list)))).toBe(true);
  });

  it('the ZIP holds every awarded certificate, each the stored file', async () => {
    const res = await zip();
    expect(res.status).toBe(200);
    expect(zipNames(res.body).sort()).toEqual(awarded.map((i) => `${i.entryCode}.pdf`).sort());
    for (const row of (await rowsOf(final.id)).filter((r) => r.kind === 'CERTIFICATE')) {
      // Stored, not deflated: the file's bytes are in the archive as they are.
      expect(res.body.indexOf(readFileSync(fileOf(row)))).toBeGreaterThan(0);
    }
  });

  it('an award revoked after the job: its valid file is never served again, and the job redraws it marked REVOKED', async () => {
    const item = awarded[1];
    const before = await certificateRow(item.entryCode);
    const validBytes = readFileSync(fileOf(before));
    const revoked = await app.gql(
      REVOKE,
      { p: final.id, c: item.entryCode, r: '获奖后查实作品为他人代工' },
      admin,
    );
    expect(revoked.errors).toBeUndefined();

    // Right away, whether or not the worker has got to it: never the valid certificate.
    const now = await pdf(item.entryCode);
    expect(now.status).toBe(200);
    expect(now.body.equals(validBytes)).toBe(false);
    expect(pdfText(now.body).replace(/\s+/g, '')).toContain('已撤销REVOKED');
    expect(pdfText(now.body)).toContain('获奖后查实作品为他人代工');

    await app.waitForQueues(60_000);
    const after = await certificateRow(item.entryCode);
    expect(after.contentHash).not.toBe(before.contentHash);
    expect(existsSync(fileOf(before))).toBe(false);
    const again = await pdf(item.entryCode);
    expect(again.body.equals(readFileSync(fileOf(after)))).toBe(true);
    expect(again.body.equals(now.body)).toBe(true);

    const names = zipNames((await zip()).body);
    expect(names).not.toContain(`${item.entryCode}.pdf`);
    expect(names).toHaveLength(awarded.length - 1);
    const seen = (await app.gql(DOCUMENTS, { id: final.id }, admin)).data!.publication.documents;
    expect(seen).toMatchObject({
      status: 'READY',
      total: awarded.length + 1,
      rendered: awarded.length + 1,
    });
  });

  it('twelve requests at once for a certificate not stored yet: all answer the same PDF, one row and one file', async () => {
    const item = awarded[2];
    const row = await certificateRow(item.entryCode);
    await app.sql(
      "DELETE FROM publication_documents WHERE publication_id = ? AND kind = 'CERTIFICATE' AND entry_code = ?",
      [final.id, item.entryCode],
    );
    rmSync(fileOf(row));
    const answers = fulfilled(await together(12, () => pdf(item.entryCode)));
    expect(answers.map((a) => a.status)).toEqual(Array(12).fill(200));
    for (const answer of answers) expect(answer.body.equals(answers[0].body)).toBe(true);
    expect(pdfText(answers[0].body)).toContain(item.certificateCode);
    const rows = (await rowsOf(final.id)).filter((r) => r.entryCode === item.entryCode);
    expect(rows).toHaveLength(1);
    expect(rows[0].storageKey).toBe(row.storageKey);
    expect(readFileSync(fileOf(rows[0])).equals(answers[0].body)).toBe(true);
  });

  async function entrantUserOf(entryCode: string): Promise<string> {
    const [row] = await app.sql<{ entrantId: string }>(
      `SELECT e.entrant_id AS entrantId FROM published_items p JOIN entries e ON e.id = p.entry_id
        WHERE p.publication_id = ? AND p.entry_code = ?`,
      [final.id, entryCode],
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
