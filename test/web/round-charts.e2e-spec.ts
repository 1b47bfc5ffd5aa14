import { randomUUID } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import {
  acceptedEntries,
  craftsEventWithEntries,
  CREATE_USER,
  startWebTestApp,
  TestApp,
  WEB_ARTIFACTS,
  organiserPage,
  WebTestApp,
} from '@app/testing';

const PASSWORD = 'correct horse battery';
const VIEWPORT = { width: 1366, height: 768 };
const MY_ASSIGNMENTS = 'query($id:ID!){myAssignments(roundId:$id){id entry{id}}}';
const SUBMIT = 'mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id}}';

/**
 * The organisers' charts (issue 21) on the round page, in Debian's chromium at 1366×768 against
 * the real API, MariaDB, Redis and worker: sheets per hour and panel while the round runs, then
 * the score distribution (per category) and each judge's leniency once it is tabulated. Each
 * chart is drawn (a canvas) and says the same in words (a sentence and a table, checked figure
 * by figure). The judges' service worker leaves the chart chunks out of its precache.
 */
describe('the round page’s charts (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  let page: Page;
  let admin: string;
  let roundId: string;
  const pageErrors: string[] = [];
  const judges: Record<string, { id: string; token: string }> = {};
  /** 陈静's second sheet, sent (now) while the page is open */
  let lastSheet: () => Promise<void>;

  /**
   * A judge's sheets, one per entry id in `plan`: the score of the one criterion and when (moved
   * there after submitting), or null to leave it submitted now.
   */
  async function score(judge: string, plan: Map<string, [number, string | null]>) {
    const { token } = judges[judge];
    const mine = (await app.gql(MY_ASSIGNMENTS, { id: roundId }, token)).data!
      .myAssignments as Array<{
      id: string;
      entry: { id: string };
    }>;
    const ids = mine.map((a) => a.entry.id);
    expect([...plan.keys()].filter((id) => !ids.includes(id))).toEqual([]);
    for (const a of mine.filter((m) => plan.has(m.entry.id))) {
      const [value, at] = plan.get(a.entry.id)!;
      const input = {
        assignmentId: a.id,
        scores: [{ criterionKey: 'design', value }],
        clientMutationId: randomUUID(),
      };
      expect((await app.gql(SUBMIT, { input }, token)).errors).toBeUndefined();
      if (at === null) continue; // submitted now
      await app.sql('UPDATE score_sheets SET submitted_at = ? WHERE assignment_id = ?', [
        new Date(at),
        a.id,
      ]);
    }
  }

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base } = web);
    const seeded = await craftsEventWithEntries(app, 'charts', 3);
    admin = seeded.admin;
    const { event } = seeded;
    const tc = seeded.entries;
    const bz = await acceptedEntries(app, 2, {
      eventId: event.eventId,
      categoryId: event.leaf['BZ-01'],
      entrantToken: seeded.entrant.token,
      adminToken: admin,
    });
    for (const name of ['张伟', '李明', '王芳', '陈静']) {
      const email = `judge-${randomUUID()}@example.com`;
      const created = await app.gql(
        CREATE_USER,
        { input: { email, password: PASSWORD, name, role: 'JUDGE' } },
        admin,
      );
      expect(created.errors).toBeUndefined();
      judges[name] = {
        id: created.data!.createUser.id as string,
        token: await app.login(email, PASSWORD),
      };
    }
    const round = await app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      {
        input: {
          eventId: event.eventId,
          name: '初评',
          criteria: [{ key: 'design', name: '设计', weight: 100, maxScore: 10, step: 0.5 }],
          judgesPerEntry: 2,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    expect(round.errors).toBeUndefined();
    roundId = round.data!.createRound.id;
    for (const [code, name, members] of [
      ['TC', 'A 陶瓷组', ['张伟', '李明']],
      ['BZ', 'B 编织组', ['王芳', '陈静']],
    ] as const) {
      const panel = await app.gql(
        'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
        {
          input: {
            roundId,
            name,
            categoryIds: [event.parent[code]],
            judgeIds: members.map((m) => judges[m].id),
          },
        },
        admin,
      );
      expect(panel.errors).toBeUndefined();
    }
    await app.gql(
      'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
      { id: roundId },
      admin,
    );
    const opened = await app.gql(
      'mutation($id:ID!){openRound(roundId:$id){status}}',
      { id: roundId },
      admin,
    );
    expect(opened.errors).toBeUndefined();

    // Totals out of 100 (one criterion of weight 100, out of 10). The entries' means: TC 85, 75,
    // 90 and BZ 62.5, 70 — three of them on an edge of the 5-point ranges. 李明 scores 10 points
    // above 张伟 on two of their three entries (+6.667 / −6.667), 陈静 5 above 王芳 on one of two
    // (+2.5 / −2.5). Times in UTC; the browser is in Beijing (UTC+8).
    await score(
      '张伟',
      new Map([
        [tc[0], [8, '2026-03-01T01:10:00Z']],
        [tc[1], [7, '2026-03-01T01:50:00Z']],
        [tc[2], [9, '2026-03-01T02:00:00Z']],
      ]),
    );
    await score(
      '李明',
      new Map([
        [tc[0], [9, '2026-03-01T01:59:59.999Z']],
        [tc[1], [8, '2026-03-01T02:30:00Z']],
        [tc[2], [9, '2026-03-01T04:05:00Z']],
      ]),
    );
    await score(
      '王芳',
      new Map([
        [bz[0], [6, '2026-03-01T01:20:00Z']],
        [bz[1], [7, '2026-03-01T03:00:00Z']],
      ]),
    );
    await score('陈静', new Map([[bz[0], [6.5, '2026-03-01T03:40:00Z']]]));
    lastSheet = () => score('陈静', new Map([[bz[1], [7, null]]]));

    page = await organiserPage(web, pageErrors, {
      viewport: VIEWPORT,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  /** The cells of each row of a chart's data table, header row first. */
  async function tableOf(testId: string): Promise<string[][]> {
    const rows = page.getByTestId(testId).locator('tr');
    const out: string[][] = [];
    for (let i = 0; i < (await rows.count()); i++)
      out.push((await rows.nth(i).locator('th, td').allTextContents()).map((s) => s.trim()));
    return out;
  }

  /** The chart is drawn: a canvas of the figure's width, not an empty box. */
  async function expectDrawn(id: string) {
    const canvas = page.getByTestId(`${id}-chart`).locator('canvas');
    await canvas.waitFor();
    const box = (await canvas.boundingBox())!;
    expect(box.width).toBeGreaterThan(600);
    expect(box.width).toBeLessThanOrEqual(VIEWPORT.width);
    expect(box.height).toBeGreaterThan(150);
    expect(await page.getByTestId(`${id}-chart`).getAttribute('role')).toBe('img');
  }

  /** An instant's hour as the page writes it in Beijing: 03-01 09:00. */
  function beijingHour(at: Date): string {
    const local = new Date(at.getTime() + 8 * 3_600_000); // UTC+8, no summer time
    const two = (n: number) => String(n).padStart(2, '0');
    return `${two(local.getUTCMonth() + 1)}-${two(local.getUTCDate())} ${two(local.getUTCHours())}:00`;
  }

  /** The top bar's language switch (中文 ⇄ English). */
  const switchLanguage = () => page.locator('header button[lang]').click();

  it('shows the sheets per hour and per panel while the round is open', async () => {
    await page.goto(`${base}/org/round/${roundId}?stage=progress`);
    const figure = page.getByTestId('activity');
    await figure.getByRole('heading', { name: '每小时提交的评分表（按评审组）' }).waitFor();
    await expectDrawn('activity');
    expect(await figure.getByTestId('activity-summary').textContent()).toBe(
      '共 9 份评分表，03-01 09:00 至 03-01 12:00（本机时间）。',
    );
    expect(await tableOf('activity-table')).toEqual([
      ['时间', 'A 陶瓷组', 'B 编织组'],
      ['03-01 09:00', '3', '1'],
      ['03-01 10:00', '2', '0'],
      ['03-01 11:00', '0', '2'],
      ['03-01 12:00', '1', '0'],
      ['合计', '6', '3'],
    ]);
    await figure.scrollIntoViewIfNeeded();
    await figure.locator('summary').click();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-chart-activity.png') });

    // a sheet comes in now, months after the others: the page follows without a reload and
    // shows the last 48 hours only, the 9 sheets before them counted in the totals
    await lastSheet();
    const [{ at }] = await app.sql<{ at: Date }>(
      'SELECT MAX(submitted_at) AS at FROM score_sheets WHERE round_id = ?',
      [roundId],
    );
    const now = beijingHour(at);
    const first = beijingHour(new Date(at.getTime() - 47 * 3_600_000));
    await figure
      .getByTestId('activity-summary')
      .filter({ hasText: '共 10 份评分表' })
      .waitFor({ timeout: 20_000 });
    expect(await figure.getByTestId('activity-summary').textContent()).toBe(
      `共 10 份评分表，${first} 至 ${now}（本机时间）。 图中只显示最后 48 小时；更早提交的 9 份计入合计。`,
    );
    const rows = await tableOf('activity-table');
    expect(rows).toHaveLength(1 + 48 + 1);
    expect(rows[1]).toEqual([first, '0', '0']);
    expect(rows[48]).toEqual([now, '0', '1']);
    expect(rows[49]).toEqual(['合计', '6', '4']);
    expect(rows.slice(1, 48).every(([, a, b]) => a === '0' && b === '0')).toBe(true);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-chart-activity-48h.png') });
    await switchLanguage();
    await figure.getByRole('heading', { name: 'Score sheets per hour, by panel' }).waitFor();
    expect(await figure.getByTestId('activity-summary').textContent()).toBe(
      `10 sheets, ${first} to ${now} (this device’s time). The chart shows the last 48 hours; 9 sheets sent earlier are in the totals.`,
    );
    expect((await tableOf('activity-table'))[0]).toEqual(['Hour', 'A 陶瓷组', 'B 编织组']);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-chart-activity-en.png') });
    await switchLanguage();
  });

  it('shows the score distribution per category and each judge’s leniency once tabulated', async () => {
    const closed = await app.gql(
      'mutation($id:ID!){closeRound(roundId:$id){status}}',
      { id: roundId },
      admin,
    );
    expect(closed.errors).toBeUndefined();
    await page.goto(`${base}/org/round/${roundId}?stage=results`);
    const distribution = page.getByTestId('score-distribution');
    await distribution.getByRole('heading', { name: '得分分布' }).waitFor({ timeout: 30_000 });
    await expectDrawn('score-distribution');
    expect(await distribution.getByTestId('score-distribution-summary').textContent()).toBe(
      '5 件作品有总分，分为 6 个区间（每个区间含下限、不含上限，最后一个区间含上限）。',
    );
    // 62.5 | 70 on the edge | 75 on the edge | 85 on the edge and 90, the top, in the last range
    expect(await tableOf('score-distribution-table')).toEqual([
      ['分数区间', '竹编（BZ-01）', '坭兴陶（TC-01）', '合计'],
      ['60–65', '1', '0', '1'],
      ['65–70', '0', '0', '0'],
      ['70–75', '1', '0', '1'],
      ['75–80', '0', '1', '1'],
      ['80–85', '0', '0', '0'],
      ['85–90', '0', '2', '2'],
    ]);
    await distribution.locator('summary').click();
    await distribution.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-chart-scores.png') });

    const leniency = page.getByTestId('leniency');
    await leniency.getByRole('heading', { name: '评委宽严对比' }).waitFor();
    await expectDrawn('leniency');
    expect(await tableOf('leniency-table')).toEqual([
      ['评委', '差值（分）', '共同评审的作品数'],
      ['李明', '+6.667', '3'],
      ['陈静', '+2.5', '2'],
      ['王芳', '-2.5', '2'],
      ['张伟', '-6.667', '3'],
    ]);
    // names, never ids
    const text = (await leniency.textContent())!;
    for (const { id } of Object.values(judges)) expect(text).not.toContain(id);
    await leniency.locator('summary').click();
    await leniency.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-chart-leniency.png') });
    await switchLanguage();
    await leniency.getByRole('heading', { name: "Judges' leniency" }).waitFor();
    await distribution.getByRole('heading', { name: 'Score distribution' }).waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-chart-leniency-en.png') });
    await switchLanguage();
  });

  it('keeps echarts off the judges’ tablets: the service worker does not precache the chart chunks', () => {
    const assets = readdirSync(join(web.webDir, 'assets'));
    const echarts = assets.filter((f) => /^echarts-.*\.js$/.test(f));
    const charts = assets.filter((f) => /Chart-.*\.js$/.test(f));
    expect(echarts).toHaveLength(1);
    expect(charts.length).toBeGreaterThanOrEqual(2); // charts/EChart and WhatIfChart
    const sw = readFileSync(join(web.webDir, 'sw.js'), 'utf8');
    const precached = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]);
    expect(precached).toContain('index.html');
    expect(precached.filter((url) => /^assets\/main-.*\.js$/.test(url)).length).toBeGreaterThan(0);
    for (const chunk of [...echarts, ...charts]) expect(precached).not.toContain(`assets/${chunk}`);
    // and no precached script imports echarts' chunk outright (only lazily, by its URL)
    for (const url of precached.filter((u) => u.endsWith('.js'))) {
      const code = readFileSync(join(web.webDir, url), 'utf8');
      expect(code).not.toMatch(/from\s*"\.\/echarts-/);
    }
  });
});
