import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Page } from 'playwright-core';
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
const CREATE_PANEL = 'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}';
const ASSIGN = 'mutation($id:ID!){assignJudges(roundId:$id){assignments}}';
const OPEN = 'mutation($id:ID!){openRound(roundId:$id){status}}';
const DEACTIVATE = 'mutation($id:ID!){deactivateUser(id:$id){active}}';
const MINE = 'query($r:ID!){myAssignments(roundId:$r){id entry{id}}}';

/**
 * A panel edited in place on the round's panels stage, and an unscored assignment moved to
 * another judge on the assignment stage (issue 21), as an organiser does it in Debian's
 * chromium on a 1366×768 screen against the real API: deactivated judges are not offered, a
 * refusal reads in Chinese (and English), the picker says why a judge cannot take the entry.
 */
describe('editing a panel and moving an assignment (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  let page: Page;
  let admin: string;
  let roundId: string;
  let panelId: string;
  let entrantId: string;
  const judges: Record<string, { id: string; token: string }> = {};
  const pageErrors: string[] = [];

  async function judge(name: string) {
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

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base } = web);
    const seeded = await craftsEventWithEntries(app, 'panel-moves', 3);
    admin = seeded.admin;
    entrantId = seeded.entrant.entrantId;
    for (const name of ['评委 陈', '评委 黄', '评委 梁', '评委 林', '评委 吴']) await judge(name);
    // 林 works for the entrant; 吴's account is deactivated
    await app.sql('UPDATE users SET affiliation_entrant_id = ? WHERE id = ?', [
      entrantId,
      judges['评委 林'].id,
    ]);
    expect((await app.gql(DEACTIVATE, { id: judges['评委 吴'].id }, admin)).errors).toBeUndefined();
    const round = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId: seeded.event.eventId,
          name: '初评',
          criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 10, step: 0.5 }],
          judgesPerEntry: 2,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    roundId = round.data!.createRound.id as string;
    const panel = await app.gql(
      CREATE_PANEL,
      {
        input: {
          roundId,
          name: '陶瓷组',
          categoryIds: [seeded.event.parent.TC],
          judgeIds: [judges['评委 陈'].id, judges['评委 黄'].id],
        },
      },
      admin,
    );
    panelId = panel.data!.createPanel.id as string;
    expect((await app.gql(ASSIGN, { id: roundId }, admin)).errors).toBeUndefined();
    expect((await app.gql(OPEN, { id: roundId }, admin)).errors).toBeUndefined();

    page = await organiserPage(web, pageErrors, { viewport: VIEWPORT, locale: 'zh-CN' });
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  const seats = async () =>
    (
      await app.sql<{ judge_id: string }>(
        'SELECT judge_id FROM panel_judges WHERE panel_id = ? ORDER BY position',
        [panelId],
      )
    ).map((r) => r.judge_id);

  /** Controls at least 44 px both ways (a checkbox or radio by the label that is its target). */
  async function expectTouchTargets() {
    // runs in the browser: `document` is the page's (the tests are type-checked without DOM)
    const small = await page.evaluate(() =>
      [
        ...(globalThis as any).document.querySelectorAll(
          'main button, main a, main input, main select',
        ),
      ]
        .map((el: any) => {
          const boxed = el.tagName === 'INPUT' && (el.type === 'checkbox' || el.type === 'radio');
          const box = (boxed ? el.closest('label') : el).getBoundingClientRect();
          return { what: String(el.outerHTML).slice(0, 80), w: box.width, h: box.height };
        })
        .filter((b: { w: number; h: number }) => b.w > 0 && (b.h < 44 || b.w < 44)),
    );
    expect(small).toEqual([]);
  }

  it('edits a panel in place: a deactivated judge is not offered, a judge with work cannot be removed (said in words), the rest saves', async () => {
    await page.goto(`${base}/org/round/${roundId}?stage=panels`);
    const row = page.getByTestId('panel-row');
    await row.getByRole('button', { name: '编辑评审组“陶瓷组”' }).click();
    const form = page.getByRole('form', { name: '编辑评审组“陶瓷组”' });
    await form.waitFor();
    await expect(form.getByText('评审进行中：可以改名').isVisible()).resolves.toBe(true);
    // the judges offered: the active ones; 吴 (deactivated) is only counted
    await expect(form.getByLabel('评委 吴').count()).resolves.toBe(0);
    await form.getByText('另有 1 位评委的账号已停用').waitFor();
    await form.getByLabel('评审组名称').fill('陶瓷一组');
    await form.getByLabel('评委 梁').check();
    await form.getByLabel('评委 陈').uncheck();
    await form.getByRole('button', { name: '保存修改' }).click();
    const refusal = form.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('这位评委还有未评或已评的作品，不能移出评审组');
    expect(await refusal.textContent()).toContain('涉及：评委 陈');
    expect(await refusal.textContent()).not.toMatch(/[A-Z]{4,}_|judge who still/);
    expect(await seats()).toEqual([judges['评委 陈'].id, judges['评委 黄'].id]);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'panel-edit-refused.png'), fullPage: true });

    await form.getByLabel('评委 陈').check();
    await expectTouchTargets();
    await form.getByRole('button', { name: '保存修改' }).click();
    await page.getByText('评审组已保存').waitFor();
    await row.getByText('陶瓷一组').waitFor();
    await row.getByText('评委 梁').waitFor();
    expect((await seats()).sort()).toEqual(
      [judges['评委 陈'].id, judges['评委 黄'].id, judges['评委 梁'].id].sort(),
    );
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'panel-edit-saved.png'), fullPage: true });
  });

  it('moves an unscored assignment: the picker offers who may take it and says why the others cannot', async () => {
    // 林 (who works for the entrant) joins the panel too, so the picker has a conflict to show
    const added = await app.gql(
      'mutation($id:ID!,$input:UpdatePanelInput!){updatePanel(id:$id,input:$input){id}}',
      { id: panelId, input: { judgeIds: [...(await seats()), judges['评委 林'].id] } },
      admin,
    );
    expect(added.errors).toBeUndefined();
    await page.goto(`${base}/org/round/${roundId}?stage=assignment`);
    const section = page.getByRole('region', { name: '移交评审任务' });
    await section
      .locator('label.field', { hasText: '评委' })
      .locator('select')
      .selectOption({ label: '评委 陈（陶瓷一组）' });
    const table = section.getByTestId('held-assignments');
    await table.waitFor();
    await expect(table.locator('tbody tr').count()).resolves.toBe(3);
    await table.getByRole('button', { name: '移交…' }).first().click();
    const candidates = section.getByTestId('move-candidate');
    await candidates.first().waitFor();
    await candidates.filter({ hasText: '评委 梁' }).waitFor();
    const texts = await candidates.allTextContents();
    expect(texts.find((t) => t.includes('评委 梁'))).toContain('待评 0 件');
    expect(texts.find((t) => t.includes('评委 林'))).toContain(
      '不能接手：与该作品的参展单位有回避关系',
    );
    expect(texts.find((t) => t.includes('评委 黄'))).toContain('不能接手：已分配到这件作品');
    expect(texts.join('')).not.toMatch(/[A-Z]{4,}_/);
    await expect(section.getByRole('radio', { name: /评委 林/ }).isDisabled()).resolves.toBe(true);
    await expectTouchTargets();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'move-assignment-picker.png') });

    // the same refusals in English
    await page.locator('header button[lang]').click();
    await page
      .getByTestId('move-candidate')
      .filter({ hasText: "cannot take it: conflict of interest with the entry's entrant" })
      .waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'move-assignment-picker-en.png') });
    await page.locator('header button[lang]').click();
    await section.getByText('与该作品的参展单位有回避关系').waitFor();

    await section.getByRole('radio', { name: /评委 梁/ }).check();
    await section.getByLabel('移交原因（选填）').fill('陈老师请假');
    await section.getByRole('button', { name: '确认移交' }).click();
    await section.getByText('已移交给 评委 梁').waitFor();
    // the list is read again: the moved entry leaves it
    await table.locator('tbody tr').nth(2).waitFor({ state: 'detached' });
    await expect(table.locator('tbody tr').count()).resolves.toBe(2);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'move-assignment-done.png') });

    const mine = async (name: string) =>
      ((await app.gql(MINE, { r: roundId }, judges[name].token)).data!.myAssignments as unknown[])
        .length;
    expect(await mine('评委 陈')).toBe(2);
    expect(await mine('评委 梁')).toBe(1);
    const [record] = await app.sql<{ detail: string }>(
      "SELECT detail FROM audit_records WHERE action = 'assignment.moved'",
    );
    expect(JSON.parse(record.detail)).toMatchObject({
      fromJudgeId: judges['评委 陈'].id,
      toJudgeId: judges['评委 梁'].id,
      reason: '陈老师请假',
    });
  });
});
