import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import {
  acceptedEntry,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  CREATE_USER,
  entryInput,
  registerEnterprise,
  seedRegions,
  startWebTestApp,
  TestApp,
  testJpeg,
  watchContentSecurityPolicy,
  WEB_ARTIFACTS,
  WebTestApp,
} from '@app/testing';
import { storedPart, zipOfParts } from '../../libs/entries/src/import/test/import-fixtures';

const PASSWORD = 'correct horse battery';

/**
 * 批量上传照片 (issue 22) in Chromium: an organiser sends a ZIP and loose photos, reads the check
 * (matched by exhibit code and by title, one to choose, one unmatched, one refused with its
 * reason in words) while nothing is added yet, chooses, commits, and follows the photos through
 * the worker; the entrant sees its photo's state in words. A connection cut in the middle of a
 * folder is resumed by sending only what did not arrive. A coordinator reaches the same screen
 * for its region.
 */
describe('photos in bulk from the organiser portal (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let entrant: { token: string; entrantId: string; email: string };
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    app = web.app;
    await seedRegions(app);
    admin = await app.adminToken();
    event = await craftsEvent(app, 'bulk-web', { maxImagesPerEntry: 30, maxEntriesPerEntrant: 50 });
    entrant = await registerEnterprise(app, '450100');
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  async function draft(title: string): Promise<string> {
    const res = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01'], { title }) } },
      entrant.token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createEntry.id as string;
  }

  async function user(role: string, extra: Record<string, unknown> = {}): Promise<string> {
    const email = `${role.toLowerCase()}-${Math.floor(Math.random() * 1e9)}@example.com`;
    const res = await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name: `${role} 用户`, role, ...extra } },
      admin,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return email;
  }

  async function signedIn(email: string, password = PASSWORD): Promise<Page> {
    const context = await web.browser.newContext({
      viewport: { width: 1360, height: 1000 },
      locale: 'zh-CN',
      serviceWorkers: 'block',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    page.on('dialog', (dialog) => void dialog.accept());
    await watchContentSecurityPolicy(page, pageErrors);
    await page.goto(`${web.base}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    return page;
  }

  const imagesOf = (entryId: string) =>
    app.sql<{ id: string; status: string }>('SELECT id, status FROM images WHERE entry_id = ?', [
      entryId,
    ]);

  const row = (page: Page, name: string) =>
    page.getByTestId('bulk-file').filter({ has: page.getByRole('rowheader', { name }) });

  let organiser: Page;

  it('checks a ZIP and loose photos before adding anything, then adds what was matched or chosen', async () => {
    const coded = await acceptedEntry(app, {
      eventId: event.eventId,
      categoryId: event.leaf['TC-01'],
      entrantToken: entrant.token,
      adminToken: admin,
      photoSeed: 900,
    });
    const [{ code }] = await app.sql<{ code: string }>('SELECT code FROM entries WHERE id = ?', [
      coded,
    ]);
    const titled = await draft('坭兴陶花瓶');
    await draft('绣球');
    const twin = await draft('绣球');

    organiser = await signedIn(await user('ORGANISER'));
    await organiser.goto(`${web.base}/org/event/${event.eventId}/photos`);
    await organiser.getByRole('heading', { name: '批量上传照片' }).waitFor();
    const zip = zipOfParts([
      storedPart(`${code}.jpg`, await testJpeg(901, 800, 600)),
      storedPart(`${code}-2.jpg`, await testJpeg(902, 800, 600)),
      storedPart('绣球.jpg', await testJpeg(903)),
      storedPart('IMG_0001.jpg', await testJpeg(904)),
    ]);
    await organiser.getByTestId('bulk-files').setInputFiles([
      { name: '存储卡.zip', mimeType: 'application/zip', buffer: zip },
      { name: '坭兴陶花瓶.jpg', mimeType: 'image/jpeg', buffer: await testJpeg(905, 800, 600) },
      {
        name: '动画.gif',
        mimeType: 'image/gif',
        buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary'),
      },
    ]);
    await organiser.getByText('已选择 3 个文件').waitFor();
    await organiser.getByRole('button', { name: '上传并核对' }).click();

    const report = organiser.getByTestId('bulk-report');
    await report.getByTestId('bulk-summary').getByText('将添加 3 张').waitFor();
    await row(organiser, `${code}.jpg`).getByText('将添加').waitFor();
    await row(organiser, `${code}.jpg`).getByText('第 2 张 · 按展品编号').waitFor();
    await row(organiser, `${code}-2.jpg`).getByText('第 3 张').waitFor();
    await row(organiser, '坭兴陶花瓶.jpg').getByText('按作品名称').waitFor();
    await row(organiser, '绣球.jpg').getByText('需选择作品').waitFor();
    await row(organiser, 'IMG_0001.jpg').getByText('未对应').waitFor();
    await row(organiser, '动画.gif').getByText('被拒绝').waitFor();
    await row(organiser, '动画.gif')
      .getByText('不支持的格式，图片请用 JPEG、PNG、WebP 或 AVIF')
      .waitFor();
    await organiser.screenshot({
      path: join(WEB_ARTIFACTS, 'bulk-photos-check.png'),
      fullPage: true,
    });
    // Only checked: nothing is added before the person confirms.
    expect(await imagesOf(coded)).toHaveLength(1);
    expect(await imagesOf(titled)).toHaveLength(0);

    await row(organiser, '绣球.jpg').getByRole('combobox').selectOption(twin);
    await organiser.getByRole('button', { name: '确认添加 4 张照片' }).click();
    await report.getByText('已添加 4 张；未添加 0 张').waitFor();
    await row(organiser, '绣球.jpg').getByText('已添加').waitFor();
    expect(await imagesOf(coded)).toHaveLength(3);
    expect(await imagesOf(titled)).toHaveLength(1);
    expect(await imagesOf(twin)).toHaveLength(1);

    // The worker renders them; the entrant reads its photo's state in words.
    const entrantPage = await signedIn(entrant.email);
    await entrantPage.goto(`${web.base}/entrant/entry/${titled}`);
    await entrantPage
      .locator('[data-testid=photo-tile] [data-status=READY]')
      .getByText('已就绪')
      .waitFor({ timeout: 30_000 });

    // The organisers' queue view: the rate measured from the photos just rendered.
    await organiser.getByRole('link', { name: '照片处理进度' }).click();
    await organiser.getByRole('heading', { name: '照片处理进度' }).waitFor();
    await organiser
      .getByTestId('photo-queue')
      .getByText(/当前速度：每分钟 [\d.]+ 张/)
      .waitFor();
    await organiser.screenshot({ path: join(WEB_ARTIFACTS, 'photo-queue.png'), fullPage: true });
  });

  it('resumes a folder cut off by the network, sending only what did not arrive', async () => {
    const entryId = await draft('大批照片');
    await organiser.goto(`${web.base}/org/event/${event.eventId}/photos`);
    // The batch of the first test is still there: start over.
    await organiser.getByTestId('bulk-continuing').waitFor();
    await organiser.getByRole('button', { name: '放弃这一批' }).click();
    await organiser.getByTestId('bulk-continuing').waitFor({ state: 'detached' });

    const photos = await Promise.all(
      Array.from({ length: 25 }, async (_, i) => ({
        name: `大批照片-${i + 1}.jpg`,
        mimeType: 'image/jpeg',
        buffer: await testJpeg(1000 + i),
      })),
    );
    await organiser.getByTestId('bulk-files').setInputFiles(photos);
    // The first request (20 photos) gets through; then the network is gone.
    let sent = 0;
    await organiser.route('**/api/photo-batches/*/files', async (route) => {
      sent += 1;
      if (sent === 1) await route.continue();
      else await route.abort('connectionreset');
    });
    await organiser.getByRole('button', { name: '上传并核对' }).click();
    await organiser.getByText('网络中断。已上传的照片都已保存').waitFor({ timeout: 30_000 });
    const [{ n: kept }] = await app.sql(
      'SELECT COUNT(*) AS n FROM photo_batch_files f JOIN photo_batches b ON b.id = f.batch_id WHERE b.event_id = ?',
      [event.eventId],
    );
    expect(Number(kept)).toBe(20);

    await organiser.unroute('**/api/photo-batches/*/files');
    const resumed: string[] = [];
    organiser.on('request', (request) => {
      if (/\/api\/photo-batches\/[^/]+\/files$/.test(request.url())) resumed.push(request.url());
    });
    await organiser.getByRole('button', { name: '继续上传' }).click();
    await organiser.getByTestId('bulk-summary').getByText('将添加 25 张').waitFor();
    // One request: the five photos that had not arrived (all 25 would take two).
    expect(resumed).toHaveLength(1);
    await organiser.getByRole('button', { name: '确认添加 25 张照片' }).click();
    await organiser.getByText('已添加 25 张；未添加 0 张').waitFor();
    expect(await imagesOf(entryId)).toHaveLength(25);
  });

  it('opens for a coordinator from its region’s page, for its region only', async () => {
    const coordinator = await signedIn(await user('COORDINATOR', { regionCode: '450100' }));
    await coordinator.getByRole('link', { name: '批量上传本地区作品的照片' }).click();
    await coordinator.getByRole('heading', { name: '批量上传照片' }).waitFor();
    await coordinator.getByText('只对应本地区的作品').waitFor();
    expect(new URL(coordinator.url()).pathname).toBe(`/region/event/${event.eventId}/photos`);
  });
});
