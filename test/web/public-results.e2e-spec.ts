import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  startWebTestApp,
  TestApp,
  testJpeg,
  uploadImage,
  WEB_ARTIFACTS,
  WebTestApp,
  watchContentSecurityPolicy,
} from '@app/testing';
import {
  expectedHash,
  FINALISE,
  inDays,
  PUBLISH,
  PUBLISHED,
  RESOLVE,
  storedResults,
} from '../../libs/publication/test/publication-fixtures';
import { CLOSE, RETABULATE, seedRound } from '../../libs/results/test/results-fixtures';

const ARTIFACTS = WEB_ARTIFACTS;
/** What the public results route may download (JS and CSS, gzipped), all chunks together. */
const PUBLIC_ROUTE_BUDGET_GZ = 100 * 1024;

interface Item {
  entryCode: string;
  title: string;
  entrantName: string;
  regionName: string;
  categoryName: string;
  rank: number | null;
  award: { key: string; name: string; rank: number } | null;
  certificateCode: string | null;
}

/**
 * The public results page and the certificate check in Debian's chromium, on a phone held
 * upright, against the real API, MariaDB, Redis and the photo worker: a judged round is
 * tabulated and published, the page lists its awards per tier with their photos and
 * recomputes the hash, takes an objection, and after the list is final a certificate's code
 * is verified. No one signs in in the browser.
 */
describe('public results and certificate pages (chromium)', () => {
  let app: TestApp;
  let web: WebTestApp;
  let webDir: string;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let round: { roundId: string; slug: string };
  let publication: { id: string; hash: string; items: Item[] };
  const withPhoto = new Set<string>();
  const pageErrors: string[] = [];
  /** every /assets/ file the page fetched */
  const fetchedAssets = new Set<string>();

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base, webDir, browser } = web);
    admin = await app.adminToken();
    round = await judgedRound();
    await addPhotos();
    const published = await app.gql(PUBLISH, { r: round.roundId, n: inDays(7) }, admin);
    expect(published.errors).toBeUndefined();
    publication = published.data!.publishResults;

    // A phone held upright.
    context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(page, pageErrors);
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/assets/')) fetchedAssets.add(basename(path));
    });
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  /**
   * 24 entries judged by 3 of 6 judges, gold for 10% and silver for 20% of each category, and
   * 60% advancing (so some advance without an award); closed and tabulated.
   */
  async function judgedRound(): Promise<{ roundId: string; slug: string }> {
    const seeded = await seedRound(app, 24);
    await app.sql('UPDATE rounds SET advancement_value = 60 WHERE id = ?', [seeded.roundId]);
    for (const step of [CLOSE, RETABULATE]) {
      const res = await app.gql(step, { id: seeded.roundId }, admin);
      expect(res.errors).toBeUndefined();
    }
    const [event] = await app.sql<{ slug: string }>('SELECT slug FROM events WHERE id = ?', [
      seeded.eventId,
    ]);
    return { roundId: seeded.roundId, slug: event.slug };
  }

  /**
   * A photo for every awarded entry but the last, so one card shows the placeholder. The seed
   * writes a judged round in one go, and the API locks an entry's photos once its first round
   * opens: the round is DRAFT again for the uploads, as it was when entrants sent their photos.
   */
  async function addPhotos(): Promise<void> {
    const awarded = (await storedResults(app, round.roundId)).filter((r) => r.award !== null);
    expect(awarded.length).toBeGreaterThan(2);
    const [{ status }] = await app.sql<{ status: string }>(
      'SELECT status FROM rounds WHERE id = ?',
      [round.roundId],
    );
    await app.sql("UPDATE rounds SET status = 'DRAFT' WHERE id = ?", [round.roundId]);
    const entries = await app.sql<{ id: string; code: string }>(
      `SELECT id, code FROM entries WHERE code IN (${awarded.map(() => '?').join(',')}) ORDER BY code`,
      awarded.map((r) => r.code),
    );
    for (const [n, entry] of entries.slice(0, -1).entries()) {
      const res = await uploadImage(app, entry.id, await testJpeg(n + 1, 640, 480), admin);
      if (res.status !== 201) throw new Error(`photo refused: ${res.status} ${res.text}`);
      withPhoto.add(entry.code);
    }
    await app.sql('UPDATE rounds SET status = ? WHERE id = ?', [status, round.roundId]);
    await app.waitForQueues();
  }

  /** Controls smaller than 44 px either way, among those on screen. */
  const smallControls = () =>
    page.evaluate(() =>
      // The test's TypeScript has no DOM lib; this runs in the page.
      [...(globalThis as any).document.querySelectorAll('button, a, input, textarea, select')]
        .map((el: any) => ({ el, box: el.getBoundingClientRect() }))
        .filter(({ box }: any) => box.width > 0 && box.height > 0 && box.right > 0)
        .filter(({ box }: any) => box.width < 44 || box.height < 44)
        .map(({ el, box }: any) => `${el.tagName} "${el.textContent}" ${box.width}x${box.height}`),
    );

  /** The built asset files and their gzipped sizes. */
  function assetSizes(): Map<string, number> {
    const dir = join(webDir, 'assets');
    return new Map(
      readdirSync(dir).map((name) => [name, gzipSync(readFileSync(join(dir, name))).length]),
    );
  }

  it('lists the awards of the published round per tier, with photos, and its hash recomputed in the browser', async () => {
    await page.goto(`${base}/results/${round.slug}`);
    await page.getByRole('heading', { level: 1, name: /评审结果/ }).waitFor();
    const section = page.getByTestId('publication');
    expect(await section.getAttribute('data-status')).toBe('NOTICE');
    expect(await section.textContent()).toContain('公示中');
    expect(await section.textContent()).toContain('公示期至');

    // Tiers in §8's order, highest first, advanced without award last; within each the
    // published order.
    const expectedTiers: Array<[string, string[]]> = [];
    for (const item of publication.items) {
      const key = item.award?.key ?? '';
      if (expectedTiers.at(-1)?.[0] !== key) expectedTiers.push([key, []]);
      expectedTiers.at(-1)![1].push(item.entryCode);
    }
    expect(expectedTiers.map(([key]) => key)).toEqual(['gold', 'silver', '']);
    const shown = await section
      .getByTestId('tier')
      .evaluateAll((tiers: any[]) =>
        tiers.map((tier) => [
          tier.dataset.tier,
          [...tier.querySelectorAll('[data-testid=item]')].map((li: any) => li.dataset.code),
        ]),
      );
    expect(shown).toEqual(expectedTiers);
    const goldHeading = section.locator('[data-tier=gold] h3');
    expect(await goldHeading.textContent()).toContain('金奖');
    expect(await section.locator('[data-tier=""] h3').textContent()).toContain('晋级');

    // Each card: code, title, entrant, region, category.
    const first = publication.items[0];
    const card = section.locator(`[data-code="${first.entryCode}"]`);
    const text = await card.textContent();
    for (const part of [first.entryCode, first.title, first.entrantName, '南宁市', '小类'])
      expect(text).toContain(part);

    // Thumbnails: the THUMB rendition, lazy, in a fixed box; they load once scrolled to.
    const photos = section.locator('[data-testid=item] img');
    expect(await photos.count()).toBe(withPhoto.size);
    for (const img of await photos.all()) {
      expect(await img.getAttribute('loading')).toBe('lazy');
      expect(await img.getAttribute('width')).toBe('88');
      expect(await img.getAttribute('src')).toMatch(/^\/api\/renditions\/.+\.webp$/);
    }
    const last = photos.last();
    const before = await last.boundingBox();
    await last.scrollIntoViewIfNeeded();
    await page.waitForFunction(
      (el: any) => el.complete && el.naturalWidth > 0,
      await last.elementHandle(),
    );
    const after = await last.boundingBox();
    // No layout shift: the box was the same size before the photo arrived.
    expect([after!.width, after!.height]).toEqual([before!.width, before!.height]);
    const photoless = publication.items.filter((i) => !withPhoto.has(i.entryCode));
    expect(photoless.length).toBeGreaterThan(0);
    expect(await section.getByText('暂无照片').count()).toBe(photoless.length);

    // Anyone can recompute §8's hash here and see it match.
    await page.getByRole('button', { name: '在本机重新计算校验值' }).click();
    const check = page.getByTestId('hash-check');
    await check.locator('[data-match]').waitFor();
    expect(await check.locator('[data-match]').getAttribute('data-match')).toBe('yes');
    expect(await check.getByTestId('computed-hash').textContent()).toContain(publication.hash);
    expect(publication.hash).toBe(expectedHash(publication.items));

    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    await page.screenshot({ path: join(ARTIFACTS, 'public-results-phone-portrait.png') });
    await page.screenshot({
      path: join(ARTIFACTS, 'public-results-phone-portrait-full.png'),
      fullPage: true,
    });
    expect(await smallControls()).toEqual([]);
  });

  it('loads none of the judges’ app, and little: its route’s JS and CSS within budget', () => {
    const sizes = assetSizes();
    // The judges' chunk is the one holding the score sheet mutation.
    const judgeChunks = [...sizes.keys()].filter((name) =>
      readFileSync(join(webDir, 'assets', name), 'utf8').includes('submitScoreSheet'),
    );
    expect(judgeChunks).toHaveLength(1);
    expect([...fetchedAssets]).not.toContain(judgeChunks[0]);
    const total = [...fetchedAssets].reduce((sum, name) => sum + (sizes.get(name) ?? 0), 0);
    const all = [...sizes.values()].reduce((a, b) => a + b, 0);
    console.log(
      `public results route: ${fetchedAssets.size} files, ${(total / 1024).toFixed(1)} KiB gzipped ` +
        `(the whole web app: ${(all / 1024).toFixed(1)} KiB)`,
    );
    expect(total).toBeLessThan(PUBLIC_ROUTE_BUDGET_GZ);
  });

  it('takes an objection during the notice, and says a refusal in plain words', async () => {
    const target = publication.items[1];
    await page.getByRole('link', { name: `对 ${target.entryCode} 提出异议` }).click();
    await page.getByRole('heading', { name: '对评审结果提出异议' }).waitFor();
    expect(await page.getByLabel('作品编号').inputValue()).toBe(target.entryCode);

    // Only spaces: the browser lets it through, the contract refuses it (REASON_REQUIRED).
    await page.getByLabel(/异议理由/).fill('   ');
    await page.getByRole('button', { name: '提交异议' }).click();
    expect(await page.getByTestId('objection-refused').textContent()).toBe('请填写异议理由');
    // An entry this round never judged (ENTRY_NOT_IN_ROUND).
    await page.getByLabel('作品编号').fill('ZZ-99999');
    await page.getByLabel(/异议理由/).fill('与往届获奖作品雷同');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page
      .getByTestId('objection-refused')
      .filter({ hasText: '本轮评审中没有编号为 ZZ-99999 的作品' })
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'public-objection-phone-portrait.png') });
    expect(await smallControls()).toEqual([]);

    await page.getByLabel('作品编号').fill(target.entryCode);
    await page.getByLabel(/联系方式/).fill('13800000000');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByTestId('objection-filed').waitFor();
    const rows = await app.sql<{ id: string; entry_code: string; reason: string; status: string }>(
      'SELECT id, entry_code, reason, status FROM objections WHERE publication_id = ?',
      [publication.id],
    );
    expect(rows.map((r) => [r.entry_code, r.reason, r.status])).toEqual([
      [target.entryCode, '与往届获奖作品雷同', 'OPEN'],
    ]);
    // The organiser answers it, so the list can become final.
    const resolved = await app.gql(RESOLVE, { id: rows[0].id, u: false, r: '经核查不成立' }, admin);
    expect(resolved.errors).toBeUndefined();
  });

  it('once final: the page says so, takes no objection, and a certificate code verifies', async () => {
    await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      publication.id,
    ]);
    const finalised = await app.gql(FINALISE, { id: publication.id }, admin);
    expect(finalised.errors).toBeUndefined();
    const final = finalised.data!.finalisePublication as { hash: string; items: Item[] };
    expect(final.hash).toBe(publication.hash);
    const listed = (await app.gql(PUBLISHED, { s: round.slug })).data!.publishedResults;
    expect(listed.map((p: any) => [p.id, p.status])).toEqual([[publication.id, 'FINAL']]);

    await page.goto(`${base}/results/${round.slug}`);
    const section = page.getByTestId('publication');
    await section.and(page.locator('[data-status=FINAL]')).waitFor();
    expect(await section.textContent()).toContain('最终结果');
    expect(await page.getByRole('link', { name: /提出异议/ }).count()).toBe(0);
    await page.getByRole('button', { name: '在本机重新计算校验值' }).click();
    await page.locator('[data-match=yes]').waitFor();

    // The QR code on a gold certificate leads here.
    const gold = final.items.find((i) => i.award?.key === 'gold')!;
    expect(gold.certificateCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    await page.goto(`${base}/verify/${gold.certificateCode}`);
    const certificate = page.getByTestId('certificate');
    await certificate.waitFor();
    const field = (name: string) => certificate.locator(`[data-field=${name}]`).textContent();
    expect(await field('code')).toBe(gold.certificateCode);
    expect(await field('entryCode')).toBe(gold.entryCode);
    expect(await field('title')).toBe(gold.title);
    expect(await field('entrantName')).toBe(gold.entrantName);
    expect(await field('award')).toBe('金奖');
    expect(await field('version')).toBe('第 1 版');
    expect(await field('status')).toBe('最终结果');
    expect(await certificate.getByTestId('published-hash').textContent()).toBe(final.hash);
    await certificate.getByRole('button', { name: '在本机重新计算校验值' }).click();
    await certificate.locator('[data-match=yes]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'public-verify-phone-portrait.png') });
    expect(await smallControls()).toEqual([]);

    // From the keyboard, typed as a person types it: lower case, no dashes.
    const typed = gold.certificateCode!.replace(/-/g, '').toLowerCase();
    await page.getByLabel('证书编号').fill(typed);
    await page.getByLabel('证书编号').press('Enter');
    await page.waitForURL(`**/verify/${typed}`);
    expect(await page.getByTestId('certificate').locator('[data-field=code]').textContent()).toBe(
      gold.certificateCode,
    );

    // A code no certificate has.
    await page.getByLabel('证书编号').fill('K7QF-3MXD-9TZB');
    await page.getByRole('button', { name: '查验' }).click();
    const none = page.getByTestId('certificate-none');
    await none.waitFor();
    expect(await none.textContent()).toContain('没有证书使用编号 K7QF-3MXD-9TZB');
    await page.screenshot({ path: join(ARTIFACTS, 'public-verify-none-phone-portrait.png') });

    // English is one tap away.
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('heading', { name: 'Check a certificate' }).waitFor();
    expect(await none.textContent()).toContain('No certificate has the code K7QF-3MXD-9TZB');
    await page.getByRole('button', { name: 'Language' }).click();
  });

  it('the API answers index.html for the public routes', async () => {
    const home = await app.http().get('/');
    for (const path of [`/results/${round.slug}`, '/verify/K7QF-3MXD-9TZB', '/verify']) {
      const res = await app.http().get(path);
      expect([res.status, res.text]).toEqual([200, home.text]);
    }
  });
});
