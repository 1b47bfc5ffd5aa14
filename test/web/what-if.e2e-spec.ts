import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  CREATE_USER,
  startWebTestApp,
  TestApp,
  WEB_ARTIFACTS,
  WebTestApp,
  watchContentSecurityPolicy,
} from '@app/testing';
import { whatIf } from '@app/tabulation';
import { seedRound } from '../../libs/results/test/results-fixtures';
import { lenientJudgeRound } from '../../libs/results/test/what-if-fixtures';

const PASSWORD = 'correct horse battery';
const TIER_NAME: Record<string, string> = { gold: '金奖', silver: '银奖' };

/**
 * The judge-quality words and the what-if screen (issue 23) in Debian's chromium against the
 * real API, MariaDB, Redis and the tabulation worker: an organiser reads on a closed round's
 * results how far its judges agree, opens the comparison of scoring methods, and sees which
 * awards depend on the method (the chart, the table, the counts), then exports it.
 */
describe('what-if of a closed round (chromium)', () => {
  let app: TestApp;
  let web: WebTestApp;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let admin: string;
  let organiser: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base, browser } = web);
    admin = await app.adminToken();
    organiser = `organiser-${randomUUID()}@example.com`;
    const created = await app.gql(
      CREATE_USER,
      { input: { email: organiser, password: PASSWORD, name: '主办 王', role: 'ORGANISER' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    context = await browser.newContext({
      viewport: { width: 1440, height: 1000 },
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(page, pageErrors);
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(organiser);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '活动', exact: true }).waitFor();
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  it('an organiser reads the agreement in words, opens the what-if and sees which awards depend on the method', async () => {
    const { seeded, input } = await lenientJudgeRound(app, admin);
    const expected = whatIf(input);
    const depending = expected.entries.filter((e) => e.awardDependsOnMethod);
    const listed = expected.entries.filter(
      (e) => e.awardDependsOnMethod || e.advancementDependsOnMethod,
    );
    expect(depending.length).toBeGreaterThan(0);

    // The round's results: the judges' agreement said in words (six judges, three an entry:
    // not crossed, so one-way and ICC(1,k)).
    await page.goto(`${base}/org/round/${seeded.roundId}?stage=results`);
    const panels = page.getByTestId('panel-agreement');
    await panels
      .getByText(/^评委间一致性(较差|一般|良好|优秀) \(ICC\(1,k\)=-?\d\.\d\d, 单向模型\)/)
      .waitFor();
    await panels.getByText(/各作品的评委不尽相同，只能用单向模型/).waitFor();
    // The lenient judge is far above the co-judges.
    await page
      .getByTestId('judge-quality')
      .getByText(/平均高 \d+\.\d 分/)
      .first()
      .waitFor();

    await page.getByRole('link', { name: '比较不同计分方法' }).click();
    await page.waitForURL(`${base}/org/round/${seeded.roundId}/what-if`);
    await page.getByRole('heading', { name: /^计分方法对比 · / }).waitFor();
    await page
      .getByTestId('what-if-summary')
      .getByText(`${depending.length} 件作品的奖项取决于计分方法`)
      .waitFor();

    // The methods: the round's own (MEAN) agrees with itself; the others as the library says.
    const methods = page.getByTestId('what-if-methods');
    await methods.locator('tr[data-method=MEAN]').getByText('本轮采用').waitFor();
    for (const m of expected.methods) {
      const row = methods.locator(`tr[data-method=${m.method}]`);
      await row
        .getByRole('cell', { name: String(m.kendallTau.value ?? '—'), exact: true })
        .first()
        .waitFor();
      await row
        .getByRole('cell', { name: String(m.entriesChangingAward), exact: true })
        .first()
        .waitFor();
    }

    // The chart, drawn by the lazily loaded echarts chunk, and the table of the entries.
    const chart = page.getByTestId('what-if-chart');
    await chart.locator('canvas').first().waitFor();
    expect(await chart.getAttribute('aria-label')).toBe(
      `图表：${Math.min(depending.length, 40)} 件作品在各计分方法下的奖项`,
    );
    const rows = page.getByTestId('what-if-entries').locator('tbody tr');
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-code')))).toEqual(
      listed.map((e) => e.entryCode),
    );
    // Each method's award of the first entry whose award depends on the method, with its shift.
    const first = depending[0];
    const row = page.locator(`tr[data-code="${first.entryCode}"]`);
    for (const o of first.outcomes) {
      if (o.tierShift === null) continue;
      const name = o.award ? TIER_NAME[o.award] : '无';
      const cell = row.locator(`td[data-method=${o.method}]`);
      const text = (await cell.textContent()) ?? '';
      expect(text.startsWith(name)).toBe(true);
      if (o.method !== 'MEAN' && o.tierShift !== 0) {
        expect(text).toContain(o.tierShift > 0 ? `升 ${o.tierShift} 级` : `降 ${-o.tierShift} 级`);
      }
    }
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'what-if.png'), fullPage: true });

    // The comparison as CSV, every entry.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出对比（CSV）' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('round-1-what-if.csv');
  });

  it('a round still open is refused in words', async () => {
    const open = await seedRound(app, 3);
    await page.goto(`${base}/org/round/${open.roundId}/what-if`);
    await page
      .getByRole('alert')
      .getByText(/轮次结束后才能比较/)
      .waitFor();
  });
});
