import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import {
  craftsEvent,
  CraftsEvent,
  CREATE_USER,
  seedRegions,
  startWebTestApp,
  TestApp,
  WEB_ARTIFACTS,
  watchContentSecurityPolicy,
  WebTestApp,
} from '@app/testing';
import { CLOSE, seedRound, statusOf } from '../../libs/results/test/results-fixtures';

const PASSWORD = 'correct horse battery';
const CREATE_ROUND = 'mutation($input:CreateRoundInput!){createRound(input:$input){id}}';

/** An UPPER_SNAKE word (a reason, an enum value) or a bare key the API uses, anywhere on screen. */
const RAW_KEY = /\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b|\bADVANCEMENT\b|\bICC[13]K\b|\bTRIMMED\b/;
/** What the API's English message for NO_ASSIGNMENTS and its neighbours say. */
const SERVER_ENGLISH = /assign judges|assignJudges|before opening|the round is|not a UUID/i;

/**
 * The portal in the reader's language (issue 21): a refusal of the server (opening a round no
 * judge is assigned to; a round form with a malformed key) is said in Chinese, with the field it
 * concerns, and switches to English with the language; no raw key (reason, aggregation, cusp
 * boundary, agreement method, region code) is on the page; each screen titles the tab. Debian's
 * chromium against the real API, MariaDB, Redis and the tabulation worker; screenshots in
 * test-artifacts/web, on a 1366×768 screen and a 390×844 phone.
 */
describe('the portal says everything in words (chromium)', () => {
  let app: TestApp;
  let web: WebTestApp;
  let base: string;
  let event: CraftsEvent;
  let organiser: string;
  let coordinator: string;
  let draftRoundId: string;
  let tabulatedRoundId: string;
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base } = web);
    await seedRegions(app);
    event = await craftsEvent(app, 'words');
    organiser = await createUser('ORGANISER', '主办 周');
    coordinator = await createUser('COORDINATOR', '南宁 协调员', { regionCode: '450100' });
    const round = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId: event.eventId,
          name: '复评',
          blind: true,
          criteria: [{ key: 'design', name: '设计', weight: 100, maxScore: 10, step: 0.5 }],
          judgesPerEntry: 1,
          aggregation: 'TRIMMED_MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      await app.adminToken(),
    );
    expect(round.errors).toBeUndefined();
    draftRoundId = round.data!.createRound.id as string;

    // A judged round, closed and tabulated by the worker: results with cusps and agreement.
    const judged = await seedRound(app, 24);
    tabulatedRoundId = judged.roundId;
    const closed = await app.gql(CLOSE, { id: tabulatedRoundId }, await app.adminToken());
    expect(closed.errors).toBeUndefined();
    await app.waitForQueues();
    expect(await statusOf(app, tabulatedRoundId)).toBe('TABULATED');
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  async function createUser(role: string, name: string, extra: Record<string, unknown> = {}) {
    const email = `${role.toLowerCase()}-${randomUUID()}@example.com`;
    const res = await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name, role, ...extra } },
      await app.adminToken(),
    );
    expect(res.errors).toBeUndefined();
    return email;
  }

  async function signedIn(email: string, viewport = { width: 1366, height: 768 }): Promise<Page> {
    const context = await web.browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(page, pageErrors);
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    await page.locator('main h1').waitFor();
    return page;
  }

  /** The words on screen (the main area and the top bar), without the form fields' values. */
  const screenText = (page: Page) => page.locator('body').innerText();

  it('says the refusal to open a round without judges in Chinese, then in English', async () => {
    const page = await signedIn(organiser);
    // opening is in the round's assignment stage (the page as stages: round-stages.e2e-spec)
    await page.goto(`${base}/org/round/${draftRoundId}?stage=assignment`);
    await page.getByRole('heading', { name: /复评/ }).waitFor();
    await expect(page.title()).resolves.toBe('复评 · 评审轮次 · 评审平台');

    await page.getByRole('button', { name: '开始评审' }).click();
    const refusal = page.locator('.lifecycle [role=alert]');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe('还没有分配评委：请先在“分配评委”中分配，再开始评审');
    const text = await screenText(page);
    expect(text).not.toMatch(SERVER_ENGLISH);
    expect(text).not.toMatch(RAW_KEY);
    // nothing changed: the round is still a draft
    expect(await statusOf(app, draftRoundId)).toBe('DRAFT');
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'portal-words-refusal.png') });

    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('button', { name: 'Open round' }).click();
    await refusal
      .filter({ hasText: 'No judges are assigned yet: assign judges first, then open the round' })
      .waitFor();
    await expect(page.title()).resolves.toBe('复评 · Rounds · Judging platform');
    expect(await screenText(page)).not.toMatch(RAW_KEY);
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('button', { name: '开始评审' }).waitFor();
  });

  it('names the settings in words and the field a refused form concerns', async () => {
    const page = await signedIn(organiser);
    await page.goto(`${base}/org/round/${draftRoundId}?stage=settings`);
    const form = page.getByRole('form', { name: '保存修改' });
    const aggregation = form.getByLabel('汇总方式');
    await aggregation.waitFor();
    expect(await aggregation.locator('option').allInnerTexts()).toEqual([
      '平均分',
      '去极值平均',
      '中位数',
      '标准分（Z 分数）',
    ]);
    await expect(aggregation.inputValue()).resolves.toBe('TRIMMED_MEAN');
    await form.getByText(/去掉最高和最低各若干份总分后再平均/).waitFor();
    // the criteria's columns have visible heads
    const heads = form.locator('.row-heads').first();
    expect(await heads.innerText()).toMatch(/代码\s+名称\s+权重\s+满分\s+步长/);
    // the seed is explained (in the assignment stage)
    await page.getByTestId('stage-link-assignment').click();
    await page.getByLabel('分配编号（选填）').waitFor();
    await page.getByText(/同一个编号、同样的评审组和作品，总是得到同样的分配/).waitFor();
    await page.getByTestId('stage-link-settings').click();

    // a key the rules refuse: the refusal names the row and the field, in Chinese
    await form.getByRole('group', { name: '第 1 项' }).getByLabel('代码').fill('Bad Key');
    await form.getByRole('button', { name: '保存修改' }).click();
    await form
      .getByRole('alert')
      .filter({
        hasText:
          '评分项第 1 项的代码：代码应以小写字母开头，只含小写字母、数字和下划线，最多 40 个字符',
      })
      .waitFor();
    const text = await screenText(page);
    expect(text).not.toMatch(RAW_KEY);
    expect(text).not.toMatch(/criteria\[|must|lower-case/);
    // refused as a whole: the stored criterion is the one it was
    const keys = await app.sql<{ key: string }>(
      'SELECT `key` FROM round_criteria WHERE round_id = ? ORDER BY position',
      [draftRoundId],
    );
    expect(keys.map((k) => k.key)).toEqual(['design']);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'portal-words-form.png'), fullPage: true });
  });

  it('shows the results of a tabulated round without a raw key', async () => {
    const page = await signedIn(organiser);
    await page.goto(`${base}/org/round/${tabulatedRoundId}`);
    const results = page.locator('#results').locator('..');
    await results.locator('table.results').first().waitFor();
    // scopes by their category's name, cusps by the tier's name or the advancement line
    await results.getByRole('heading', { name: '范围 小类P-1（P-1）' }).waitFor();
    // every cusp the API reports (near gold, silver or the advancement line) is in words
    const quality = await app.gql(
      'query($id:ID!){judgeQuality(roundId:$id){cusps{boundary}}}',
      { id: tabulatedRoundId },
      await app.adminToken(),
    );
    const boundaries = new Set(
      (quality.data!.judgeQuality.cusps as { boundary: string }[]).map((c) => c.boundary),
    );
    expect(boundaries.size).toBeGreaterThan(0);
    const name = { gold: '金奖', silver: '银奖', ADVANCEMENT: '晋级线' } as Record<string, string>;
    for (const boundary of boundaries) {
      await results
        .locator('.mark.cusp')
        .filter({ hasText: `临界（${name[boundary]}，差 ` })
        .first()
        .waitFor();
    }
    for (const cusp of await results.locator('table.results .mark.cusp').allInnerTexts()) {
      expect(cusp).toMatch(/^临界（(金奖|银奖|晋级线)，差 [\d.]+）$/);
    }
    const qualitySection = page.locator('#quality').locator('..');
    await qualitySection
      .getByText(/评委间一致性(较差|一般|良好|优秀) \(ICC\([13],k\)=[\d.]+, (单向|双向)模型\)/)
      .first()
      .waitFor();
    const text = await screenText(page);
    expect(text).not.toMatch(RAW_KEY);
    expect(text).not.toMatch(/\bgold\b|\bsilver\b|k=/);
    await page.screenshot({
      path: join(WEB_ARTIFACTS, 'portal-words-results.png'),
      fullPage: true,
    });
  });

  it('names the coordinator’s region and titles the screens, on a phone too', async () => {
    const page = await signedIn(coordinator, { width: 390, height: 844 });
    await page.getByRole('heading', { name: '本地区（南宁市）' }).waitFor();
    await expect(page.title()).resolves.toBe('本地区（南宁市） · 评审平台');
    const regionText = await screenText(page);
    expect(regionText).not.toContain('450100');
    expect(regionText).not.toMatch(RAW_KEY);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'portal-words-region-phone.png') });

    const organiserPage = await signedIn(organiser, { width: 390, height: 844 });
    await expect(organiserPage.title()).resolves.toBe('活动 · 评审平台');
    await organiserPage.goto(`${base}/org/event/${event.eventId}/screening`);
    await organiserPage.getByRole('heading', { name: '资格审核' }).waitFor();
    await expect(organiserPage.title()).resolves.toBe('资格审核 · 评审平台');
    await organiserPage.goto(`${base}/org/round/${draftRoundId}?stage=assignment`);
    await organiserPage.getByRole('button', { name: '开始评审' }).click();
    await organiserPage.locator('.lifecycle [role=alert]').waitFor();
    expect(await screenText(organiserPage)).not.toMatch(SERVER_ENGLISH);
    await organiserPage.screenshot({
      path: join(WEB_ARTIFACTS, 'portal-words-refusal-phone.png'),
    });
  });
});
