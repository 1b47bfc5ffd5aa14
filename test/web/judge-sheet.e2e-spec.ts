import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserContext, Locator, Page } from 'playwright-core';
import {
  eventually,
  startWebTestApp,
  TestApp,
  watchContentSecurityPolicy,
  WEB_ARTIFACTS,
  WebTestApp,
} from '@app/testing';
import { Hall, PASSWORD, seedHall } from './judge-hall-fixtures';

const LANDSCAPE = { width: 1024, height: 768 };
const PORTRAIT = { width: 768, height: 1024 };

/**
 * The judge's sheet on a 10-inch tablet (issue 20): everything of a four-criterion sheet in view
 * at 1024×768, controls that stay under the finger, a typed score validated as it is typed, six
 * taps from one sheet to the next, drafts that survive a reload, recusal, the events' names,
 * closed rounds and a header that tells the truth. Service workers are blocked here so that the
 * test's routes see every request (test/web/judge-offline.e2e-spec.ts covers the offline start).
 */
describe('the judge sheet on a tablet (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let hall: Hall;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    app = web.app;
    hall = await seedHall(app, 'sheet');
    context = await web.browser.newContext({
      viewport: LANDSCAPE,
      hasTouch: true,
      locale: 'zh-CN',
      serviceWorkers: 'block',
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(page, pageErrors);
    await page.goto(`${web.base}/`);
    await page.getByLabel('邮箱').fill(hall.judge.email);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '我的评审轮次' }).waitFor();
  });

  afterEach(async () => {
    expect(pageErrors.splice(0)).toEqual([]);
    await page.unrouteAll({ behavior: 'ignoreErrors' });
  });

  afterAll(async () => {
    await web?.close();
  });

  const score = (name: string) => page.getByRole('spinbutton', { name: `${name} 的分数` });
  const plus = (name: string) => page.getByRole('button', { name: `增加 ${name}` });
  const sheetHeading = (code: string) => page.getByRole('heading', { name: new RegExp(code) });
  const openSheet = async (code: string) => {
    await page.goto(`${web.base}/judge/entry/${code}`);
    await sheetHeading(code).waitFor();
  };
  const sheetRows = (assignmentId: string) =>
    app.sql<{ version: number; total: string; scores: string }>(
      'SELECT version, total, scores FROM score_sheets WHERE assignment_id = ?',
      [assignmentId],
    );

  /** Whether the element is inside the viewport and on top there (nothing covers its middle). */
  const inView = (locator: Locator) =>
    locator.evaluate((el: any) => {
      const g = globalThis as any;
      const box = el.getBoundingClientRect();
      const x = box.left + box.width / 2;
      const y = box.top + box.height / 2;
      if (box.width === 0 || x < 0 || y < 0 || x > g.innerWidth || y > g.innerHeight) return false;
      const hit = g.document.elementFromPoint(x, y);
      return !!hit && (hit === el || el.contains(hit));
    });

  it('the round list names each round’s event, says in words that a round is closed, and finds a sheet by its exhibit code', async () => {
    const cards = page.locator('.cards > li');
    await cards.first().waitFor();
    expect(await cards.count()).toBe(2);
    const texts = await cards.allTextContents();
    // Both rounds are called 初评: the event tells them apart.
    expect(texts.find((t) => t.includes('展览 sheet-a'))).toContain('初评');
    const closed = texts.find((t) => t.includes('展览 sheet-b'))!;
    expect(closed).toContain('初评');
    expect(closed).toContain('本轮评审已结束，评分不能再提交或修改');

    // A hardware scanner types the QR code's URL and Enter; a judge may type the code in lower case.
    const search = page.getByRole('searchbox', { name: '查找展品编号' });
    await search.fill(`${web.base}/judge/entry/${hall.codes[1]}`);
    await search.press('Enter');
    await sheetHeading(hall.codes[1]).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/judge/entry/${hall.codes[1]}`);
    await page.goto(`${web.base}/judge`);
    await search.fill(hall.codes[2].toLowerCase());
    await page.getByRole('button', { name: '打开' }).click();
    await sheetHeading(hall.codes[2]).waitFor();

    // The closed round's sheet says why nothing can be changed.
    await openSheet(hall.closedCode);
    await page.getByText('本轮评审已结束，评分不能再提交或修改').first().waitFor();
    expect(await score('设计').isDisabled()).toBe(true);
  });

  it('at 1024×768 the photo, the four criteria, the total and submit are all in view; upright the photo shrinks and two criteria show', async () => {
    await page.setViewportSize(LANDSCAPE);
    await openSheet(hall.codes[0]);
    await page.locator('.photo img[data-size="LARGE"]').waitFor();
    const landscape: Record<string, boolean> = {};
    const wanted: Array<[string, Locator]> = [
      ['photo', page.locator('.photo .stage')],
      ['total', page.getByTestId('running-total')],
      ['submit', page.getByRole('button', { name: '提交评分' })],
      ['next', page.getByRole('button', { name: /下一件作品/ })],
    ];
    for (const name of ['设计', '工艺', '材料', '创意']) {
      wanted.push([`${name} +`, plus(name)], [`${name} score`, score(name)]);
    }
    for (const [name, locator] of wanted) landscape[name] = await inView(locator);
    expect(landscape).toEqual(Object.fromEntries(wanted.map(([name]) => [name, true])));
    expect(await page.evaluate(() => (globalThis as any).scrollY)).toBe(0);
    const landscapePhoto = (await page.locator('.photo .stage').boundingBox())!;
    const shot = join(WEB_ARTIFACTS, 'judge-sheet-4-criteria-landscape.png');
    await page.screenshot({ path: shot });
    expect(statSync(shot).size).toBeGreaterThan(10_000);

    await page.setViewportSize(PORTRAIT);
    await page.evaluate(() => (globalThis as any).scrollTo(0, 0));
    const portraitPhoto = (await page.locator('.photo .stage').boundingBox())!;
    expect(portraitPhoto.height).toBeLessThan(landscapePhoto.height);
    expect(portraitPhoto.height).toBeLessThanOrEqual(PORTRAIT.height * 0.3);
    let visible = 0;
    for (const name of ['设计', '工艺', '材料', '创意']) {
      if ((await inView(plus(name))) && (await inView(score(name)))) visible++;
    }
    expect(visible).toBeGreaterThanOrEqual(2);
    // The total and the submit button stay in view upright too.
    expect(await inView(page.getByTestId('running-total'))).toBe(true);
    expect(await inView(page.getByRole('button', { name: '提交评分' }))).toBe(true);
    const upright = join(WEB_ARTIFACTS, 'judge-sheet-4-criteria-portrait.png');
    await page.screenshot({ path: upright });
    expect(statSync(upright).size).toBeGreaterThan(10_000);
    await page.setViewportSize(LANDSCAPE);
  });

  it('the controls never move under the finger: three taps on + in one place are three steps, and a typed score is checked as it is typed', async () => {
    await openSheet(hall.codes[0]);
    const boxes = async () =>
      Promise.all(
        ['设计', '工艺', '材料', '创意'].flatMap((name) => [
          plus(name).boundingBox(),
          page.getByRole('button', { name: `减少 ${name}` }).boundingBox(),
          score(name).boundingBox(),
        ]),
      );
    const before = await boxes();
    const box = (await plus('设计').boundingBox())!;
    const x = box.x + box.width / 2;
    const y = box.y + box.height / 2;
    for (let i = 0; i < 3; i++) await page.touchscreen.tap(x, y);
    expect(await score('设计').inputValue()).toBe('1.5');
    expect(await boxes()).toEqual(before);
    // From 9.5 to 10 the value gains a digit; nothing beside it moves.
    await score('设计').fill('9.5');
    await page.touchscreen.tap(x, y);
    expect(await score('设计').inputValue()).toBe('10');
    expect(await boxes()).toEqual(before);

    // Typed: a value off the step or above the maximum is refused as it is typed.
    await score('工艺').fill('8.3');
    expect(await score('工艺').getAttribute('aria-invalid')).toBe('true');
    await page.getByText('须为 0.5 的倍数').waitFor();
    await score('创意').fill('6');
    await page.getByText('最高 5 分').waitFor();
    expect(await page.getByTestId('running-total').textContent()).toBe('—');
    expect(await page.getByRole('button', { name: '提交评分' }).isDisabled()).toBe(true);
    expect(await boxes()).toEqual(before);
    await score('工艺').fill('8.5');
    expect(await score('工艺').getAttribute('aria-invalid')).not.toBe('true');
    await score('材料').fill('7.3');
    await score('创意').fill('4.5');
    // T = 30·10/10 + 30·8.5/10 + 20·7.3/10 + 20·4.5/5 = 30 + 25.5 + 14.6 + 18 = 88.1
    expect(await page.getByTestId('running-total').textContent()).toBe('88.1');
    expect(await boxes()).toEqual(before);
    // Arrow keys step the focused score, as the slider's did.
    await score('材料').press('ArrowUp');
    expect(await score('材料').inputValue()).toBe('7.4');
  });

  it('scoring a four-criterion sheet and moving to the next entry takes at most 6 taps', async () => {
    await openSheet(hall.codes[3]);
    await page.evaluate(() => {
      const g = globalThis as any;
      g.__taps = 0;
      g.addEventListener('pointerdown', () => (g.__taps += 1), { capture: true });
    });
    let taps = 0;
    const tap = async (locator: Locator) => {
      taps++;
      await locator.tap();
    };
    // Preset values for three criteria, a typed one for the fourth.
    await tap(page.getByRole('button', { name: '设计 8 分' }));
    await tap(page.getByRole('button', { name: '工艺 9 分' }));
    await tap(page.getByRole('button', { name: '材料 7 分' }));
    await tap(score('创意'));
    await page.keyboard.type('4.5');
    // T = 24 + 27 + 14 + 18 = 83
    expect(await page.getByTestId('running-total').textContent()).toBe('83');
    await tap(page.getByRole('button', { name: '提交评分' }));
    await tap(page.getByRole('button', { name: /下一件作品/ }));
    await sheetHeading(hall.codes[4]).waitFor();

    expect(taps).toBeLessThanOrEqual(6);
    // The page felt exactly the taps the test made, no more.
    expect(await page.evaluate(() => (globalThis as any).__taps)).toBe(taps);
    process.stdout.write(`judge sheet: ${taps} taps for a 4-criterion sheet and the next entry\n`);
    const stored = await eventually(
      async () => (await sheetRows(hall.assignmentIds[3]))[0],
      10_000,
      'the sheet stored',
    );
    expect(stored).toMatchObject({ version: 1, total: '83.000' });
  });

  it('a draft is kept at every change, survives a reload marked 未提交, and goes once submitted', async () => {
    await openSheet(hall.codes[2]);
    await score('设计').fill('7.5');
    await page.getByRole('button', { name: '增加 工艺' }).tap();
    await page.getByRole('textbox', { name: '评语' }).fill('釉色温润，器型端正');
    await page.getByTestId('draft-badge').filter({ hasText: '未提交' }).waitFor();
    // No debounce to wait for: the reload comes at once.
    await page.reload();
    await sheetHeading(hall.codes[2]).waitFor();
    expect(await score('设计').inputValue()).toBe('7.5');
    expect(await score('工艺').inputValue()).toBe('0.5');
    expect(await page.getByRole('textbox', { name: '评语' }).inputValue()).toBe(
      '釉色温润，器型端正',
    );
    await page.getByTestId('draft-badge').filter({ hasText: '未提交' }).waitFor();
    expect(await sheetRows(hall.assignmentIds[2])).toEqual([]);

    // The round's list marks the entry too.
    await page.goto(`${web.base}/judge/round/${hall.roundId}`);
    const row = page.getByRole('link', { name: new RegExp(hall.codes[2]) });
    await row.filter({ hasText: '未提交' }).waitFor();

    await row.click();
    await score('材料').fill('6');
    await score('创意').fill('3');
    await page.getByRole('button', { name: '提交评分' }).tap();
    await page.getByTestId('sheet-status').filter({ hasText: '已提交（第 1 版）' }).waitFor();
    await page.getByTestId('draft-badge').waitFor({ state: 'detached' });
    await page.reload();
    await sheetHeading(hall.codes[2]).waitFor();
    expect(await page.getByTestId('draft-badge').count()).toBe(0);
    expect(await score('设计').inputValue()).toBe('7.5');
  });

  it('a judge recuses from the sheet with a reason', async () => {
    await openSheet(hall.codes[1]);
    await page.getByRole('button', { name: '回避' }).tap();
    const confirm = page.getByRole('button', { name: '确认回避' });
    // No reason, no recusal.
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByRole('textbox', { name: '回避理由' }).fill('作者是我的学生');
    await confirm.tap();
    await page.getByText('您已回避这件作品').first().waitFor();
    expect(await score('设计').isDisabled()).toBe(true);
    expect(
      await app.sql('SELECT status, recuse_reason FROM assignments WHERE id = ?', [
        hall.assignmentIds[1],
      ]),
    ).toEqual([{ status: 'RECUSED', recuse_reason: '作者是我的学生' }]);
  });

  it('the header tells the truth: the server out of reach, sheets waiting, a conflict to resolve', async () => {
    // Loaded now: the tablet holds the fourth entry's sheet at version 1.
    await openSheet(hall.codes[4]);
    const connection = page.getByTestId('connection');
    await connection.filter({ hasText: '在线' }).waitFor();
    // The Wi-Fi is up but the server does not answer.
    await page.route('**/graphql', (route) => route.abort('connectionrefused'));
    await page.route('**/health/**', (route) => route.abort('connectionrefused'));
    await page.getByRole('button', { name: '创意 5 分' }).tap();
    for (const name of ['设计', '工艺', '材料']) await score(name).fill('5');
    await page.getByRole('button', { name: '提交评分' }).tap();
    await connection.filter({ hasText: '无法连接服务器' }).waitFor();
    await page.getByTestId('waiting-count').filter({ hasText: '1 份待发送' }).waitFor();
    expect(await page.locator('.bar').textContent()).not.toContain('在线');

    // Meanwhile another tablet changes the fourth sheet to version 2.
    const other = await app.gql(
      `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){version}}`,
      {
        input: {
          assignmentId: hall.assignmentIds[3],
          clientMutationId: randomUUID(),
          baseVersion: 1,
          scores: [
            { criterionKey: 'design', value: 5 },
            { criterionKey: 'craft', value: 5 },
            { criterionKey: 'material', value: 5 },
            { criterionKey: 'idea', value: 2.5 },
          ],
        },
      },
      hall.judge.token,
    );
    expect(other.errors).toBeUndefined();
    await page.unrouteAll();
    await connection.filter({ hasText: '在线' }).waitFor({ timeout: 40_000 });
    await page.getByTestId('waiting-count').filter({ hasText: '全部已发送' }).waitFor({
      timeout: 40_000,
    });

    // Without reloading, to the fourth sheet: the tablet's change rests on version 1.
    await page.getByRole('link', { name: /初评/ }).first().click();
    await page.getByRole('link', { name: new RegExp(hall.codes[3]) }).click();
    await sheetHeading(hall.codes[3]).waitFor();
    await score('设计').fill('9');
    await page.getByRole('button', { name: /提交修改/ }).tap();
    await page.getByTestId('conflict').first().waitFor();
    const header = page.locator('.bar');
    await page.getByTestId('conflict-count').filter({ hasText: '有冲突待处理' }).waitFor();
    expect(await header.textContent()).not.toContain('全部已发送');
    await page.getByRole('button', { name: '采用服务器版本' }).tap();
    await page.getByTestId('conflict-count').waitFor({ state: 'detached' });
    await page.getByTestId('waiting-count').filter({ hasText: '全部已发送' }).waitFor();
  });
});
