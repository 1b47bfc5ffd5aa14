import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { BrowserContext, chromium, Page } from 'playwright-core';
import {
  eventually,
  startWebTestApp,
  TestApp,
  watchContentSecurityPolicy,
  WebTestApp,
} from '@app/testing';
import { chromiumPath } from '../helpers/chromium';
import { Hall, PASSWORD, seedHall } from './judge-hall-fixtures';

/**
 * The tablet starts with no network (issue 20): the service worker (vite-plugin-pwa, Workbox)
 * serves the app shell, a round opened online keeps its photos, the app is installable, and a
 * new version of the app waits until no sheet is left unsent. Every page runs under the API's
 * Content-Security-Policy (script-src and worker-src 'self'): a violation fails the test.
 */
describe('the judges tablet offline (chromium, service worker)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let hall: Hall;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    app = web.app;
    hall = await seedHall(app, 'offline', 4);
    context = await web.browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(page, pageErrors);
  });

  afterEach(async () => {
    await context.setOffline(false);
    expect(pageErrors.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await web?.close();
  });

  /** Whether a service worker controls the page (after its first activation, clientsClaim). */
  const controlled = () =>
    page.evaluate(() => !!(globalThis as any).navigator.serviceWorker?.controller);

  it('a round opened online is kept: N of M entries ready, and a reload with no network shows the app and the round list', async () => {
    await page.goto(`${web.base}/`);
    await page.getByLabel('邮箱').fill(hall.judge.email);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '我的评审轮次' }).waitFor();
    await page.locator('.cards a', { hasText: '展览 offline-a' }).click();
    await page.getByTestId('offline-ready').filter({ hasText: '可离线评审：4 / 4 件' }).waitFor();
    await eventually(async () => ((await controlled()) ? true : undefined), 15_000, 'SW control');

    await context.setOffline(true);
    await page.reload();
    // The app, not the browser's error page: the round, its entries, the header says offline.
    await page.getByRole('heading', { name: '初评' }).waitFor();
    await page.getByRole('link', { name: new RegExp(hall.codes[0]) }).waitFor();
    await page.getByTestId('connection').filter({ hasText: '离线' }).waitFor();
    await page.goto(`${web.base}/judge`);
    await page.getByRole('heading', { name: '我的评审轮次' }).waitFor();
    expect(await page.locator('.cards > li').count()).toBe(2);
    await page.getByText('展览 offline-a').waitFor();

    // A sheet opened offline shows its photos (MEDIUM, kept ahead), both of an entry with two.
    await page.goto(`${web.base}/judge/entry/${hall.twoPhotoCode}`);
    await page.getByRole('heading', { name: new RegExp(hall.twoPhotoCode) }).waitFor();
    const photo = page.locator('.photo img[data-size="MEDIUM"]');
    await photo.waitFor();
    await eventually(
      async () => ((await photo.evaluate((img: any) => img.naturalWidth)) > 0 ? true : undefined),
      5_000,
      'the medium photo decoded',
    );
    await page.getByRole('button', { name: '下一张' }).click();
    await page.locator('.photo img[data-size="MEDIUM"]').waitFor();
    expect(
      await page.locator('.photo img').evaluate((img: any) => img.naturalWidth),
    ).toBeGreaterThan(0);
  });

  it('installable: a manifest in Chinese with PNG icons, and the service worker served fresh with a script type', async () => {
    const home = await app.http().get('/');
    expect(home.text).toMatch(/<link rel="manifest" href="\/manifest\.webmanifest"/);
    // No inline script: the pages run under script-src 'self'.
    expect(home.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);

    const manifest = await app.http().get('/manifest.webmanifest');
    expect(manifest.status).toBe(200);
    expect(manifest.headers['content-type']).toMatch(/^application\/manifest\+json/);
    const body = JSON.parse(manifest.text);
    expect(body).toMatchObject({
      name: '评审平板',
      lang: 'zh-CN',
      display: 'standalone',
      start_url: '/',
      scope: '/',
    });
    const sizes = body.icons.map((icon: { sizes: string }) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(body.icons.some((icon: { purpose?: string }) => icon.purpose === 'maskable')).toBe(true);
    for (const icon of body.icons as Array<{ src: string; sizes: string; type: string }>) {
      expect(icon.type).toBe('image/png');
      const res = await app.http().get(icon.src).buffer(true);
      expect(res.headers['content-type']).toBe('image/png');
      const meta = await sharp(res.body as Buffer).metadata();
      expect(`${meta.width}x${meta.height}`).toBe(icon.sizes);
    }

    const sw = await app.http().get('/sw.js');
    expect(sw.status).toBe(200);
    expect(sw.headers['content-type']).toMatch(/javascript/);
    // The browser must see a new version at once: never cached as the hashed assets are.
    expect(sw.headers['cache-control']).toBe('no-cache');
    expect(sw.headers['content-security-policy']).toContain("default-src 'self'");

    // Chromium itself finds nothing that stops an install: asked in a profile of its own, as
    // Playwright's contexts are incognito, where Chromium installs nothing whatever the app.
    const profile = mkdtempSync(join(tmpdir(), 'judging-install-'));
    const installing = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      args: ['--no-sandbox'],
    });
    try {
      const tab = installing.pages()[0] ?? (await installing.newPage());
      await tab.goto(`${web.base}/`);
      await tab.getByRole('button', { name: '登录' }).waitFor();
      const cdp = await installing.newCDPSession(tab);
      const errors = await eventually(
        async () => {
          const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as {
            installabilityErrors: Array<{ errorId: string }>;
          };
          // The manifest is fetched after the page loads: ask again until it has been read.
          const ids = installabilityErrors.map((e) => e.errorId);
          return ids.includes('no-manifest') ? undefined : ids;
        },
        10_000,
        'the manifest read',
      );
      expect(errors).toEqual([]);
    } finally {
      await installing.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });

  it('a new version of the app waits while a sheet is unsent, then updates without losing it', async () => {
    await page.goto(`${web.base}/judge/entry/${hall.codes[1]}`);
    await page.getByRole('heading', { name: new RegExp(hall.codes[1]) }).waitFor();
    await eventually(async () => ((await controlled()) ? true : undefined), 15_000, 'SW control');

    // A new build is deployed: the browser finds a changed sw.js and installs it beside the old.
    appendFileSync(join(web.webDir, 'sw.js'), '\n// the next version\n');
    await page.evaluate(async () => {
      const registration = await (globalThis as any).navigator.serviceWorker.getRegistration();
      await registration.update();
    });
    const banner = page.getByTestId('update-banner');
    await banner.getByRole('button', { name: '更新到新版本' }).waitFor();

    // Offline, a sheet is scored and waits to be sent: the update is held back.
    await context.setOffline(true);
    for (const name of ['设计', '工艺', '材料', '创意']) {
      await page.getByRole('spinbutton', { name: `${name} 的分数` }).fill('4');
    }
    await page.getByRole('button', { name: '提交评分' }).tap();
    await page.getByTestId('waiting-count').filter({ hasText: '1 份待发送' }).waitFor();
    await banner.filter({ hasText: '新版本将在 1 份评分发送后更新' }).waitFor();
    expect(await banner.getByRole('button', { name: '更新到新版本' }).count()).toBe(0);

    // Back online, the sheet goes first; then the judge updates.
    await context.setOffline(false);
    await page.getByTestId('waiting-count').filter({ hasText: '全部已发送' }).waitFor({
      timeout: 40_000,
    });
    const update = banner.getByRole('button', { name: '更新到新版本' });
    await update.waitFor();
    await Promise.all([page.waitForEvent('load'), update.tap()]);
    await page.getByRole('heading', { name: new RegExp(hall.codes[1]) }).waitFor();
    const state = await page.evaluate(async () => {
      const registration = await (globalThis as any).navigator.serviceWorker.getRegistration();
      return { waiting: !!registration.waiting, active: registration.active?.state };
    });
    expect(state).toEqual({ waiting: false, active: 'activated' });
    expect(await page.getByTestId('update-banner').count()).toBe(0);
    const rows = await app.sql<{ n: number }>(
      'SELECT COUNT(*) AS n FROM score_sheets WHERE assignment_id = ?',
      [hall.assignmentIds[1]],
    );
    expect(Number(rows[0].n)).toBe(1);
  });
});
