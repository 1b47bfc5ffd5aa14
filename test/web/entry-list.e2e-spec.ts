import ExcelJS from 'exceljs';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  CREATE_USER,
  entryInput,
  registerEnterprise,
  SCREEN_ENTRY,
  seedRegions,
  startWebTestApp,
  TestApp,
  WEB_ARTIFACTS,
  WebTestApp,
  watchContentSecurityPolicy,
} from '@app/testing';

const PASSWORD = 'correct horse battery';
const DESKTOP = { width: 1366, height: 768 };

/**
 * The organisers' entry list and audit log (issue 21) in Debian's chromium against the real API,
 * on a 1366×768 screen with the Content-Security-Policy watched: an organiser finds a workshop's
 * entries by part of its name, narrows them by a parent category, a city and a status, selects
 * the page and accepts it with a reason while a colleague has just accepted one of them (the
 * outcome names that one and why, in words); sorts by exhibit code; then reads the audit log
 * newest first, with its own name and the action in words, the JSON behind a disclosure, and
 * filters it by action. Each step is checked in the database too.
 */
describe('entry list and audit log (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  let browser: Browser;
  let event: CraftsEvent;
  let page: Page;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  const organiserEmail = `organiser-${randomUUID()}@example.com`;
  /** the workshop's entries, in filing order; the first two in TC-01, the rest in TC-02 */
  const workshopEntries: string[] = [];
  const titles = ['坭兴陶茶具', '坭兴陶花瓶', '坭兴陶笔筒', '坭兴陶香炉', '坭兴陶果盘'];
  let workshopEntrantId = '';

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base, browser } = web);
    await seedRegions(app);
    const admin = await app.adminToken();
    const created = await app.gql(
      CREATE_USER,
      {
        input: {
          email: organiserEmail,
          password: PASSWORD,
          name: '主办 王',
          role: 'ORGANISER',
        },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    event = await craftsEvent(app, `crafts-office-web-${randomUUID().slice(0, 8)}`, {
      maxEntriesPerEntrant: 50,
    });
    const workshop = await registerEnterprise(app, '450700', '钦州坭兴陶艺工坊');
    workshopEntrantId = workshop.entrantId;
    const studio = await registerEnterprise(app, '450200', '柳州竹编研究所');
    const file = async (entrantId: string, categoryId: string, title: string) => {
      const res = await app.gql(
        CREATE_ENTRY,
        { input: { eventId: event.eventId, entrantId, entry: entryInput(categoryId, { title }) } },
        admin,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.createEntry.id as string;
    };
    for (const [i, title] of titles.entries()) {
      const leaf = i < 2 ? event.leaf['TC-01'] : event.leaf['TC-02'];
      workshopEntries.push(await file(workshop.entrantId, leaf, title));
    }
    // the same words in another entrant's titles, another city and category: filtered out
    await file(studio.entrantId, event.leaf['BZ-01'], '竹编坭兴陶纹样提篮');
    await file(studio.entrantId, event.leaf['TC-01'], '柳州坭兴陶仿品');
    await file(workshop.entrantId, event.leaf['BZ-01'], '工坊竹编茶席');
    // Submitted by hand: photos and the submission window are the entrant screens' tests.
    await app.sql(
      "UPDATE entries SET status = 'SUBMITTED', submitted_at = NOW(3) WHERE event_id = ?",
      [event.eventId],
    );
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    contexts.push(context);
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => problems.push(String(error)));
    await watchContentSecurityPolicy(page, problems);
  });

  afterEach(() => expect(problems.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  const rows = () => page.locator('table.entries tbody tr');

  /** Every control of the page is at least 44 px tall and wide (a checkbox by its label). */
  async function expectTouchTargets() {
    // runs in the browser: `document` is the page's (the tests are type-checked without DOM)
    const small = await page.evaluate(() =>
      [
        ...(globalThis as any).document.querySelectorAll(
          'main button, main a, main input, main select',
        ),
      ]
        .map((el: any) => {
          const target = el.type === 'checkbox' ? el.closest('label') : el;
          const box = target ? target.getBoundingClientRect() : { width: 0, height: 1 };
          return { what: String(el.outerHTML).slice(0, 60), w: box.width, h: box.height };
        })
        .filter((b: { w: number; h: number }) => b.h > 0 && (b.h < 44 || b.w < 44)),
    );
    expect(small).toEqual([]);
  }
  /** Waits until the audit table shows `n` rows (checked in the browser, without DOM types). */
  const auditRows = (n: number) =>
    page.waitForFunction(
      (count) =>
        (globalThis as any).document.querySelectorAll('table.audit tbody tr').length === count,
      n,
    );
  const statusOf = async (ids: string[]) =>
    (
      await app.sql<{ id: string; status: string; code: string | null; reason: string | null }>(
        `SELECT id, status, code, screening_reason AS reason FROM entries WHERE id IN (${ids
          .map(() => '?')
          .join(', ')})`,
        ids,
      )
    ).sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));

  it('finds a workshop’s entries by its name, narrowed by category, city and status', async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(organiserEmail);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL(`${base}/org`);
    await page.goto(`${base}/org/event/${event.eventId}`);
    await page.getByRole('navigation', { name: '活动栏目' }).waitFor();
    await page.getByRole('link', { name: '作品列表' }).click();
    await page.getByRole('heading', { name: '作品列表', level: 1 }).waitFor();
    expect(await page.title()).toBe('作品列表 · 评审平台');
    await page.getByText('共 8 件，第 1 页').waitFor();

    await page.getByLabel('查找').fill('坭兴陶艺');
    await page.getByText('共 6 件，第 1 页').waitFor(); // the workshop's six, by its name
    await page.getByRole('combobox', { name: /^类别/ }).selectOption({ label: 'TC 陶瓷' }); // a parent: its children
    await page.getByText('共 5 件，第 1 页').waitFor();
    await page.getByRole('combobox', { name: /^地区/ }).selectOption({ label: '钦州市' });
    await page.getByRole('combobox', { name: /^状态/ }).selectOption({ label: '已提交' });
    await page.getByText('共 5 件，第 1 页').waitFor();
    expect(await rows().count()).toBe(5);
    const table = await page.locator('table.entries').innerText();
    expect(table).toContain('钦州市');
    expect(table).toContain('钦州坭兴陶艺工坊');
    expect(table).toContain('已提交');
    expect(table).not.toMatch(/450700|SUBMITTED|TC-02 /);
    // another city: none
    await page.getByRole('combobox', { name: /^地区/ }).selectOption({ label: '柳州市' });
    await page.getByText('共 0 件，第 1 页').waitFor();
    await page.getByText('没有符合条件的作品').waitFor();
    await page.getByRole('combobox', { name: /^地区/ }).selectOption({ label: '钦州市' });
    await page.getByText('共 5 件，第 1 页').waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'entry-list-filtered.png'), fullPage: true });
    await expectTouchTargets();

    // the workbook of the city chosen, every status and title (the other filters stay on screen)
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载作品表（Excel）' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const cities: string[] = [];
    workbook.getWorksheet('entries')!.eachRow((row, n) => {
      if (n > 1) cities.push(String(row.getCell(4).value));
    });
    expect(cities).toEqual(Array(workshopEntries.length + 1).fill('钦州市'));
  });

  it('accepts the selected page with a reason, and names the one a colleague took first', async () => {
    await page.getByLabel('选择本页全部作品').check();
    await page.getByText('已选 5 件').first().waitFor();
    await page.getByLabel('理由（退回时必填，参展单位可见）').fill('材料齐全，予以通过');
    // meanwhile a colleague accepts one of them
    const taken = workshopEntries[2];
    const colleague = await app.gql(
      SCREEN_ENTRY,
      { id: taken, d: 'ACCEPT' },
      await app.adminToken(),
    );
    expect(colleague.errors).toBeUndefined();
    await page.getByRole('button', { name: '通过所选 5 件' }).click();
    const outcome = page.getByTestId('bulk-outcome');
    await outcome.getByText('已通过 4 件。').waitFor();
    await outcome.getByText('1 件未处理：').waitFor();
    const line = await outcome.locator('li').innerText();
    // named as the list showed it (still without a code), and why, with its status now
    expect(line).toBe('坭兴陶笔筒：只有已提交的作品可以审核（现为已通过）');
    expect(await outcome.innerText()).not.toMatch(/INVALID_TRANSITION|CONFLICT|ACCEPTED/);
    await expectTouchTargets();
    await page.screenshot({
      path: join(WEB_ARTIFACTS, 'entry-list-bulk-accepted.png'),
      fullPage: true,
    });

    const stored = await statusOf(workshopEntries);
    expect(stored.map((e) => e.status)).toEqual(Array(5).fill('ACCEPTED'));
    expect(stored.filter((e) => e.reason === '材料齐全，予以通过').map((e) => e.id)).toEqual(
      workshopEntries.filter((id) => id !== taken),
    );
    expect(new Set(stored.map((e) => e.code)).size).toBe(5);
    // the list follows: none of them is still waiting
    await page.getByText('共 0 件，第 1 页').waitFor();
  });

  it('sorts by exhibit code, either way', async () => {
    await page.getByRole('combobox', { name: /^状态/ }).selectOption({ label: '已通过' });
    await page.getByRole('combobox', { name: /^排序/ }).selectOption({ label: '展品编号' });
    await page.getByText('共 5 件，第 1 页').waitFor();
    const codes = async () =>
      (await page.locator('table.entries tbody td.code').allInnerTexts()).map((c) => c.trim());
    const up = await codes();
    expect(up).toEqual([...up].sort());
    await page.getByLabel('倒序').check();
    // runs in the browser (the tests are type-checked without DOM)
    await page.waitForFunction(
      (first) =>
        (globalThis as any).document.querySelector('table.entries tbody td.code')?.textContent !==
        first,
      up[0],
    );
    expect(await codes()).toEqual([...up].reverse());
  });

  it('reads the audit log newest first, with the actor’s name and the action in words', async () => {
    await page.getByRole('link', { name: '审计日志' }).click();
    await page.getByRole('heading', { name: '审计日志', level: 1 }).waitFor();
    const first = page.locator('table.audit tbody tr').first();
    await first.getByText('审核通过').waitFor();
    expect(await page.getByLabel('最新的在前').isChecked()).toBe(true);
    // the newest: the organiser's last acceptance, by name and role, never an id or a key
    const newest = await first.innerText();
    expect(newest).toContain('主办 王');
    expect(newest).toContain('主办方');
    expect(newest).toContain('作品');
    expect(await page.locator('table.audit tbody').innerText()).not.toMatch(
      /entry\.accepted|entry\.created|event\.status|ORGANISER/,
    );
    const [{ id: lastAccepted }] = await app.sql<{ id: string }>(
      `SELECT subject_id AS id FROM audit_records WHERE event_id = ? AND action = 'entry.accepted'
        ORDER BY seq DESC LIMIT 1`,
      [event.eventId],
    );
    const [{ code }] = await app.sql<{ code: string }>('SELECT code FROM entries WHERE id = ?', [
      lastAccepted,
    ]);
    // the subject by its exhibit code (AuditRecord.subjectLabel), not by a short id
    expect(await first.getByTestId('audit-subject-label').innerText()).toBe(code);
    // the JSON behind a disclosure
    const detail = first.locator('details');
    expect(await detail.locator('pre').isVisible()).toBe(false);
    await detail.getByText('查看明细').click();
    await detail.locator('pre').waitFor();
    expect(await detail.locator('pre').innerText()).toContain(`"code": "${code}"`);
    await page.screenshot({
      path: join(WEB_ARTIFACTS, 'audit-log-newest-first.png'),
      fullPage: true,
    });
    await expectTouchTargets();

    // by action: the five acceptances (four by the organiser, one by the administrator)
    await page.getByRole('combobox', { name: /^操作/ }).selectOption({ label: '审核通过' });
    await auditRows(5);
    const actors = await page.locator('table.audit tbody tr td:nth-child(2)').allInnerTexts();
    expect(actors.filter((a) => a.includes('主办 王'))).toHaveLength(4);
    // one subject's history, oldest last
    await first.getByRole('button', { name: '只看此对象' }).click();
    await page.getByTestId('audit-subject').waitFor();
    await auditRows(1);
    await page.getByRole('combobox', { name: /^操作/ }).selectOption({ label: '全部操作' });
    await auditRows(2);
    const history = await page.locator('table.audit tbody tr td:nth-child(3)').allInnerTexts();
    expect(history).toEqual(['审核通过', '登记作品']);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'audit-log-subject.png'), fullPage: true });
    await expectTouchTargets();
  });

  it('selects only what can be screened: a draft or a screened entry is marked, not ticked', async () => {
    const admin = await app.adminToken();
    const file = async (title: string) => {
      const res = await app.gql(
        CREATE_ENTRY,
        {
          input: {
            eventId: event.eventId,
            entrantId: workshopEntrantId,
            entry: entryInput(event.leaf['TC-01'], { title }),
          },
        },
        admin,
      );
      expect(res.errors).toBeUndefined();
      return res.data!.createEntry.id as string;
    };
    await file('坭兴陶草稿壶'); // stays a draft
    const submitted = await file('坭兴陶待审碗');
    await app.sql("UPDATE entries SET status = 'SUBMITTED', submitted_at = NOW(3) WHERE id = ?", [
      submitted,
    ]);
    await page.goto(`${base}/org/event/${event.eventId}/entries`);
    await page.getByRole('heading', { name: '作品列表', level: 1 }).waitFor();
    await page.getByLabel('查找').fill('坭兴陶艺');
    await page.getByRole('combobox', { name: /^类别/ }).selectOption({ label: 'TC 陶瓷' });
    // the workshop's five accepted, its draft and its one submitted entry
    await page.getByText('共 7 件，第 1 页').waitFor();
    await page.getByTestId('selectable-count').getByText('本页 7 件中 1 件可审核').waitFor();

    await page.getByLabel('选择本页全部作品').check();
    await page.getByText('已选 1 件').first().waitFor();
    await page.getByRole('button', { name: '通过所选 1 件' }).waitFor();
    expect(await page.getByLabel('选择《坭兴陶待审碗》').isChecked()).toBe(true);
    // the others cannot be ticked, and say why in words
    const draft = page.getByLabel('《坭兴陶草稿壶》现为草稿，不能审核');
    expect(await draft.isDisabled()).toBe(true);
    expect(await draft.isChecked()).toBe(false);
    const accepted = page.getByLabel('《坭兴陶茶具》现为已通过，不能审核');
    expect(await accepted.isDisabled()).toBe(true);
    expect(await accepted.locator('xpath=..').getAttribute('title')).toBe(
      '《坭兴陶茶具》现为已通过，不能审核',
    );
    expect(await page.locator('table.entries tbody input:disabled').count()).toBe(6);
    await expectTouchTargets();
    await page.screenshot({
      path: join(WEB_ARTIFACTS, 'entry-list-select-screenable.png'),
      fullPage: true,
    });
    // taken out again: nothing left selected
    await page.getByLabel('选择本页全部作品').uncheck();
    expect(await page.getByText('已选').count()).toBe(0);
  });
});
