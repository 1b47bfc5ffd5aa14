import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Browser, BrowserContext, Page } from 'playwright-core';
import {
  attachPhoto,
  craftsEvent,
  CraftsEvent,
  CREATE_ENTRY,
  CREATE_USER,
  creditCode,
  entryInput,
  registerEnterprise,
  seedRegions,
  startWebTestApp,
  WEB_ARTIFACTS,
  WebTestApp,
  TestApp,
  testJpeg,
  watchContentSecurityPolicy,
} from '@app/testing';

const ARTIFACTS = WEB_ARTIFACTS;
const PASSWORD = 'correct horse battery';
const SUBMIT = 'mutation($id:ID!){submitEntry(id:$id){status}}';

/**
 * The organisers', coordinators' and entrants' areas of the web app in Debian's chromium
 * against the real API, MariaDB, Redis and the photo and tabulation worker: an entrant
 * registers, enters, uploads and submits; an organiser screens from the keyboard, sets up a
 * round, assigns, opens and closes it, publishes and finalises the list; the entrant sees the
 * award; a coordinator sees the region's counts. Each step is checked in the database too.
 */
describe('organisers, coordinators and entrants (chromium)', () => {
  let app: TestApp;
  let web: WebTestApp;
  let base: string;
  let browser: Browser;
  let event: CraftsEvent;
  let organiser: { email: string };
  let judge: { id: string; email: string; token: string };
  const pageErrors: string[] = [];
  const contexts: BrowserContext[] = [];
  /** the entrant's page, kept signed in across the tests */
  let entrantPage: Page;
  let organiserPage: Page;
  /** the coordinator's page (region 450100), signed in by the audit and region test */
  let regionPage: Page;
  let entryId: string;
  const entrantEmail = `entrant-${randomUUID()}@example.com`;

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base, browser } = web);
    await seedRegions(app);
    event = await craftsEvent(app, 'portal');
    organiser = { email: await createUser('ORGANISER', '主办 张') };
    const judgeEmail = await createUser('JUDGE', '评委 刘');
    const [row] = await app.sql<{ id: string }>('SELECT id FROM users WHERE email = ?', [
      judgeEmail,
    ]);
    judge = { id: row.id, email: judgeEmail, token: await app.login(judgeEmail, PASSWORD) };
    entrantPage = await newPage({ width: 1280, height: 900 });
    organiserPage = await newPage({ width: 1440, height: 1000 });
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

  async function newPage(viewport: { width: number; height: number }): Promise<Page> {
    const context = await browser.newContext({ viewport, locale: 'zh-CN' });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(page, pageErrors);
    // confirm() before closing a round or withdrawing: the person says yes.
    page.on('dialog', (dialog) => void dialog.accept());
    return page;
  }

  async function signIn(page: Page, email: string) {
    await page.goto(`${base}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
  }

  /**
   * Every control on the page as it is now is at least 44 px tall and wide (a checkbox, a radio
   * or a hidden file input by the label that is its target), the touch target tablets need.
   */
  async function expectTouchTargets(page: Page) {
    // runs in the browser: `document` is the page's (the tests are type-checked without DOM)
    const small = await page.evaluate(() =>
      [
        ...(globalThis as any).document.querySelectorAll(
          'main button, main a, main input, main select, main textarea, header button, header a',
        ),
      ]
        .map((el: any) => {
          const target =
            el.tagName === 'INPUT' && ['checkbox', 'radio', 'file'].includes(el.type)
              ? el.closest('label')
              : el;
          const box = target.getBoundingClientRect();
          return { what: String(el.outerHTML).slice(0, 60), w: box.width, h: box.height };
        })
        .filter((b: { w: number; h: number }) => b.w > 0 && (b.h < 44 || b.w < 44)),
    );
    expect({ path: new URL(page.url()).pathname, small }).toEqual({
      path: new URL(page.url()).pathname,
      small: [],
    });
  }

  const entryRow = (id: string) =>
    app.sql<{ status: string; screening_reason: string | null }>(
      'SELECT status, screening_reason FROM entries WHERE id = ?',
      [id],
    );

  it('an entrant registers (the credit code checked as typed), enters, uploads a photo and submits', async () => {
    const page = entrantPage;
    await page.goto(`${base}/`);
    await page.getByRole('link', { name: '还没有账号？参展单位注册' }).waitFor();
    await expectTouchTargets(page);
    await page.getByRole('link', { name: '还没有账号？参展单位注册' }).click();
    await page.getByLabel('名称').fill('钦州坭兴陶艺有限公司');
    const good = creditCode(424242);
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const code = page.getByLabel('统一社会信用代码');
    await code.fill(bad.toLowerCase());
    await page.getByText('第 18 位校验码不正确，请核对').waitFor();
    expect(await page.getByRole('button', { name: '注册' }).isDisabled()).toBe(true);
    await code.fill(good.toLowerCase());
    await page.getByText('信用代码格式正确').waitFor();
    await page.getByLabel('地区').selectOption('450100');
    await page.getByLabel('联系人').fill('李明');
    await page.getByLabel('邮箱').fill(entrantEmail);
    // the password's rule is said before it is broken, and held by the field itself
    const password = page.getByLabel('密码');
    expect(await password.getAttribute('minlength')).toBe('8');
    expect(await password.getAttribute('maxlength')).toBe('128');
    const ruleId = await password.getAttribute('aria-describedby');
    expect(await page.locator(`[id="${ruleId}"]`).innerText()).toBe('8 到 128 个字符');
    await password.fill(PASSWORD);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-register.png') });
    await expectTouchTargets(page);
    await page.getByRole('button', { name: '注册' }).click();
    await page.getByRole('heading', { name: '我的参展作品' }).waitFor();
    await expectTouchTargets(page);
    const [entrant] = await app.sql<{ credit_code: string; region_code: string }>(
      'SELECT credit_code, region_code FROM entrants WHERE name = ?',
      ['钦州坭兴陶艺有限公司'],
    );
    expect(entrant).toEqual({ credit_code: good, region_code: '450100' });

    await page.getByRole('link', { name: '新建作品' }).click();
    await page.getByLabel('类别').selectOption(event.leaf['TC-01']);
    await page.getByLabel('名称').fill('坭兴陶茶具');
    await page.getByLabel('创作者（每行一人）').fill('李明\n王芳');
    await page.getByLabel('材料').fill('钦州坭兴陶土');
    await page.getByLabel('件数').fill('3');
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByRole('heading', { name: '坭兴陶茶具' }).waitFor();
    entryId = new URL(page.url()).pathname.split('/').pop()!;
    expect(await entryRow(entryId)).toEqual([{ status: 'DRAFT', screening_reason: null }]);
    // No photo yet: submitting waits for one.
    expect(await page.getByRole('button', { name: '提交作品' }).isDisabled()).toBe(true);

    // A GIF is refused here, before a byte is sent.
    const upload = page.locator('input[type=file]');
    await upload.setInputFiles({
      name: 'anim.gif',
      mimeType: 'image/gif',
      buffer: Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'binary'),
    });
    await page.getByText('不支持的格式，请用 JPEG、PNG、WebP 或 AVIF').waitFor();
    expect(await app.sql('SELECT id FROM images WHERE entry_id = ?', [entryId])).toHaveLength(0);

    await upload.setInputFiles({
      name: '茶具.jpg',
      mimeType: 'image/jpeg',
      buffer: await testJpeg(7, 1600, 1200),
    });
    // Processed by the worker; the page polls until the photo is ready.
    await page.locator('[data-testid=photo-tile] [data-status=READY]').waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=photo-tile] img').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'portal-entry-photo.png'), fullPage: true });
    await expectTouchTargets(page);
    await page.getByRole('button', { name: '提交作品' }).click();
    await page.locator('.status-line [data-status=SUBMITTED]').waitFor();
    expect((await entryRow(entryId))[0].status).toBe('SUBMITTED');
  });

  it('an organiser screens from the keyboard: A accepts, R and Enter reject with the reason the entrant reads', async () => {
    // A second entry of the same entrant, filed through the API, to be rejected.
    const token = await app.login(entrantEmail, PASSWORD);
    const second = await app.gql(
      CREATE_ENTRY,
      {
        input: {
          eventId: event.eventId,
          entry: entryInput(event.leaf['TC-02'], { title: '仿古花瓶' }),
        },
      },
      token,
    );
    const secondId = second.data!.createEntry.id as string;
    const photo = await app
      .http()
      .post(`/api/entries/${secondId}/images`)
      .set('authorization', `Bearer ${token}`)
      .attach('file', await testJpeg(9, 800, 600), {
        filename: 'v.jpg',
        contentType: 'image/jpeg',
      });
    expect(photo.status).toBe(201);
    const submitted = await app.gql(
      'mutation($id:ID!){submitEntry(id:$id){status}}',
      { id: secondId },
      token,
    );
    expect(submitted.errors).toBeUndefined();
    await app.waitForQueues();

    const page = organiserPage;
    await signIn(page, organiser.email);
    await page.getByRole('heading', { name: '活动', exact: true }).waitFor();
    await expectTouchTargets(page);
    await page.getByRole('link', { name: /展览 portal/ }).click();
    await page.getByRole('link', { name: '资格审核' }).click();
    await page.getByText('第 1 件，共 2 件待审').waitFor();
    await page.locator('.screening-photo img[data-size=LARGE]').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'portal-screening.png') });
    await expectTouchTargets(page);
    const firstTitle = await page.locator('.screening-side h2').innerText();
    const firstId = firstTitle.includes('坭兴陶茶具') ? entryId : secondId;
    const otherId = firstId === entryId ? secondId : entryId;

    await page.keyboard.press('a');
    await page.getByText('第 1 件，共 1 件待审').waitFor();
    expect((await entryRow(firstId))[0].status).toBe('ACCEPTED');

    // R goes to the reason; Enter without a reason refuses to reject.
    await page.keyboard.press('r');
    await page.keyboard.press('Enter');
    await page.getByText('请填写理由').waitFor();
    expect((await entryRow(otherId))[0].status).toBe('SUBMITTED');
    await page.keyboard.type('照片不清晰');
    await page.keyboard.press('Enter');
    await page.getByText('没有待审核的作品').waitFor();
    expect(await entryRow(otherId)).toEqual([
      { status: 'REJECTED', screening_reason: '照片不清晰' },
    ]);
    if (otherId === entryId) throw new Error('the entry of the first test must be accepted');

    await entrantPage.goto(`${base}/entrant/entry/${secondId}`);
    await entrantPage.getByText('审核意见：照片不清晰').waitFor();
  });

  it('the organiser sets up a round, assigns, opens, follows the judge, closes, publishes and finalises', async () => {
    const page = organiserPage;
    await page.goto(`${base}/org/event/${event.eventId}/rounds`);
    const form = page.getByRole('form', { name: '创建轮次' });
    await form.getByLabel('轮次名称').fill('初评');
    await form.getByLabel('每件作品评委人数').fill('1');
    await form.getByLabel('代码', { exact: true }).fill('design');
    await form.getByRole('group', { name: '第 1 项' }).getByLabel('名称').fill('设计');
    await form.getByRole('button', { name: '添加奖项' }).click();
    const tier = form.getByRole('group', { name: '第 1 个奖项' });
    await tier.getByLabel('奖项代码').fill('gold');
    await tier.getByLabel('奖项名称').fill('金奖');
    await tier.getByLabel('名额（件）').fill('1');
    await form.getByRole('button', { name: '创建轮次' }).click();
    await page.getByRole('heading', { name: /初评/ }).waitFor();
    const roundId = new URL(page.url()).pathname.split('/').pop()!;
    const [round] = await app.sql<{ status: string; judges_per_entry: number }>(
      'SELECT status, judges_per_entry FROM rounds WHERE id = ?',
      [roundId],
    );
    expect(round).toEqual({ status: 'DRAFT', judges_per_entry: 1 });

    const panel = page.getByRole('form', { name: '新建评审组' });
    await panel.getByLabel('评审组名称').fill('陶瓷组');
    await panel.getByLabel('TC 陶瓷').check();
    await panel.getByLabel(/评委 刘/).check();
    await panel.getByRole('button', { name: '创建评审组' }).click();
    await page.locator('#panels').locator('..').getByText('陶瓷组').first().waitFor();

    // the round's page is in stages: the next one is the assignment
    await page.getByTestId('next-step').getByRole('link', { name: '前往“分配评委”' }).click();
    await page.getByRole('button', { name: '分配评委' }).click();
    await page.getByTestId('assign-report').getByText('共 1 条分配，每位评委 1–1 件').waitFor();
    await page.getByText('每件作品都已分配足够的评委').waitFor();
    await page.getByRole('button', { name: '开始评审' }).click();
    await page.getByTestId('round-status').filter({ hasText: '评审中' }).waitFor();

    // The judge scores on their tablet; the organiser's page follows within its poll.
    const [assignment] = await app.sql<{ id: string }>(
      'SELECT id FROM assignments WHERE round_id = ?',
      [roundId],
    );
    const sheet = await app.gql(
      'mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){version}}',
      {
        input: {
          assignmentId: assignment.id,
          clientMutationId: randomUUID(),
          scores: [{ criterionKey: 'design', value: 8.5 }],
        },
      },
      judge.token,
    );
    expect(sheet.errors).toBeUndefined();
    const judgeRow = page.getByTestId('judge-progress').getByRole('row', { name: /评委 刘/ });
    await judgeRow.getByRole('cell', { name: '1' }).nth(1).waitFor({ timeout: 15_000 });
    await page.getByText('已提交 1 / 1 份评分；1 / 1 件作品评完').waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'portal-round-progress.png'), fullPage: true });

    await page.getByRole('button', { name: '结束评审' }).click();
    // every sheet is in: the page says so before it closes
    await page
      .getByTestId('close-warning')
      .getByRole('heading', { name: '1 份评分已全部提交' })
      .waitFor();
    await page.getByRole('button', { name: '确认结束评审' }).click();
    // CLOSED, then TABULATED when the worker is done: the page follows it without a reload
    await page.getByTestId('round-status').filter({ hasText: '已计分' }).waitFor();
    const results = page.locator('table.results');
    await results
      .getByRole('row', { name: /坭兴陶茶具/ })
      .getByText('金奖')
      .waitFor();
    await page.screenshot({ path: join(ARTIFACTS, 'portal-results.png'), fullPage: true });

    // Publish with a notice of a few seconds, then finalise once it has run.
    await page.getByRole('link', { name: '去发布公示' }).click();
    const ends = new Date(Date.now() + 4000);
    const local = new Date(ends.getTime() - ends.getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 19);
    await page.getByLabel('公示截止').fill(local);
    await page.getByRole('button', { name: '发布公示' }).click();
    const v1 = page.getByTestId('publication-1');
    await v1.locator('[data-status=NOTICE]').waitFor();
    // during the notice finalising waits, saying until when; it is offered once the notice ends
    const finalise = v1.getByRole('button', { name: '确认为最终结果' });
    await v1.getByText(/^公示期至 .+ 后可确认$/).waitFor();
    expect(await finalise.isDisabled()).toBe(true);
    await new Promise((done) => setTimeout(done, Math.max(0, ends.getTime() - Date.now()) + 500));
    await finalise.click(); // waits for the button to be enabled, without a reload
    await v1.getByRole('button', { name: '确认，定为最终结果' }).click();
    await v1.locator('[data-status=FINAL]').waitFor();
    const [published] = await app.sql<{ status: string }>(
      'SELECT status FROM publications WHERE round_id = ?',
      [roundId],
    );
    expect(published.status).toBe('FINAL');
    const [certificate] = await app.sql<{ code: string }>(
      'SELECT certificate_code AS code FROM published_items WHERE certificate_code IS NOT NULL',
    );
    const shown = await v1.getByRole('button', { name: certificate.code }).count();
    expect(shown).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-publication.png'), fullPage: true });
    // The round's screen as it is now shows the results and the publications.
    await expectTouchTargets(page);

    // The entrant reads their award and its certificate code, and downloads the certificate.
    await entrantPage.goto(`${base}/entrant`);
    await entrantPage.getByText(`证书编号 ${certificate.code}`).waitFor();
    await entrantPage.getByText('金奖').waitFor();
    const [item] = await app.sql<{ entryCode: string }>(
      'SELECT entry_code AS entryCode FROM published_items WHERE certificate_code = ?',
      [certificate.code],
    );
    const [download] = await Promise.all([
      entrantPage.waitForEvent('download'),
      entrantPage.getByRole('button', { name: `下载 ${item.entryCode} 的证书` }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`certificate-${item.entryCode}.pdf`);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await expectTouchTargets(entrantPage);
  });

  it('the audit log verifies, and a coordinator sees the region (who has not submitted)', async () => {
    const page = organiserPage;
    await page.goto(`${base}/org/event/${event.eventId}/audit`);
    await page.getByRole('button', { name: '校验哈希链' }).click();
    await page
      .getByTestId('chain-result')
      .filter({ hasText: /哈希链完整（\d+ 条记录）/ })
      .waitFor();
    await expectTouchTargets(page);

    // A draft in the region, never submitted.
    const token = await app.login(entrantEmail, PASSWORD);
    const draft = await app.gql(
      CREATE_ENTRY,
      {
        input: {
          eventId: event.eventId,
          entry: entryInput(event.leaf['BZ-01'], { title: '竹编花篮' }),
        },
      },
      token,
    );
    expect(draft.errors).toBeUndefined();
    const coordinator = await createUser('COORDINATOR', '南宁 协调员', { regionCode: '450100' });
    regionPage = await newPage({ width: 1280, height: 900 });
    await signIn(regionPage, coordinator);
    await regionPage.getByRole('heading', { name: '本地区（南宁市）' }).waitFor();
    await regionPage.getByTestId('not-submitted').getByText('竹编花篮').waitFor();
    const table = regionPage.getByTestId('summary-table');
    const total = table.locator('tfoot td').last();
    await total.filter({ hasText: '3' }).waitFor();
    // Touch targets: every control of every screen the test visits at least 44 px both ways.
    await expectTouchTargets(regionPage);
    for (const path of [`/org/event/${event.eventId}`, `/org/event/${event.eventId}/rounds`]) {
      await organiserPage.goto(`${base}${path}`);
      await organiserPage.locator('main h1').waitFor();
      await expectTouchTargets(organiserPage);
    }
    await regionPage.screenshot({
      path: join(ARTIFACTS, 'portal-coordinator.png'),
      fullPage: true,
    });
  });
  it('the queue monitor (Bull Board) opens for an organiser and for nobody else', async () => {
    // Without the organiser's session cookie: refused, not the board.
    const anonymous = await app.http().get('/admin/queues');
    expect(anonymous.status).toBe(401);
    const entrantToken = await app.login(entrantEmail, PASSWORD);
    const entrantSession = await app
      .http()
      .post('/admin/queues/session')
      .set('authorization', `Bearer ${entrantToken}`);
    expect(entrantSession.status).toBe(403);
    expect(entrantSession.headers['set-cookie']).toBeUndefined();
    const judgeCookie = await app
      .http()
      .get('/admin/queues/api/queues')
      .set('cookie', `queue_monitor=${judge.token}`);
    expect(judgeCookie.status).toBe(401);

    const page = organiserPage;
    await page.goto(`${base}/org`);
    await page.getByRole('link', { name: '任务队列' }).click();
    await page.waitForURL(`${base}/admin/queues`);
    // The board lists the app's queues by name (QueueName), read from Redis by its own API.
    const queues = await page.evaluate(async () => {
      const response = await fetch('/admin/queues/api/queues');
      return {
        status: response.status,
        body: (await response.json()) as { queues: { name: string; readOnlyMode: boolean }[] },
      };
    });
    expect(queues.status).toBe(200);
    expect(queues.body.queues.map((q) => q.name)).toEqual(
      expect.arrayContaining(['images', 'tabulation']),
    );
    // An organiser looks; only an admin acts (test/hostile/queue-monitor.e2e-spec.ts).
    expect(queues.body.queues.every((q) => q.readOnlyMode)).toBe(true);
    await page.getByText('images').first().waitFor();
    // The board's one outside resource, Google Fonts' stylesheet, is refused by its policy on
    // purpose (docs/http.md, "Security headers"); nothing else of the board meets the policy.
    const reported = (kind: string) => pageErrors.some((line) => line.startsWith(kind));
    for (let waited = 0; waited < 3_000; waited += 50) {
      if (reported('CSP violation') && reported('CSP console error')) break;
      await page.waitForTimeout(50);
    }
    const refused = pageErrors.splice(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.filter((line) => !line.includes('https://fonts.googleapis.com/'))).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-queue-monitor.png') });
  });

  it('an organiser disqualifies from the results with a reason; the results offer to tabulate again; a stale page is told why not', async () => {
    const [round] = await app.sql<{ id: string }>('SELECT id FROM rounds WHERE event_id = ?', [
      event.eventId,
    ]);
    // A second organiser window on the entry's page, opened while the entry is still accepted.
    const stale = await newPage({ width: 1280, height: 900 });
    await signIn(stale, organiser.email);
    await stale.getByRole('heading', { name: '活动', exact: true }).waitFor();
    await stale.goto(`${base}/org/entry/${entryId}`);
    const staleForm = stale.getByRole('form', { name: /^取消 .+ 的资格$/ });
    await staleForm.waitFor();

    const page = organiserPage;
    await page.goto(`${base}/org/round/${round.id}?stage=results`);
    const row = page.locator('table.results').getByRole('row', { name: /坭兴陶茶具/ });
    await row.getByRole('button', { name: /^取消 .+ 的资格$/ }).click();
    const form = page.getByRole('form', { name: /^取消 .+ 的资格$/ });
    // No reason: refused here, nothing sent.
    await form.getByRole('button', { name: '取消资格', exact: true }).click();
    await form.getByText('请填写理由').waitFor();
    expect((await entryRow(entryId))[0].status).toBe('ACCEPTED');
    await expectTouchTargets(page);
    await form.getByLabel('取消资格的理由（参展者会看到）').fill('作品与报名信息不符');
    await form.getByRole('button', { name: '取消资格', exact: true }).click();
    const offer = page.getByTestId('retabulate-offer');
    await offer.getByText(/已取消资格，但现在的结果仍包含它：请重新计分/).waitFor();
    expect(await entryRow(entryId)).toEqual([
      { status: 'DISQUALIFIED', screening_reason: '作品与报名信息不符' },
    ]);
    await page.screenshot({ path: join(ARTIFACTS, 'portal-disqualify.png'), fullPage: true });
    await expectTouchTargets(page);
    const before = await app.sql<{ version: number }>(
      'SELECT MAX(version) AS version FROM tabulations WHERE round_id = ?',
      [round.id],
    );
    await offer.getByRole('button', { name: '重新计分' }).click();
    await offer.waitFor({ state: 'detached' });
    await row.waitFor({ state: 'detached' });
    const after = await app.sql<{ version: number }>(
      'SELECT MAX(version) AS version FROM tabulations WHERE round_id = ?',
      [round.id],
    );
    expect(after[0].version).toBe(before[0].version + 1);
    const ranked = await app.sql(
      `SELECT r.entry_id FROM entry_results r JOIN tabulations t ON t.id = r.tabulation_id
        WHERE t.round_id = ? AND t.version = ? AND r.entry_id = ?`,
      [round.id, after[0].version, entryId],
    );
    expect(ranked).toEqual([]);

    // The stale window tries too: the server refuses, in words that say why.
    await staleForm.getByLabel('取消资格的理由（参展者会看到）').fill('重复');
    await staleForm.getByRole('button', { name: '取消资格', exact: true }).click();
    await staleForm
      .getByText('只有已通过审核的作品才能取消资格；这件作品的状态已经变了，请刷新页面再看')
      .waitFor();
    expect((await entryRow(entryId))[0].screening_reason).toBe('作品与报名信息不符');
    await expectTouchTargets(stale);

    // The entrant reads the status and the reason.
    await entrantPage.goto(`${base}/entrant/entry/${entryId}`);
    await entrantPage.locator('.status-line [data-status=DISQUALIFIED]').waitFor();
    await entrantPage.getByText('审核意见：作品与报名信息不符').waitFor();
  });

  it('lists longer than a page: the coordinator loads more, the screening queue goes on from the keyboard', async () => {
    const TOTAL = 103;
    const paged = await craftsEvent(app, 'portal-pages', { maxEntriesPerEntrant: 200 });
    const entrant = await registerEnterprise(app, '450100', '长列表 工艺社');
    const ids: string[] = [];
    // Filed, given a photo and submitted as an entrant would, a few at a time.
    for (let from = 0; from < TOTAL; from += 8) {
      const batch = Array.from({ length: Math.min(8, TOTAL - from) }, (_, i) => from + i);
      ids.push(
        ...(await Promise.all(
          batch.map(async (n) => {
            const created = await app.gql(
              CREATE_ENTRY,
              {
                input: {
                  eventId: paged.eventId,
                  entry: entryInput(paged.leaf['TC-01'], { title: `长列表作品 ${n + 1}` }),
                },
              },
              entrant.token,
            );
            expect(created.errors).toBeUndefined();
            const id = created.data!.createEntry.id as string;
            await attachPhoto(app, id, entrant.token, n);
            const submitted = await app.gql(SUBMIT, { id }, entrant.token);
            expect(submitted.errors).toBeUndefined();
            return id;
          }),
        )),
      );
    }
    expect(ids).toHaveLength(TOTAL);

    // The coordinator: the first 100 of the region's entries, then the rest on request.
    await regionPage.goto(`${base}/region`);
    await regionPage.getByLabel('活动').selectOption({ label: '展览 portal-pages' });
    const entrants = regionPage.locator('section[aria-labelledby=region-entrants]');
    const rows = entrants.locator('li.row');
    await entrants.getByText('已显示 100 件，共 103 件').waitFor();
    expect(await rows.count()).toBe(100);
    await expectTouchTargets(regionPage);
    await entrants.getByRole('button', { name: '加载更多' }).click();
    await entrants.getByRole('button', { name: '加载更多' }).waitFor({ state: 'detached' });
    expect(await rows.count()).toBe(TOTAL);
    await entrants.getByText('长列表作品 103', { exact: true }).waitFor();

    // The screening queue: J walks past the first page; the next one comes on its own.
    const page = organiserPage;
    await page.goto(`${base}/org/event/${paged.eventId}/screening`);
    await page.getByText(`第 1 件，共 ${TOTAL} 件待审`).waitFor();
    await page.getByText('已显示 100 件，共 103 件').waitFor();
    for (let i = 1; i < 100; i++) await page.keyboard.press('j');
    await page.getByText(`第 100 件，共 ${TOTAL} 件待审`).waitFor();
    await page.keyboard.press('j');
    await page.getByText(`第 101 件，共 ${TOTAL} 件待审`).waitFor();
    await page.getByRole('button', { name: '加载更多' }).waitFor({ state: 'detached' });
    const heading = await page.locator('.screening-side h2').innerText();
    await page.keyboard.press('k');
    await page.getByText(`第 100 件，共 ${TOTAL} 件待审`).waitFor();
    await page.keyboard.press('j');
    expect(await page.locator('.screening-side h2').innerText()).toBe(heading);
    await page.keyboard.press('a');
    await page.getByText(`第 101 件，共 ${TOTAL - 1} 件待审`).waitFor();
    const accepted = await app.sql<{ id: string; title: string }>(
      "SELECT id, title FROM entries WHERE event_id = ? AND status = 'ACCEPTED'",
      [paged.eventId],
    );
    expect(accepted).toHaveLength(1);
    expect(heading).toContain(accepted[0].title);
    await expectTouchTargets(page);

    // That entry's own page: disqualified there, with the way to its round's results.
    await page.goto(`${base}/org/entry/${accepted[0].id}`);
    const form = page.getByRole('form', { name: /^取消 .+ 的资格$/ });
    await expectTouchTargets(page);
    await form.getByLabel('取消资格的理由（参展者会看到）').fill('作者已退出');
    await form.getByRole('button', { name: '取消资格', exact: true }).click();
    await page
      .getByRole('status')
      .getByText(/已取消资格。/)
      .waitFor();
    await page.locator('.status-line [data-status=DISQUALIFIED]').waitFor();
    expect(await entryRow(accepted[0].id)).toEqual([
      { status: 'DISQUALIFIED', screening_reason: '作者已退出' },
    ]);
  });
});
