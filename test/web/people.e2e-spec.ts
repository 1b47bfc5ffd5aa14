import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  craftsEventWithEntries,
  CREATE_USER,
  seedRegions,
  startWebTestApp,
  TestApp,
  WEB_ARTIFACTS,
  WebTestApp,
  watchContentSecurityPolicy,
} from '@app/testing';

const PASSWORD = 'correct horse battery';
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const TEMPORARY = /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/;

/**
 * The people screen (issue 21) in Debian's chromium against the real API: an organiser lists
 * judges, coordinators (by their city's name) and organisers with their state and last sign-in,
 * filters by role, creates a judge, deactivates and reactivates it, resets its password (the
 * temporary one shown once); the judge signs in with it on a phone and must set a new one
 * first. On a 1366×768 screen and a 390×844 phone, in Chinese and English, with the
 * Content-Security-Policy watched. Each step is checked in the database too.
 */
describe('people (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  let browser: Browser;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  let organiserEmail: string;
  let peerEmail: string;
  let coordinatorEmail: string;
  let otherJudgeEmail: string;
  let organiserPage: Page;
  /** the judge the organiser creates in the browser */
  const judgeEmail = `judge-${randomUUID()}@example.com`;
  let judgePassword = '';

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base, browser } = web);
    await seedRegions(app);
    organiserEmail = await createUser('ORGANISER', '主办 王');
    peerEmail = await createUser('ORGANISER', '主办 李');
    coordinatorEmail = await createUser('COORDINATOR', '协调员 黄', { regionCode: '450100' });
    otherJudgeEmail = await createUser('JUDGE', '评委 周');
    organiserPage = await newPage(DESKTOP);
  });

  afterEach(() => expect(problems.splice(0)).toEqual([]));

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

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => problems.push(String(error)));
    await watchContentSecurityPolicy(page, problems);
    // every confirm() of the screen: the organiser says yes
    page.on('dialog', (dialog) => void dialog.accept());
    return page;
  }

  async function signIn(page: Page, email: string, password = PASSWORD) {
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
  }

  const row = (page: Page, email: string) => page.locator(`tr[data-person="${email}"]`);

  const user = async (email: string) =>
    (
      await app.sql<{ id: string; active: number; must: number; role: string }>(
        'SELECT id, active, must_change_password AS must, role FROM users WHERE email = ?',
        [email],
      )
    )[0];

  const actions = async (email: string) =>
    (
      await app.sql<{ action: string }>(
        `SELECT r.action FROM user_admin_records r JOIN users u ON u.id = r.user_id
          WHERE u.email = ? ORDER BY r.at, r.action`,
        [email],
      )
    ).map((r) => r.action);

  /** Nothing of the page is wider than the window (no sideways scrolling on a phone). */
  async function expectNoSidewaysScroll(page: Page) {
    const widths = await page.evaluate(() => {
      const doc = (globalThis as any).document.documentElement;
      return { scroll: doc.scrollWidth as number, client: doc.clientWidth as number };
    });
    expect(widths.scroll).toBeLessThanOrEqual(widths.client);
  }

  /**
   * Every control of the page is at least 44 px tall and wide (a checkbox by its label), the
   * touch target of the portal's other screens.
   */
  async function expectTouchTargets(page: Page) {
    // runs in the browser: `document` is the page's (the tests are type-checked without DOM)
    const small = await page.evaluate(() =>
      [
        ...(globalThis as any).document.querySelectorAll(
          'main button, main a, main input, main select, header button, header a',
        ),
      ]
        .map((el: any) => {
          const target = el.type === 'checkbox' ? el.closest('label') : el;
          const box = target.getBoundingClientRect();
          return { what: String(el.outerHTML).slice(0, 60), w: box.width, h: box.height };
        })
        .filter((b: { w: number; h: number }) => b.w > 0 && (b.h < 44 || b.w < 44)),
    );
    expect(small).toEqual([]);
  }

  it('lists people with role, city, state and last sign-in; filters by role', async () => {
    const page = organiserPage;
    await signIn(page, organiserEmail);
    await page.getByRole('link', { name: '人员' }).click();
    await page.getByRole('heading', { name: '人员', level: 1 }).waitFor();
    expect(await page.title()).toBe('人员 · 评审平台');

    const coordinator = row(page, coordinatorEmail);
    await coordinator.getByText('南宁市').waitFor();
    expect(await coordinator.textContent()).not.toContain('450100');
    await coordinator.getByText('地区协调员').waitFor();
    await coordinator.getByText('从未登录').waitFor();
    await coordinator.getByText('在用').waitFor();
    // the organiser itself: marked, signed in just now, no actions on its own row
    const own = row(page, organiserEmail);
    await own.getByText('（您本人）').waitFor();
    expect(await own.getByText('从未登录').count()).toBe(0);
    expect(await own.getByRole('button').count()).toBe(0);
    // another organiser: an organiser may not act on it
    await row(page, peerEmail).waitFor();
    expect(await row(page, peerEmail).getByRole('button').count()).toBe(0);
    // a judge and a coordinator: it may
    await page.getByRole('button', { name: '停用 评委 周' }).waitFor();
    await page.getByRole('button', { name: '重置 协调员 黄 的密码' }).waitFor();

    await page.getByLabel('按角色查看').selectOption('JUDGE');
    await row(page, otherJudgeEmail).waitFor();
    await row(page, coordinatorEmail).waitFor({ state: 'detached' });
    expect(await page.locator('tbody tr[data-person]').count()).toBe(1);
    await page.getByLabel('按角色查看').selectOption('');
    await row(page, coordinatorEmail).waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'people-list.png'), fullPage: true });
    await expectTouchTargets(page);
  });

  it('creates a judge with a proposed first password, to be changed at the first sign-in', async () => {
    const page = organiserPage;
    const form = page.locator('form', { has: page.getByRole('button', { name: '创建账号' }) });
    await form.getByLabel('姓名').fill('评委 陈');
    await form.getByLabel('邮箱').fill(judgeEmail);
    // an organiser creates judges and coordinators only
    const roles = await form.getByLabel('角色').locator('option').allTextContents();
    expect(roles).toEqual(['评委', '地区协调员']);
    await form.getByLabel('角色').selectOption('COORDINATOR');
    await form.getByLabel('地区').selectOption({ label: '钦州市' });
    await form.getByLabel('角色').selectOption('JUDGE');
    expect(await form.getByLabel('地区').count()).toBe(0);
    judgePassword = await form.getByLabel('初始密码').inputValue();
    expect(judgePassword).toMatch(TEMPORARY);
    expect(await form.getByLabel('首次登录时须修改密码').isChecked()).toBe(true);
    await form.getByRole('button', { name: '创建账号' }).click();

    const notice = page.getByRole('status').filter({ hasText: '初始密码' });
    await notice.getByText(`已创建 评委 陈（${judgeEmail}）的账号。`).waitFor();
    expect(await notice.locator('[data-secret]').textContent()).toBe(judgePassword);
    await row(page, judgeEmail).waitFor();
    expect(await user(judgeEmail)).toMatchObject({ role: 'JUDGE', active: 1, must: 1 });
    expect(await actions(judgeEmail)).toEqual(['CREATED']);
    await notice.getByRole('button', { name: '关闭' }).click();
    await notice.waitFor({ state: 'detached' });

    // the same email again: refused in words; editing another field leaves the refusal, editing
    // the email takes it away (it no longer concerns what is typed)
    await form.getByLabel('姓名').fill('评委 陈二');
    await form.getByLabel('邮箱').fill(judgeEmail);
    await form.getByRole('button', { name: '创建账号' }).click();
    const taken = form.getByRole('alert').filter({ hasText: '这个邮箱已经注册过' });
    await taken.waitFor();
    await form.getByLabel('姓名').fill('评委 陈三');
    expect(await taken.isVisible()).toBe(true);
    await form.getByLabel('邮箱').fill(`other-${judgeEmail}`);
    await taken.waitFor({ state: 'detached' });
    expect(await form.getByRole('alert').count()).toBe(0);
    expect(await user(`other-${judgeEmail}`)).toBeUndefined();
    await form.getByLabel('姓名').fill('');
    await form.getByLabel('邮箱').fill('');
  });

  it('deactivates (its token refused at once) and reactivates, each confirmed and recorded', async () => {
    const page = organiserPage;
    const { id } = await user(judgeEmail);
    // the judge's own sign-in through the API, before the change
    const signedIn = await app.gql(
      'mutation($e:String!,$p:String!){login(email:$e,password:$p){token}}',
      { e: judgeEmail, p: judgePassword },
    );
    const token = signedIn.data!.login.token;

    await page.getByRole('button', { name: '停用 评委 陈' }).click();
    await row(page, judgeEmail).getByText('已停用').waitFor();
    expect(await user(judgeEmail)).toMatchObject({ id, active: 0 });
    const refused = await app.gql('{me{id}}', {}, token);
    expect(refused.errors?.[0].extensions).toMatchObject({ reason: 'ACCOUNT_DEACTIVATED' });
    // the records under the list say it, newest first, in words
    const records = page.locator('.people-records tbody tr');
    await records.first().getByText('停用账号').waitFor();
    expect(await records.first().textContent()).toContain('主办 王');

    await page.getByRole('button', { name: '恢复 评委 陈' }).click();
    await row(page, judgeEmail).getByText('在用').waitFor();
    expect(await user(judgeEmail)).toMatchObject({ active: 1 });
    expect(await actions(judgeEmail)).toEqual(['CREATED', 'DEACTIVATED', 'REACTIVATED']);
  });

  it('resets a password: the temporary one shown once; the judge must change it on its phone', async () => {
    const page = organiserPage;
    await page.getByRole('button', { name: '重置 评委 陈 的密码' }).click();
    const notice = page.getByRole('status').filter({ hasText: '评委 陈 的临时密码' });
    await notice.waitFor();
    const temporary = (await notice.locator('[data-secret]').textContent())!;
    expect(temporary).toMatch(TEMPORARY);
    expect(temporary).not.toBe(judgePassword);
    await notice.getByText('只显示这一次').waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'people-reset.png') });
    expect(await actions(judgeEmail)).toEqual([
      'CREATED',
      'DEACTIVATED',
      'REACTIVATED',
      'PASSWORD_RESET',
    ]);
    await notice.getByRole('button', { name: '关闭' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await page.getByText(temporary).count()).toBe(0);

    const phone = await newPage(PHONE);
    // the old password no longer opens it
    await signIn(phone, judgeEmail, judgePassword);
    await phone.getByText('邮箱或密码不正确').waitFor();
    await signIn(phone, judgeEmail, temporary);
    await phone.getByRole('heading', { name: '请设置新密码' }).waitFor();
    await expectNoSidewaysScroll(phone);
    await phone.screenshot({ path: join(WEB_ARTIFACTS, 'people-change-password-phone.png') });
    await phone.getByLabel('临时密码（当前密码）').fill(temporary);
    await phone.getByLabel('新密码', { exact: true }).fill('陈的新密码 2026');
    await phone.getByLabel('再次输入新密码').fill('陈的新密码 2027');
    await phone.getByRole('button', { name: '保存新密码' }).click();
    await phone.getByText('两次输入的新密码不一致').waitFor();
    await phone.getByLabel('再次输入新密码').fill('陈的新密码 2026');
    await phone.getByRole('button', { name: '保存新密码' }).click();
    await phone.getByRole('heading', { name: '我的评审轮次' }).waitFor();
    expect(await user(judgeEmail)).toMatchObject({ must: 0 });
    await row(page, judgeEmail).waitFor();
  });

  it('a deactivated person is told so at sign-in', async () => {
    await organiserPage.getByRole('button', { name: '停用 评委 陈' }).click();
    await row(organiserPage, judgeEmail).getByText('已停用').waitFor();
    const phone = await newPage(PHONE);
    await signIn(phone, judgeEmail, '陈的新密码 2026');
    await phone.getByText('这个账号已被停用，请联系主办方').waitFor();
  });

  it('fits a 390×844 phone as one card per person, and speaks English', async () => {
    const phone = await newPage(PHONE);
    await signIn(phone, organiserEmail);
    await phone.getByRole('heading', { name: '活动', level: 1 }).waitFor();
    await phone.goto(`${base}/org/people`);
    await phone.getByRole('heading', { name: '人员', level: 1 }).waitFor();
    await row(phone, judgeEmail).getByText('已停用').waitFor();
    await expectNoSidewaysScroll(phone);
    // each person a card: its row as wide as the table, the labels shown beside the values
    const box = await row(phone, judgeEmail).boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.width).toBeLessThanOrEqual(PHONE.width);
    await phone.getByRole('button', { name: '恢复 评委 陈' }).waitFor();
    await phone.screenshot({ path: join(WEB_ARTIFACTS, 'people-phone.png'), fullPage: true });
    await expectTouchTargets(phone);
    // a row without actions (the viewer's own) shows no empty "操作" line
    expect(await row(phone, organiserEmail).getByText('操作').count()).toBe(0);

    await phone.getByRole('button', { name: '语言' }).click();
    await phone.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    expect(await phone.title()).toBe('People · Judging platform');
    await row(phone, judgeEmail).getByText('Deactivated').waitFor();
    await row(phone, coordinatorEmail).getByText('Regional coordinator').waitFor();
    await phone.getByRole('button', { name: 'Reactivate 评委 陈' }).waitFor();
    await phone.getByRole('heading', { name: 'Recent account changes' }).waitFor();
    await expectNoSidewaysScroll(phone);
    await phone.screenshot({ path: join(WEB_ARTIFACTS, 'people-phone-en.png'), fullPage: true });

    await organiserPage.getByRole('button', { name: '语言' }).click();
    await organiserPage.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    await organiserPage.getByRole('columnheader', { name: 'Last sign-in' }).waitFor();
    await organiserPage.screenshot({ path: join(WEB_ARTIFACTS, 'people-list-en.png') });
  });

  it('a judge who still owes sheets: the organiser sees how many, per open round, and where to move them; deactivating stays possible', async () => {
    const owingEmail = await createUser('JUDGE', '评委 吴');
    const { id: judgeId } = await user(owingEmail);
    const { admin, event } = await craftsEventWithEntries(app, 'people-owed', 2);
    const ok = async (query: string, variables: Record<string, unknown>) => {
      const res = await app.gql(query, variables, admin);
      expect(res.errors).toBeUndefined();
      return res.data!;
    };
    const rounds: string[] = [];
    for (const name of ['初评（人员）', '复评（人员）']) {
      const input = {
        eventId: event.eventId,
        name,
        criteria: [{ key: 'overall', name: '综合', weight: 100, maxScore: 100, step: 1 }],
        judgesPerEntry: 1,
        aggregation: 'MEAN',
        rankingScope: 'CATEGORY',
      };
      const id = (
        await ok('mutation($input:CreateRoundInput!){createRound(input:$input){id}}', { input })
      ).createRound.id as string;
      const panel = {
        roundId: id,
        name: '陶瓷组',
        categoryIds: [event.parent.TC],
        judgeIds: [judgeId],
      };
      await ok('mutation($input:CreatePanelInput!){createPanel(input:$input){id}}', {
        input: panel,
      });
      await ok('mutation($id:ID!){assignJudges(roundId:$id){assignments}}', { id });
      await ok('mutation($id:ID!){openRound(roundId:$id){status}}', { id });
      rounds.push(id);
    }

    const page = await newPage(DESKTOP);
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => dialogs.push(dialog.message()));
    await signIn(page, organiserEmail);
    await page.getByRole('heading', { name: '活动', level: 1 }).waitFor();
    await page.goto(`${base}/org/people`);
    await page.getByRole('button', { name: '停用 评委 吴' }).click();
    const notice = page.getByRole('alertdialog');
    await notice.getByRole('heading', { name: '评委 吴 还有 4 份评分未完成' }).waitFor();
    expect(await notice.getByTestId('owed-round').allInnerTexts()).toEqual([
      '初评（人员）：2 份',
      '复评（人员）：2 份',
    ]);
    expect(await notice.getByRole('link', { name: '初评（人员）' }).getAttribute('href')).toBe(
      `/org/round/${rounds[0]}?stage=assignment`,
    );
    expect(await notice.innerText()).toContain('“分配评委”步骤用“移交”');
    // asked on the screen, not by the browser's generic question; nothing changed yet
    expect(dialogs).toEqual([]);
    expect(await user(owingEmail)).toMatchObject({ active: 1 });
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'people-owed-sheets.png'), fullPage: true });
    await expectTouchTargets(page);

    await notice.getByRole('button', { name: '先不停用' }).click();
    await notice.waitFor({ state: 'detached' });
    expect(await user(owingEmail)).toMatchObject({ active: 1 });

    await page.getByRole('button', { name: '停用 评委 吴' }).click();
    await notice.getByRole('button', { name: '仍然停用' }).click();
    await row(page, owingEmail).getByText('已停用').waitFor();
    expect(await user(owingEmail)).toMatchObject({ active: 0 });
    expect(dialogs).toEqual([]);
    // the owed assignments stay, to be moved
    const [{ n }] = await app.sql<{ n: number }>(
      "SELECT COUNT(*) AS n FROM assignments WHERE judge_id = ? AND status = 'PENDING'",
      [judgeId],
    );
    expect(Number(n)).toBe(4);
  });
});
