import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  attachPhoto,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  CREATE_USER,
  entryInput,
  registerEnterprise,
  seedRegions,
  startWebTestApp,
  SUBMIT_ENTRY,
  TestApp,
  WEB_ARTIFACTS,
  WebTestApp,
  watchContentSecurityPolicy,
} from '@app/testing';

const PASSWORD = 'correct horse battery';
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const LONG_TITLE = '广西钦州坭兴陶手工拉坯刻填茶具套装（十二件）';
const THUMBS = 'query($id:ID!){entry(id:$id){images{id position renditions{size url}}}}';

/**
 * Issue 21, entrants and coordinators on a 390×844 phone, in Debian's chromium against the real
 * API and worker: the entrant's list reads (a title on lines of its own, nothing wider than the
 * phone), photos are put in order with buttons and the keyboard (the first is the cover, saved at
 * once, a refusal said in words), a draft is deleted after a confirmation; a coordinator sees
 * its city by name and downloads its region's entries as a workbook, read back here. Each step
 * is checked in the database; screenshots in test-artifacts/web.
 */
describe('entrants and coordinators on a phone (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  let browser: Browser;
  let event: CraftsEvent;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  let entrant: { token: string; entrantId: string; email: string };
  let draftId: string;
  let submittedId: string;
  let coordinatorEmail: string;
  /** the messages of the dialogs a page opened, and whether the person says yes to the next */
  const dialogs: string[] = [];
  let acceptDialogs = true;

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base, browser } = web);
    await seedRegions(app);
    event = await craftsEvent(app, 'phone-crafts');
    entrant = await registerEnterprise(app, '450100', '南宁绣坊');
    draftId = await newEntry(entrant.token, LONG_TITLE);
    for (const seed of [11, 12, 13]) await attachPhoto(app, draftId, entrant.token, seed);
    submittedId = await newEntry(entrant.token, '竹编花篮');
    await attachPhoto(app, submittedId, entrant.token, 14);
    expect(
      (await app.gql(SUBMIT_ENTRY, { id: submittedId }, entrant.token)).errors,
    ).toBeUndefined();
    const liuzhou = await registerEnterprise(app, '450200', '柳州竹编社');
    await newEntry(liuzhou.token, '柳州 螺蛳粉礼盒');
    coordinatorEmail = `coordinator-${randomUUID()}@example.com`;
    const res = await app.gql(
      CREATE_USER,
      {
        input: {
          email: coordinatorEmail,
          password: PASSWORD,
          name: '协调员 黄',
          role: 'COORDINATOR',
          regionCode: '450100',
        },
      },
      await app.adminToken(),
    );
    expect(res.errors).toBeUndefined();
    await app.waitForQueues();
  });

  afterEach(() => expect(problems.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  async function newEntry(token: string, title: string): Promise<string> {
    const res = await app.gql(
      CREATE_ENTRY,
      { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01'], { title }) } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createEntry.id;
  }

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => problems.push(String(error)));
    await watchContentSecurityPolicy(page, problems);
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void (acceptDialogs ? dialog.accept() : dialog.dismiss());
    });
    return page;
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
  }

  /** Nothing of the page is wider than the phone: no sideways scrolling. */
  async function expectNoSidewaysScroll(page: Page) {
    const width = await page.evaluate(
      () => (globalThis as any).document.scrollingElement.scrollWidth as number,
    );
    expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);
  }

  /** Every control of the page's main part is at least 44 px tall and wide. */
  async function expectTouchTargets(page: Page) {
    const small = await page.evaluate(() =>
      [...(globalThis as any).document.querySelectorAll('main button, main a, main select')]
        .map((el: any) => {
          const box = el.getBoundingClientRect();
          return { what: String(el.outerHTML).slice(0, 60), w: box.width, h: box.height };
        })
        .filter((b: { w: number; h: number }) => b.w > 0 && (b.h < 44 || b.w < 44)),
    );
    expect(small).toEqual([]);
  }

  const positions = async (entryId: string) =>
    (
      await app.sql<{ id: string }>('SELECT id FROM images WHERE entry_id = ? ORDER BY position', [
        entryId,
      ])
    ).map((r) => r.id);

  const tileIds = (page: Page) =>
    page
      .locator('[data-testid=photo-tile]')
      .evaluateAll((tiles) => tiles.map((t) => (t as any).dataset.image as string));

  let phone: Page;

  it("lists the entrant's entries as cards a phone reads: the whole title on its own lines, the cover", async () => {
    phone = await newPage(PHONE);
    await signIn(phone, entrant.email);
    await phone.getByRole('heading', { name: '我的参展作品', level: 1 }).waitFor();
    const card = phone.locator('[data-testid=entry-card]', { hasText: LONG_TITLE });
    await card.locator('img.entry-cover').waitFor();
    expect(await phone.title()).toBe('我的参展作品 · 评审平台');

    // The title takes the card's width, not a column beside the code: a line holds many
    // characters (it held two), and the whole title is there.
    const title = card.locator('.entry-card-title');
    expect(await title.textContent()).toBe(LONG_TITLE);
    const box = (await title.boundingBox())!;
    expect(box.width).toBeGreaterThan(200);
    const lineHeight = await title.evaluate((el) =>
      parseFloat((globalThis as any).getComputedStyle(el).lineHeight),
    );
    expect(box.height / lineHeight).toBeLessThanOrEqual(2.2);
    await card.getByText('草稿').waitFor();
    await card.getByText('编号待定').waitFor();
    await expectNoSidewaysScroll(phone);
    await expectTouchTargets(phone);
    await phone.screenshot({ path: join(WEB_ARTIFACTS, 'entrant-list-phone.png'), fullPage: true });

    const desktop = await newPage(DESKTOP);
    await signIn(desktop, entrant.email);
    await desktop.locator('[data-testid=entry-card]').first().waitFor();
    await expectNoSidewaysScroll(desktop);
    await desktop.screenshot({ path: join(WEB_ARTIFACTS, 'entrant-list-desktop.png') });
  });

  it('puts photos in order with buttons and the keyboard: saved at once, the first is the cover', async () => {
    const before = await positions(draftId);
    expect(before).toHaveLength(3);
    await phone.locator('[data-testid=entry-card]', { hasText: LONG_TITLE }).click();
    await phone.getByRole('heading', { name: LONG_TITLE }).waitFor();
    expect(await phone.title()).toBe(`${LONG_TITLE} · 我的参展作品 · 评审平台`);
    await phone.locator('[data-testid=photo-tile] img').nth(2).waitFor();
    expect(await tileIds(phone)).toEqual(before);
    const firstTile = phone.locator('[data-testid=photo-tile]').first();
    await firstTile.getByText('封面').waitFor();
    // the cover cannot go up, the last cannot go down
    expect(await phone.getByRole('button', { name: '把第 1 张照片上移' }).isDisabled()).toBe(true);
    expect(await phone.getByRole('button', { name: '把第 3 张照片下移' }).isDisabled()).toBe(true);
    // the photo beside its buttons, not under them
    const photo = (await firstTile.locator('img').boundingBox())!;
    const up = (await phone.getByRole('button', { name: '把第 1 张照片上移' }).boundingBox())!;
    expect(photo.x + photo.width).toBeLessThanOrEqual(up.x);
    await expectNoSidewaysScroll(phone);
    await expectTouchTargets(phone);
    await phone.screenshot({
      path: join(WEB_ARTIFACTS, 'entrant-photos-phone.png'),
      fullPage: true,
    });

    // A tap: the third photo one up.
    await phone.getByRole('button', { name: '把第 3 张照片上移' }).click();
    await phone.getByRole('status').filter({ hasText: '已保存：这张照片现在是第 2 张' }).waitFor();
    const moved = [before[0], before[2], before[1]];
    expect(await positions(draftId)).toEqual(moved);
    expect(await tileIds(phone)).toEqual(moved);

    // The keyboard: the same photo's "up" keeps the focus after the save; Enter makes it the cover.
    const focused = () =>
      phone.evaluate(
        () => (globalThis as any).document.activeElement?.getAttribute('data-move') as string,
      );
    expect(await focused()).toBe(`${before[2]}:up`);
    await phone.keyboard.press('Enter');
    await phone.getByRole('status').filter({ hasText: '已保存：这张照片现在是封面' }).waitFor();
    const last = [before[2], before[0], before[1]];
    expect(await positions(draftId)).toEqual(last);
    expect(await tileIds(phone)).toEqual(last);
    // it cannot go higher: the focus moved to its "down", still on the same photo
    expect(await focused()).toBe(`${before[2]}:down`);
    await phone.locator('[data-testid=photo-tile]').first().getByText('封面').waitFor();
    await phone.screenshot({ path: join(WEB_ARTIFACTS, 'entrant-photos-reordered-phone.png') });

    // The list's card shows the new cover.
    const thumbs = (await app.gql(THUMBS, { id: draftId }, entrant.token)).data!.entry.images;
    const cover = thumbs.find((i: { id: string }) => i.id === before[2]);
    const coverPath = new URL(
      cover.renditions.find((r: { size: string }) => r.size === 'THUMB').url,
    ).pathname;
    await phone.getByRole('link', { name: '返回' }).click();
    const card = phone.locator('[data-testid=entry-card]', { hasText: LONG_TITLE });
    await card.locator('img.entry-cover').waitFor();
    expect(
      new URL((await card.locator('img.entry-cover').getAttribute('src'))!, base).pathname,
    ).toBe(coverPath);
  });

  it('says in words why a move was refused, and shows the photos as they are now', async () => {
    await phone.locator('[data-testid=entry-card]', { hasText: LONG_TITLE }).click();
    await phone.locator('[data-testid=photo-tile] img').nth(2).waitFor();
    // Another device adds a photo: this page's list is one short, and the server says so.
    await attachPhoto(app, draftId, entrant.token, 15);
    const before = await positions(draftId);
    await phone.getByRole('button', { name: '把第 2 张照片下移' }).click();
    await phone
      .getByRole('alert')
      .filter({ hasText: '照片列表已变化，请刷新页面后再排序' })
      .waitFor();
    expect(await positions(draftId)).toEqual(before);
    await phone.locator('[data-testid=photo-tile]').nth(3).waitFor();
    expect(await phone.locator('main').textContent()).not.toMatch(/IMAGE_LIST_MISMATCH|list every/);
    await phone.screenshot({ path: join(WEB_ARTIFACTS, 'entrant-photos-refused-phone.png') });
  });

  it('deletes a draft only after the entrant confirms (a draft offers no withdrawal); a submitted entry offers no deletion', async () => {
    await phone.getByRole('heading', { name: LONG_TITLE }).waitFor();
    await phone.getByText('草稿还没有提交，可以删除').waitFor();
    // a draft is deleted, never withdrawn: the one way out is offered, not two
    await phone.getByRole('button', { name: '删除草稿' }).waitFor();
    expect(await phone.getByRole('button', { name: '撤回作品' }).count()).toBe(0);
    await expectNoSidewaysScroll(phone);
    await phone.screenshot({
      path: join(WEB_ARTIFACTS, 'entrant-delete-draft-phone.png'),
      fullPage: true,
    });

    // "Cancel": nothing happens.
    acceptDialogs = false;
    await phone.getByRole('button', { name: '删除草稿' }).click();
    for (let i = 0; i < 50 && dialogs.length === 0; i++) await phone.waitForTimeout(100);
    expect(dialogs[0]).toBe(
      `确定删除草稿“${LONG_TITLE}”吗？作品和它的 4 张照片将被永久删除，无法恢复。`,
    );
    expect(await app.sql('SELECT id FROM entries WHERE id = ?', [draftId])).toHaveLength(1);
    expect(new URL(phone.url()).pathname).toBe(`/entrant/entry/${draftId}`);

    // "OK": the draft and its photos are gone; back to the list.
    acceptDialogs = true;
    await phone.getByRole('button', { name: '删除草稿' }).click();
    await phone.getByRole('heading', { name: '我的参展作品', level: 1 }).waitFor();
    expect(new URL(phone.url()).pathname).toBe('/entrant');
    await phone.locator('[data-testid=entry-card]', { hasText: '竹编花篮' }).waitFor();
    expect(await phone.locator('[data-testid=entry-card]', { hasText: LONG_TITLE }).count()).toBe(
      0,
    );
    expect(await app.sql('SELECT id FROM entries WHERE id = ?', [draftId])).toEqual([]);
    expect(await app.sql('SELECT id FROM images WHERE entry_id = ?', [draftId])).toEqual([]);
    await phone.screenshot({ path: join(WEB_ARTIFACTS, 'entrant-after-delete-phone.png') });

    await phone.locator('[data-testid=entry-card]', { hasText: '竹编花篮' }).click();
    await phone.getByRole('heading', { name: '竹编花篮' }).waitFor();
    await phone.getByRole('button', { name: '撤回作品' }).waitFor();
    expect(await phone.getByRole('button', { name: '删除草稿' }).count()).toBe(0);
    await expectNoSidewaysScroll(phone);
  });

  it("shows the coordinator its city by name and downloads the region's entries as a workbook", async () => {
    const page = await newPage(PHONE);
    await signIn(page, coordinatorEmail);
    await page.getByRole('heading', { name: '本地区（南宁市）' }).waitFor();
    expect(await page.title()).toBe('本地区（南宁市） · 评审平台');
    await page.locator('[data-testid=summary-table]').waitFor();
    // each count beside its status, wide enough to read (eight columns left a letter a line)
    const submitted = page.locator('[data-testid=summary-table] tbody td[data-label="已提交"]');
    expect(await submitted.textContent()).toBe('1');
    expect((await submitted.boundingBox())!.width).toBeGreaterThan(90);
    await page.getByText('南宁绣坊').first().waitFor();
    expect(await page.locator('main').textContent()).not.toContain('450100');
    await expectNoSidewaysScroll(page);
    await expectTouchTargets(page);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'coordinator-phone.png'), fullPage: true });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载本地区作品表（Excel）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('phone-crafts-entries.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('entries')!;
    const rows: string[][] = [];
    sheet.eachRow((row) =>
      rows.push((row.values as unknown[]).slice(1).map((v) => (v == null ? '' : String(v)))),
    );
    const [header, ...entries] = rows;
    expect(header.slice(0, 6)).toEqual([
      '作品编号 Exhibit code',
      '作品名称 Title',
      '参赛者 Entrant',
      '地区 Region',
      '类别 Category',
      '状态 Status',
    ]);
    const expected = await app.sql<{ title: string }>(
      `SELECT title FROM entries WHERE event_id = ? AND region_code = '450100'
        ORDER BY created_at, id`,
      [event.eventId],
    );
    expect(entries.map((r) => r[1])).toEqual(expected.map((r) => r.title));
    expect(entries.map((r) => r[1])).toEqual(['竹编花篮']);
    expect(new Set(entries.map((r) => r[3]))).toEqual(new Set(['南宁市']));
    expect(entries.map((r) => r[5])).toEqual(['已提交 Submitted']);

    const desktop = await newPage(DESKTOP);
    await signIn(desktop, coordinatorEmail);
    await desktop.getByRole('button', { name: '下载本地区作品表（Excel）' }).waitFor();
    await expectNoSidewaysScroll(desktop);
    await desktop.screenshot({ path: join(WEB_ARTIFACTS, 'coordinator-desktop.png') });
  });
});
