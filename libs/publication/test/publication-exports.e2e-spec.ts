import { startTestApp, TestApp, userWithRole } from '@app/testing';
import {
  errorOf,
  getBytes,
  noticeAndFinal,
  pdfQr,
  pdfText,
  zipNames,
} from './publication-fixtures';

/** The organisers' files of a publication (docs/http.md, "Results and publications"). */
describe('publication exports', () => {
  let app: TestApp;
  let admin: string;
  let judge: string;
  let notice: any;
  let final: any;

  const get = (path: string, token?: string) => getBytes(app, path, token);

  beforeAll(async () => {
    app = await startTestApp({ env: { PUBLIC_URL: 'https://awards.example.org/' } });
    admin = await app.adminToken();
    judge = await userWithRole(app, 'JUDGE');
    ({ notice, final } = await noticeAndFinal(app, admin, 30));
    expect(final.status).toBe('FINAL');
  });
  afterAll(() => app.close());

  it('CSV: UTF-8 with a BOM, a header and one row per item, as published', async () => {
    const res = await get(`/api/publications/${final.id}.csv`, admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(
      /^attachment; filename="results-\d+-\d+-r1-v1\.csv"/,
    );
    const text = res.body.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '作品编号 Entry code,作品名称 Title,参赛者 Entrant,地区 Region,类别 Category,奖项 Award,奖项代码 Award key,名次 Rank,证书编号 Certificate code',
    );
    expect(lines).toHaveLength(final.items.length + 1);
    final.items.forEach((item: any, i: number) => {
      const cells = lines[i + 1].split(',');
      expect(cells[0]).toBe(item.entryCode);
      expect(cells[2]).toBe(item.entrantName);
      expect(cells[6]).toBe(item.award?.key ?? '');
      expect(cells[7]).toBe(item.rank === null ? '' : String(item.rank));
      expect(cells[8]).toBe(item.certificateCode ?? '');
    });
  });

  it('PDF list: the event, the hash and every entry code, in Chinese text a reader can extract', async () => {
    const res = await get(`/api/publications/${notice.id}.pdf`, admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = pdfText(res.body);
    expect(text).toContain(notice.hash);
    expect(text).toContain('获奖名单');
    expect(text).toContain('金奖');
    for (const item of notice.items) expect(text).toContain(item.entryCode);
  });

  it('a certificate: the entry, its award and a QR code of PUBLIC_URL/verify/{code}', async () => {
    const item = final.items.find((i: any) => i.award);
    const res = await get(
      `/api/publications/${final.id}/certificates/${item.entryCode}.pdf`,
      admin,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.body.length).toBeLessThan(400_000);
    const text = pdfText(res.body).replace(/\s+/g, '');
    expect(text).toContain(item.entrantName.replace(/\s+/g, ''));
    expect(text).toContain(item.award.name);
    expect(text).toContain(item.certificateCode);
    await expect(pdfQr(res.body)).resolves.toBe(
      `https://awards.example.org/verify/${item.certificateCode}`,
    );
  });

  it('certificates.zip: one PDF per awarded item', async () => {
    const res = await get(`/api/publications/${final.id}/certificates.zip`, admin);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const awarded = final.items.filter((i: any) => i.award).map((i: any) => `${i.entryCode}.pdf`);
    expect(awarded.length).toBeGreaterThan(1);
    expect(zipNames(res.body)).toEqual(awarded);
    expect(res.body.toString('latin1').split('%PDF-').length - 1).toBe(awarded.length);
  });

  it('refuses: no token, not an organiser, a bad id, an unknown one, no award, not FINAL', async () => {
    expect((await get(`/api/publications/${final.id}.csv`)).status).toBe(401);
    const asJudge = await get(`/api/publications/${final.id}.csv`, judge);
    expect(asJudge.status).toBe(403);
    expect(errorOf(asJudge).code).toBe('FORBIDDEN');
    const badId = await get('/api/publications/nope.csv', admin);
    expect(badId.status).toBe(400);
    expect(errorOf(badId).reason).toBe('INVALID_ID');
    const format = await get(`/api/publications/${final.id}.xls`, admin);
    expect(errorOf(format)).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'UNSUPPORTED_FORMAT' });
    const unknown = await get('/api/publications/00000000-0000-4000-8000-000000000000.pdf', admin);
    expect(unknown.status).toBe(404);
    const advancedOnly = final.items.find((i: any) => !i.award);
    const noAward = await get(
      `/api/publications/${final.id}/certificates/${advancedOnly?.entryCode ?? 'ZZ-1'}.pdf`,
      admin,
    );
    expect(noAward.status).toBe(404);
    expect(errorOf(noAward).reason).toBe('CERTIFICATE_NOT_FOUND');
    const notFinal = await get(`/api/publications/${notice.id}/certificates.zip`, admin);
    expect(notFinal.status).toBe(409);
    expect(errorOf(notFinal).reason).toBe('PUBLICATION_NOT_FINAL');
    const oneNotFinal = await get(
      `/api/publications/${notice.id}/certificates/${notice.items[0].entryCode}.pdf`,
      admin,
    );
    expect(oneNotFinal.status).toBe(409);
  });
});
