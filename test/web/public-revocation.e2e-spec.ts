import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import { startWebTestApp, TestApp, WEB_ARTIFACTS, WebTestApp } from '@app/testing';
import {
  FINALISE,
  inDays,
  PUBLISH,
  tabulatedRound,
} from '../../libs/publication/test/publication-fixtures';

const REVOKE = `mutation($p:ID!,$c:String!,$r:String!){revokeAward(publicationId:$p,entryCode:$c,reason:$r){id}}`;
const DISQUALIFY = 'mutation($id:ID!,$r:String!){disqualifyEntry(id:$id,reason:$r){status}}';

interface Item {
  entryCode: string;
  award: { key: string } | null;
  certificateCode: string | null;
}

/**
 * A FINAL list with one award revoked by the organisers and one by a disqualification, in
 * Debian's chromium on a phone: the results page marks both where they were (their tier, their
 * place; the hash still matches) with the date and reason, and the certificate check says
 * "revoked" with the same date and reason, in Chinese and in English; a standing award still
 * verifies as valid.
 */
describe('revoked awards on the public pages (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let slug: string;
  let golds: Item[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base, browser } = web);
    const admin = await app.adminToken();
    const round = await tabulatedRound(app, admin, 40);
    slug = round.slug;
    const published = (await app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, admin)).data!
      .publishResults;
    await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      published.id,
    ]);
    const final = (await app.gql(FINALISE, { id: published.id }, admin)).data!.finalisePublication;
    golds = final.items.filter((i: Item) => i.award?.key === 'gold');
    expect(golds.length).toBeGreaterThanOrEqual(3);

    const revoked = await app.gql(
      REVOKE,
      { p: final.id, c: golds[0].entryCode, r: '获奖后查实为他人代工' },
      admin,
    );
    expect(revoked.errors).toBeUndefined();
    const [entry] = await app.sql<{ id: string }>(
      'SELECT entry_id AS id FROM published_items WHERE publication_id = ? AND entry_code = ?',
      [final.id, golds[1].entryCode],
    );
    const disqualified = await app.gql(DISQUALIFY, { id: entry.id, r: '经查实系抄袭作品' }, admin);
    expect(disqualified.errors).toBeUndefined();

    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await context?.close();
    await web?.close();
  });

  it('the results page marks both revoked awards in their own tier, with date and reason; the hash still matches', async () => {
    await page.goto(`${base}/results/${slug}`);
    await page.getByTestId('publication').and(page.locator('[data-status=FINAL]')).waitFor();
    const goldTier = page.locator('[data-testid=tier][data-tier=gold]');
    const item = (code: string) => goldTier.locator(`[data-testid=item][data-code="${code}"]`);

    const decided = item(golds[0].entryCode);
    expect(await decided.getAttribute('data-revoked')).toBe('yes');
    const decidedText = await decided.getByTestId('revocation').textContent();
    expect(decidedText).toContain('主办方已于');
    expect(decidedText).toContain('获奖后查实为他人代工');
    expect(decidedText).toMatch(/\d{4}/);
    expect(await decided.textContent()).toContain('奖项已撤销');

    const disqualified = item(golds[1].entryCode);
    expect(await disqualified.getAttribute('data-revoked')).toBe('yes');
    expect(await disqualified.getByTestId('revocation').getAttribute('data-cause')).toBe(
      'DISQUALIFIED',
    );
    expect(await disqualified.getByTestId('revocation').textContent()).toContain(
      '取消参赛资格，奖项撤销。理由：经查实系抄袭作品',
    );

    // Nobody moved up: every gold is still listed as gold, the others unmarked.
    expect(await goldTier.locator('[data-testid=item]').count()).toBe(golds.length);
    expect(await item(golds[2].entryCode).getAttribute('data-revoked')).toBeNull();
    expect(await page.locator('[data-revoked=yes]').count()).toBe(2);

    await page.getByRole('button', { name: '在本机重新计算校验值' }).click();
    await page.locator('[data-match=yes]').waitFor();
    await decided.scrollIntoViewIfNeeded();
    await page.screenshot({
      path: join(WEB_ARTIFACTS, 'public-results-revoked-phone-portrait.png'),
    });
  });

  it('the certificate check says "revoked", with when and why, in both languages; a standing award is still valid', async () => {
    await page.goto(`${base}/verify/${golds[1].certificateCode}`);
    const certificate = page.getByTestId('certificate');
    await certificate.waitFor();
    expect(await certificate.getAttribute('data-status')).toBe('REVOKED');
    expect(await certificate.getByRole('heading').textContent()).toBe('✗ 证书已撤销');
    expect(await certificate.locator('[data-field=revocationReason]').textContent()).toBe(
      '经查实系抄袭作品',
    );
    expect(await certificate.locator('[data-field=revokedAt]').textContent()).toContain('北京时间');
    expect(await certificate.locator('[data-field=entryCode]').textContent()).toBe(
      golds[1].entryCode,
    );
    await page.screenshot({
      path: join(WEB_ARTIFACTS, 'public-verify-revoked-phone-portrait.png'),
    });

    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('heading', { name: '✗ Certificate revoked' }).waitFor();
    expect(await certificate.textContent()).toContain('no longer valid');
    await page.getByRole('button', { name: 'Language' }).click();

    await page.goto(`${base}/verify/${golds[2].certificateCode}`);
    await page.getByTestId('certificate').and(page.locator('[data-status=VALID]')).waitFor();
    expect(await page.getByTestId('certificate').getByRole('heading').textContent()).toBe(
      '✓ 证书有效',
    );
    expect(pageErrors).toEqual([]);
  });
});
