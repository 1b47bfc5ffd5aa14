import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  craftsEvent,
  CREATE_ENTRY,
  CREATE_USER,
  entryInput,
  registerEnterprise,
  SCREEN_ENTRY,
  seedRegions,
  startWebTestApp,
  WEB_ARTIFACTS,
  WebTestApp,
  SUBMIT_ENTRY,
  TestApp,
  testJpeg,
  uploadImage,
  watchContentSecurityPolicy,
} from '@app/testing';

const ARTIFACTS = WEB_ARTIFACTS;
const PASSWORD = 'correct horse battery';
const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){version total}}`;

/**
 * The judges' tablet app in Debian's chromium against the real API, MariaDB, Redis and the
 * photo worker: scoring through a network cut, a conflict with another device, the tablet
 * layouts. The web app is built by vite into a directory of this test's own.
 */
describe('judges tablet app (chromium)', () => {
  let app: TestApp;
  let web: WebTestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let judge: { email: string; token: string };
  let roundId: string;
  /** exhibit codes and assignment ids in the judge's list order */
  let codes: string[];
  let assignmentIds: string[];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base, browser } = web);
    await seedFixtures();
    // A 10-inch tablet held upright.
    context = await browser.newContext({
      viewport: { width: 800, height: 1280 },
      hasTouch: true,
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(page, pageErrors);
  });

  // A page exception or a Content-Security-Policy violation fails the test that caused it.
  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  async function seedFixtures(): Promise<void> {
    await seedRegions(app);
    const admin = await app.adminToken();
    const event = await craftsEvent(app, 'tablet');
    const entrant = await registerEnterprise(app, '450700', '钦州坭兴陶公司');
    for (let i = 0; i < 3; i++) {
      const created = await app.gql(
        CREATE_ENTRY,
        { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01']) } },
        entrant.token,
      );
      const id = created.data!.createEntry.id as string;
      const photo = await uploadImage(app, id, await testJpeg(i + 3, 1200, 900), entrant.token);
      expect(photo.status).toBe(201);
      await app.gql(SUBMIT_ENTRY, { id }, entrant.token);
      await app.gql(SCREEN_ENTRY, { id, d: 'ACCEPT' }, admin);
    }
    const round = await app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      {
        input: {
          eventId: event.eventId,
          name: '初评',
          blind: true,
          criteria: [
            { key: 'design', name: '设计', weight: 60, maxScore: 10, step: 0.5 },
            { key: 'craft', name: '工艺', weight: 40, maxScore: 10, step: 0.5 },
          ],
          judgesPerEntry: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    roundId = round.data!.createRound.id;
    const email = `judge-${randomUUID()}@example.com`;
    const user = await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name: '评委 王', role: 'JUDGE' } },
      admin,
    );
    judge = { email, token: await app.login(email, PASSWORD) };
    const ok = (res: { errors?: unknown }) => expect(res.errors).toBeUndefined();
    ok(
      await app.gql(
        'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
        {
          input: {
            roundId,
            name: '陶瓷组',
            categoryIds: [event.parent.TC],
            judgeIds: [user.data!.createUser.id],
          },
        },
        admin,
      ),
    );
    ok(
      await app.gql(
        'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
        { id: roundId },
        admin,
      ),
    );
    ok(await app.gql('mutation($id:ID!){openRound(roundId:$id){status}}', { id: roundId }, admin));
    await app.waitForQueues();
    const mine = await app.gql(
      'query($id:ID!){myAssignments(roundId:$id){id entry{code images{renditions{size}}}}}',
      { id: roundId },
      judge.token,
    );
    const list = mine.data!.myAssignments as any[];
    expect(list).toHaveLength(3);
    for (const a of list) expect(a.entry.images[0].renditions.length).toBeGreaterThan(0);
    codes = list.map((a) => a.entry.code);
    assignmentIds = list.map((a) => a.id);
  }

  const sheetRows = (assignmentId: string) =>
    app.sql<{ version: number; total: string; scores: string; comment: string | null }>(
      'SELECT version, total, scores, comment FROM score_sheets WHERE assignment_id = ?',
      [assignmentId],
    );
  const score = (name: string) => page.getByRole('spinbutton', { name: `${name} 的分数` });
  const waiting = () => page.getByTestId('waiting-count');
  const waitForText = (locator: ReturnType<Page['getByTestId']>, text: string) =>
    locator.filter({ hasText: text }).waitFor();

  it('a judge scores two entries with the network cut between them: both stored exactly once', async () => {
    // The QR code on the exhibit's label: sign in first, then straight to its sheet.
    await page.goto(`${base}/judge/entry/${codes[0]}`);
    await page.getByLabel('邮箱').fill(judge.email);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: new RegExp(codes[0]) }).waitFor();
    // Blind: the entrant and the creators are not shown.
    expect(await page.getByText('钦州坭兴陶公司').count()).toBe(0);
    expect(await page.getByText('李明').count()).toBe(0);
    // The large photo replaces the thumb once loaded.
    await page.locator('.photo img[data-size="LARGE"]').waitFor();

    await score('设计').fill('8.5');
    await score('工艺').fill('6.5');
    await page.getByRole('button', { name: '增加 工艺' }).click(); // 7
    await page.getByLabel('评语').fill('釉色温润');
    // T = 60·8.5/10 + 40·7/10 = 79
    expect(await page.getByTestId('running-total').textContent()).toBe('79');
    await page.getByRole('button', { name: '提交评分' }).click();
    await waitForText(page.getByTestId('sheet-status'), '已提交（第 1 版）');
    expect(await sheetRows(assignmentIds[0])).toEqual([
      { version: 1, total: '79.000', scores: expect.stringContaining('8.5'), comment: '釉色温润' },
    ]);

    // The Wi-Fi drops; the judge goes on to the next entry and scores it.
    await context.setOffline(true);
    await page.getByRole('button', { name: /下一件作品/ }).click();
    await page.getByRole('heading', { name: new RegExp(codes[1]) }).waitFor();
    await score('设计').fill('9.5');
    for (let i = 0; i < 12; i++) await page.getByRole('button', { name: '增加 工艺' }).click(); // 6
    expect(await page.getByTestId('running-total').textContent()).toBe('81');
    await page.getByRole('button', { name: '提交评分' }).click();
    await waitForText(page.getByTestId('sheet-status'), '联网后自动发送');
    await waitForText(waiting(), '1 份待发送');
    expect(await sheetRows(assignmentIds[1])).toEqual([]);

    // The network returns, but the first answer is lost on the way back: the sheet reached the
    // server, the tablet retries with the same clientMutationId, and it is stored once.
    let lostAnswers = 0;
    await page.route('**/graphql', async (route) => {
      if (lostAnswers === 0 && route.request().postData()?.includes('submitScoreSheet')) {
        lostAnswers++;
        await route.fetch();
        await route.abort('connectionreset');
      } else {
        await route.continue();
      }
    });
    await context.setOffline(false);
    await waitForText(waiting(), '全部已发送');
    await page.unroute('**/graphql');
    expect(lostAnswers).toBe(1);
    await waitForText(page.getByTestId('sheet-status'), '已提交（第 1 版）');

    const counts = await app.sql<{ assignment_id: string; n: number }>(
      'SELECT assignment_id, COUNT(*) AS n FROM score_sheets WHERE round_id = ? GROUP BY assignment_id',
      [roundId],
    );
    expect(counts.map((c) => [c.assignment_id, Number(c.n)]).sort()).toEqual(
      [
        [assignmentIds[0], 1],
        [assignmentIds[1], 1],
      ].sort(),
    );
    expect(await sheetRows(assignmentIds[1])).toEqual([
      { version: 1, total: '81.000', scores: expect.stringContaining('9.5'), comment: null },
    ]);
  });

  it('a stale edit shows both versions, and the judge sends theirs over the newer one', async () => {
    // Another tablet changes the first sheet while this one still holds version 1.
    const other = await app.gql(
      SUBMIT,
      {
        input: {
          assignmentId: assignmentIds[0],
          clientMutationId: randomUUID(),
          baseVersion: 1,
          scores: [
            { criterionKey: 'design', value: 5 },
            { criterionKey: 'craft', value: 5 },
          ],
        },
      },
      judge.token,
    );
    expect(other.data!.submitScoreSheet).toEqual({ version: 2, total: 50 });

    await page.getByRole('link', { name: /初评/ }).first().click();
    await page.getByRole('link', { name: new RegExp(codes[0]) }).click();
    await score('设计').fill('10'); // T = 60 + 28 = 88
    expect(await page.getByTestId('running-total').textContent()).toBe('88');
    await page.getByRole('button', { name: '提交修改（第 1 版之上）' }).click();

    const conflict = page.getByTestId('conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('这份评分已在另一台设备上修改过');
    const mine = conflict.getByTestId('version-mine');
    const server = conflict.getByTestId('version-server');
    expect(await mine.locator('.total-row td').textContent()).toBe('88');
    expect(await server.locator('.total-row td').textContent()).toBe('50');
    expect(await server.locator('caption').textContent()).toContain('第 2 版');
    // Nothing was overwritten.
    expect((await sheetRows(assignmentIds[0]))[0]).toMatchObject({ version: 2, total: '50.000' });
    await page.screenshot({ path: join(ARTIFACTS, 'judge-conflict-portrait.png') });

    await conflict.getByRole('button', { name: '用我的版本覆盖' }).click();
    await page.getByTestId('conflict').waitFor({ state: 'detached' });
    await waitForText(waiting(), '全部已发送');
    expect(await sheetRows(assignmentIds[0])).toEqual([
      { version: 3, total: '88.000', scores: expect.stringContaining('10'), comment: '釉色温润' },
    ]);
  });

  it('the tablet view in portrait and landscape: screenshots, controls at least 44 px, keys work', async () => {
    await page.getByRole('button', { name: /下一件作品/ }).click();
    await page.getByRole('heading', { name: new RegExp(codes[2]) }).waitFor();
    await page.locator('.photo img[data-size="LARGE"]').waitFor();
    for (const [name, viewport] of [
      ['portrait', { width: 800, height: 1280 }],
      ['landscape', { width: 1280, height: 800 }],
    ] as const) {
      await page.setViewportSize(viewport);
      const path = join(ARTIFACTS, `judge-sheet-${name}.png`);
      await page.screenshot({ path });
      expect(statSync(path).size).toBeGreaterThan(10_000);
      const small = await page.evaluate(() =>
        // The test's TypeScript has no DOM lib; this runs in the page.
        [...(globalThis as any).document.querySelectorAll('button, a, input, textarea, select')]
          .map((el: any) => ({ el, box: el.getBoundingClientRect() }))
          .filter(({ box }: any) => box.width > 0 && box.height > 0)
          .filter(({ box }: any) => box.width < 44 || box.height < 44)
          .map(
            ({ el, box }: any) => `${el.tagName} "${el.textContent}" ${box.width}x${box.height}`,
          ),
      );
      expect(small).toEqual([]);
    }
    // Without touch: arrow keys move the score by whole steps, + zooms the focused photo.
    await score('设计').focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await score('设计').inputValue()).toBe('1');
    await page.getByRole('group', { name: /第 1 张/ }).focus();
    await page.keyboard.press('+');
    expect(await page.getByRole('button', { name: '还原' }).textContent()).toBe('150%');
    // English is one tap away, and every label changes with it.
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('button', { name: 'Submit scores' }).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'judge-sheet-landscape-en.png') });
    await page.getByRole('button', { name: 'Language' }).click();
  });

  it('the API serves the app at / and its client routes, never over /graphql, /api or /health', async () => {
    const home = await app.http().get('/');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/text\/html/);
    expect(home.headers['cache-control']).toBe('no-cache');
    const qr = await app.http().get(`/judge/entry/${codes[0]}`);
    expect(qr.text).toBe(home.text);
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(home.text)![1];
    const js = await app.http().get(asset);
    expect(js.status).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    expect((await app.http().get('/assets/missing.js')).status).toBe(404);
    expect((await app.http().get('/health/live')).headers['content-type']).toMatch(/json/);
    const api = await app.http().get('/api/nothing-here');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).not.toMatch(/html/);
    const gql = await app.http().get('/graphql').set('accept', 'text/html');
    expect(gql.text).not.toBe(home.text);
  });
});
