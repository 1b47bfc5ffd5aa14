import { getQueueToken } from '@nestjs/bullmq';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import { Page } from 'playwright-core';
import { QueueName } from '@app/queue';
import {
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
const CREATE_ROUND = 'mutation($input:CreateRoundInput!){createRound(input:$input){id}}';
const SETTINGS =
  'name previousRoundId judgesPerEntry minSheets aggregation trimCount rankingScope ' +
  'tieBreakCriteria blind tiePolicy criteria{key name weight maxScore step} ' +
  'awardTiers{key name rank quota{mode value}} advancement{mode value}';
const ROUND_SETTINGS = `query($id:ID!){round(id:$id){${SETTINGS}}}`;
const CRITERIA = [
  { key: 'design', name: '设计', weight: 60, maxScore: 10, step: 0.5 },
  { key: 'craft', name: '工艺', weight: 40, maxScore: 10, step: 0.5 },
];

/**
 * The round's page as stages (issue 21): settings → panels and conflicts → assignment →
 * progress → results → publication, opened on the stage where the round is, whose first
 * button is the next thing to do; closing with sheets missing says how many and who owes them
 * before it closes; the page follows CLOSED → TABULATED on its own; the round form carries
 * every setting of the rules and gives back unchanged what the organiser did not touch.
 * Debian's chromium on a 1366×768 screen against the real API, MariaDB, Redis and worker.
 */
describe('the round page as stages, and the round form (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  let page: Page;
  let admin: string;
  let eventId: string;
  const judges: Array<{ id: string; name: string; token: string }> = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base } = web);
    const seeded = await craftsEventWithEntries(app, 'stages', 4);
    admin = seeded.admin;
    eventId = seeded.event.eventId;
    for (const name of ['评委 陈', '评委 黄', '评委 梁']) {
      const email = `judge-${randomUUID()}@example.com`;
      const created = await app.gql(
        CREATE_USER,
        { input: { email, password: PASSWORD, name, role: 'JUDGE' } },
        admin,
      );
      expect(created.errors).toBeUndefined();
      judges.push({
        id: created.data!.createUser.id as string,
        name,
        token: await app.login(email, PASSWORD),
      });
    }
    page = await organiserPage(web, pageErrors, { viewport: VIEWPORT, locale: 'zh-CN' });
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  async function createRound(name: string, extra: Record<string, unknown> = {}) {
    const res = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId,
          name,
          criteria: CRITERIA,
          judgesPerEntry: 3,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
          awardTiers: [{ key: 'gold', name: '金奖', quota: { mode: 'COUNT', value: 1 } }],
          ...extra,
        },
      },
      admin,
    );
    expect(res.errors).toBeUndefined();
    return res.data!.createRound.id as string;
  }

  /**
   * Every control of the page as it is now is at least 44 px both ways (a checkbox by the label
   * that is its target), as everywhere in the portal.
   */
  async function expectTouchTargets() {
    // runs in the browser: `document` is the page's (the tests are type-checked without DOM)
    const small = await page.evaluate(() =>
      [
        ...(globalThis as any).document.querySelectorAll(
          'main button, main a, main input, main select',
        ),
      ]
        .map((el: any) => {
          const target =
            el.tagName === 'INPUT' && el.type === 'checkbox' ? el.closest('label') : el;
          const box = target.getBoundingClientRect();
          return { what: String(el.outerHTML).slice(0, 80), w: box.width, h: box.height };
        })
        .filter((b: { w: number; h: number }) => b.w > 0 && (b.h < 44 || b.w < 44)),
    );
    expect(small).toEqual([]);
  }

  /** The top bar's language switch (中文 ⇄ English). */
  const switchLanguage = () => page.locator('header button[lang]').click();

  async function settingsOf(roundId: string): Promise<Record<string, unknown>> {
    const res = await app.gql(ROUND_SETTINGS, { id: roundId }, admin);
    expect(res.errors).toBeUndefined();
    return res.data!.round as Record<string, unknown>;
  }

  it('saving a draft from the form changes only what was touched (tie-breaks, tie policy and trim count set through the API stay)', async () => {
    const roundId = await createRound('复评', {
      aggregation: 'TRIMMED_MEAN',
      trimCount: 2,
      judgesPerEntry: 5,
      minSheets: 4,
      blind: false,
      rankingScope: 'PARENT_CATEGORY',
      tieBreakCriteria: ['craft', 'design'],
      tiePolicy: 'EXCLUDE_TIES',
      awardTiers: [
        { key: 'gold', name: '金奖', quota: { mode: 'PERCENT', value: 10 } },
        { key: 'silver', name: '银奖', quota: { mode: 'PERCENT', value: 20 } },
      ],
      advancement: { mode: 'COUNT', value: 3 },
    });
    const before = await settingsOf(roundId);
    await page.goto(`${base}/org/round/${roundId}?stage=settings`);
    const form = page.getByRole('form', { name: '保存修改' });
    await form.getByLabel('轮次名称').fill('复评（终审）');
    await form.getByRole('button', { name: '保存修改' }).click();
    await page.getByRole('heading', { name: /复评（终审）/ }).waitFor();
    expect(await settingsOf(roundId)).toEqual({ ...before, name: '复评（终审）' });
  });

  it('the form sets every rule: trim count only for a trimmed mean, tie-breaks in order, tie policy, one quota mode', async () => {
    const roundId = await createRound('决赛');
    await page.goto(`${base}/org/round/${roundId}?stage=settings`);
    const form = page.getByRole('form', { name: '保存修改' });
    const aggregation = form.getByLabel('汇总方式');
    await aggregation.waitFor();
    expect(await aggregation.locator('option').allInnerTexts()).toEqual([
      '平均分',
      '去极值平均',
      '中位数',
      '标准分（Z 分数）',
    ]);
    // the trim count is a setting of the trimmed mean only
    expect(await form.getByLabel('去掉最高、最低各几份').count()).toBe(0);
    await aggregation.selectOption('TRIMMED_MEAN');
    await form.getByLabel('去掉最高、最低各几份').fill('2');
    // tie-breaks: chosen from the round's criteria, then reordered
    await form.getByLabel('添加比较的评分项').selectOption({ label: '设计（design）' });
    await form.getByLabel('添加比较的评分项').selectOption({ label: '工艺（craft）' });
    await form.getByRole('button', { name: '上移 工艺（craft）' }).click();
    expect(
      await form.getByTestId('tie-breaks').locator('li .tie-break-name').allInnerTexts(),
    ).toEqual(['工艺（craft）', '设计（design）']);
    await form.getByLabel('并列跨过名额线时').selectOption('EXCLUDE_TIES');
    // one quota mode for all the tiers: a single selector, not one a tier
    await form.getByRole('button', { name: '添加奖项' }).click();
    const silver = form.getByRole('group', { name: '第 2 个奖项' });
    await silver.getByLabel('奖项代码').fill('silver');
    await silver.getByLabel('奖项名称').fill('银奖');
    expect(await form.getByLabel('各奖项的名额方式').count()).toBe(1);
    await form.getByLabel('各奖项的名额方式').selectOption('PERCENT');
    await form.getByRole('group', { name: '第 1 个奖项' }).getByLabel('比例（%）').fill('10');
    await silver.getByLabel('比例（%）').fill('20');
    await form.getByRole('button', { name: '保存修改' }).click();
    await page.getByTestId('settings-saved').getByText('设置已保存').waitFor();
    await expectTouchTargets();
    expect(await settingsOf(roundId)).toMatchObject({
      aggregation: 'TRIMMED_MEAN',
      trimCount: 2,
      tieBreakCriteria: ['craft', 'design'],
      tiePolicy: 'EXCLUDE_TIES',
      awardTiers: [
        { key: 'gold', quota: { mode: 'PERCENT', value: 10 } },
        { key: 'silver', quota: { mode: 'PERCENT', value: 20 } },
      ],
    });

    // the same form in English
    await switchLanguage();
    const english = page.getByRole('form', { name: 'Save changes' });
    await english.getByLabel('Highest and lowest dropped (each)').waitFor();
    expect(await english.getByLabel('Aggregation').locator('option').allInnerTexts()).toEqual([
      'Mean',
      'Trimmed mean',
      'Median',
      'Standard score (z)',
    ]);
    await english.getByRole('button', { name: 'Move 设计（design） up' }).waitFor();
    await english.getByLabel('A tie across a quota line').waitFor();
    await english.getByLabel('Quota of every tier').waitFor();
    await switchLanguage();
    await form.getByLabel('去掉最高、最低各几份').waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-form-rules.png'), fullPage: true });
  });

  /** The first control of the stage shown: the next thing to do. */
  const firstAction = () =>
    page.getByTestId('stage-panel').locator('button, a.button').first().innerText();
  const shownStage = () => page.getByTestId('stage-panel').getAttribute('data-stage');

  it('opens each round on its stage with the next action first, warns before closing with sheets missing, and follows the round to TABULATED without a reload', async () => {
    const roundId = await createRound('初评', {
      minSheets: 2,
      advancement: { mode: 'COUNT', value: 1 },
    });
    const tabulation = app.api.get<Queue>(getQueueToken(QueueName.Tabulation), { strict: false });

    // DRAFT without a panel: the panel comes first, not opening
    await page.goto(`${base}/org/round/${roundId}`);
    await page.getByTestId('round-status').filter({ hasText: '草稿' }).waitFor();
    expect(await shownStage()).toBe('panels');
    expect(await firstAction()).toBe('创建评审组');
    await page.getByTestId('next-step').getByText('下一步：建立评审组').waitFor();
    await page.getByTestId('stage-link-panels').and(page.locator('[aria-current=page]')).waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-stage-draft.png') });
    await expectTouchTargets();
    // the page is a few screens, not everything at once
    const height = await page.evaluate(
      () => (globalThis as any).document.documentElement.scrollHeight as number,
    );
    expect(height).toBeLessThan(3 * VIEWPORT.height);

    const panel = page.getByRole('form', { name: '新建评审组' });
    await panel.getByLabel('评审组名称').fill('陶瓷组');
    await panel.getByLabel('TC 陶瓷').check();
    for (const judge of judges) await panel.getByLabel(new RegExp(judge.name)).check();
    await panel.getByRole('button', { name: '创建评审组' }).click();
    // the page stays where the organiser works; the next step moves on and leads there
    await page.getByTestId('next-step').getByText('下一步：分配评委').waitFor();
    expect(await shownStage()).toBe('panels');
    await page.getByTestId('next-step').getByRole('link', { name: '前往“分配评委”' }).click();
    expect(await shownStage()).toBe('assignment');
    expect(await firstAction()).toBe('分配评委');
    await page.getByRole('button', { name: '分配评委' }).click();
    await page.getByTestId('assign-report').getByText('每件作品都已分配足够的评委').waitFor();
    // assigned: opening is first now, with what it needs ticked off
    await page.getByTestId('next-step').getByText('下一步：开始评审').waitFor();
    expect(await firstAction()).toBe('开始评审');
    await page.getByTestId('open-checklist').getByText('已分配评委（12 条）').waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-stage-assigned.png') });
    await expectTouchTargets();

    // a reload opens the DRAFT on the same stage, opening first
    await page.goto(`${base}/org/round/${roundId}`);
    await page.getByTestId('round-status').waitFor();
    expect(await shownStage()).toBe('assignment');
    expect(await firstAction()).toBe('开始评审');
    await page.getByRole('button', { name: '开始评审' }).click();

    // OPEN: the progress, closing first
    await page.getByTestId('round-status').filter({ hasText: '评审中' }).waitFor();
    expect(await shownStage()).toBe('progress');
    expect(await firstAction()).toBe('结束评审');
    // 陈 scores all four entries, 黄 two, 梁 none: 6 of 12 sheets missing, 2 entries short
    const assignments = await app.sql<{ id: string; judge_id: string; entry_id: string }>(
      'SELECT id, judge_id, entry_id FROM assignments WHERE round_id = ? ORDER BY entry_id',
      [roundId],
    );
    expect(assignments).toHaveLength(12);
    const [chen, huang] = judges;
    const mine = (judgeId: string) => assignments.filter((a) => a.judge_id === judgeId);
    for (const [i, a] of [...mine(chen.id), ...mine(huang.id).slice(0, 2)].entries()) {
      const token = a.judge_id === chen.id ? chen.token : huang.token;
      const sheet = await app.gql(
        'mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){version}}',
        {
          input: {
            assignmentId: a.id,
            clientMutationId: randomUUID(),
            scores: [
              { criterionKey: 'design', value: 6 + (i % 4) },
              { criterionKey: 'craft', value: 7 },
            ],
          },
        },
        token,
      );
      expect(sheet.errors).toBeUndefined();
    }
    // no reload from here on: a mark on the window would be gone after one
    await page.evaluate(() => ((globalThis as any).__noReload = true));
    const notReloaded = () => page.evaluate(() => (globalThis as any).__noReload === true);

    await page.getByRole('button', { name: '结束评审' }).click();
    const warning = page.getByTestId('close-warning');
    await warning.getByRole('heading', { name: '还有 6 份评分未提交' }).waitFor();
    await warning.getByText('现在结束，2 件作品的评分少于 2 份，将没有名次和奖项。').waitFor();
    expect(await warning.getByTestId('owing-judges').locator('li').allInnerTexts()).toEqual([
      '评委 梁：还差 4 份（共 4 份）',
      '评委 黄：还差 2 份（共 4 份）',
    ]);
    // no reminder button: the app says it cannot send one
    await warning.getByText(/系统暂时不能给评委发提醒/).waitFor();
    expect(await warning.getByRole('button').allInnerTexts()).toEqual(['仍然结束评审', '暂不结束']);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-close-warning.png') });
    await expectTouchTargets();
    await switchLanguage();
    await warning.getByRole('heading', { name: '6 sheets are not submitted yet' }).waitFor();
    expect(await warning.getByTestId('owing-judges').locator('li').allInnerTexts()).toEqual([
      '评委 梁: 4 missing (of 4)',
      '评委 黄: 2 missing (of 4)',
    ]);
    await warning.getByText(/cannot send judges reminders yet/).waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-close-warning-en.png') });
    await switchLanguage();
    // waiting is a choice: nothing closes
    await warning.getByRole('button', { name: '暂不结束' }).click();
    await warning.waitFor({ state: 'detached' });
    const statusNow = await app.sql<{ status: string }>('SELECT status FROM rounds WHERE id = ?', [
      roundId,
    ]);
    expect(statusNow[0].status).toBe('OPEN');

    // closed anyway, with the worker held: CLOSED says it is tabulating, reopening is not first
    await tabulation.pause();
    try {
      await page.getByRole('button', { name: '结束评审' }).click();
      await warning.getByRole('button', { name: '仍然结束评审' }).click();
      await page.getByTestId('round-status').filter({ hasText: '已关闭' }).waitFor();
      expect(await shownStage()).toBe('results');
      await page.getByTestId('tabulating').waitFor();
      expect(
        await page.getByTestId('stage-panel').locator('> *').first().getAttribute('data-testid'),
      ).toBe('tabulating');
      expect(await page.getByRole('button', { name: '重新开启' }).isVisible()).toBe(false);
      await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-stage-closed.png') });
    } finally {
      await tabulation.resume();
    }

    // the worker tabulates; the page follows on its own
    await page
      .getByTestId('round-status')
      .filter({ hasText: '已计分' })
      .waitFor({ timeout: 30_000 });
    expect(await notReloaded()).toBe(true);
    expect(await shownStage()).toBe('results');
    await page.locator('table.results').first().waitFor();
    // an award and advancement are two marks, read as two words ("金奖 晋级", not "金奖晋级")
    const both = page
      .locator('table.results td')
      .filter({ hasText: '金奖' })
      .filter({ has: page.locator('.badge', { hasText: '晋级' }) });
    expect(await both.count()).toBeGreaterThan(0);
    expect(await both.first().innerText()).toBe('金奖 晋级');
    expect(await firstAction()).toBe('去发布公示');
    await page.getByTestId('next-step').getByText('下一步：核对结果，发布公示').waitFor();
    // reopening is there, folded away at the end
    const reopen = page.getByTestId('reopen');
    expect(await reopen.getByRole('button', { name: '重新开启' }).isVisible()).toBe(false);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-stage-tabulated.png') });
    await expectTouchTargets();
    await page.screenshot({
      path: join(WEB_ARTIFACTS, 'round-stage-tabulated-full.png'),
      fullPage: true,
    });
    const [closed] = await app.sql<{ status: string }>('SELECT status FROM rounds WHERE id = ?', [
      roundId,
    ]);
    expect(closed.status).toBe('TABULATED');

    // the settings of an open or judged round are shown in words, not as a form
    await page.getByTestId('stage-link-settings').click();
    const summary = page.getByTestId('settings-summary');
    await summary.getByText('平均分').waitFor();
    expect(await page.getByRole('form', { name: '保存修改' }).count()).toBe(0);

    // publishing is the next step; published, finalising is
    await page.getByTestId('stage-link-results').click();
    await page.getByRole('link', { name: '去发布公示' }).click();
    expect(await shownStage()).toBe('publication');
    expect(await firstAction()).toBe('发布公示');
    await page.getByRole('button', { name: '发布公示' }).click();
    await page.getByTestId('publication-1').locator('[data-status=NOTICE]').waitFor();
    await page
      .getByTestId('next-step')
      .getByText(/^公示中/)
      .waitFor();
    expect(await firstAction()).toBe('确认为最终结果');
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'round-stage-notice.png') });
    expect(await notReloaded()).toBe(true);
  });
});
