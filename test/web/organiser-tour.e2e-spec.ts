import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import {
  attachPhoto,
  CREATE_ENTRY,
  CREATE_USER,
  entryInput,
  registerEnterprise,
  seedRegions,
  startWebTestApp,
  SUBMIT_ENTRY,
  TestApp,
  WEB_ARTIFACTS,
  WebTestApp,
  watchContentSecurityPolicy,
} from '@app/testing';
import { publishTourShots, TOUR_SHOTS, TOUR_VIEWPORT, TourShot } from './tour-shots';

const JUDGE_PASSWORD = 'correct horse battery';
const SLUG = 'crafts-2026';

/**
 * docs/first-ten-minutes.md as a test: the bootstrap admin signs in, creates an event and its
 * categories, opens it; entrants (through the API) file and submit entries; the admin screens
 * them, sets up a round with a panel, assigns the judges, opens the round, follows the judges'
 * sheets (through the API), closes it, reads the results, publishes them for notice, makes them
 * final, and looks at the public page. Each step leaves the screenshot the document shows
 * (TOUR_SHOTS); UPDATE_DOC_SCREENSHOTS=1 copies them into docs/images/tour/.
 */
describe('the organiser tour of docs/first-ten-minutes.md (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  let page: Page;
  const pageErrors: string[] = [];
  const taken: TourShot[] = [];
  let eventId: string;
  let roundId: string;
  const judges: Array<{ id: string; name: string; token: string }> = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base } = web);
    await seedRegions(app);
    const context = await web.browser.newContext({ viewport: TOUR_VIEWPORT, locale: 'zh-CN' });
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(page, pageErrors);
    page.on('dialog', (dialog) => void dialog.accept());
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  /** The window as it is now, under the tour's stable name. */
  async function shot(name: TourShot) {
    expect(taken).not.toContain(name);
    taken.push(name);
    await page.screenshot({ path: join(WEB_ARTIFACTS, `${name}.png`) });
  }

  /** Scrolls so that a section's heading is at the top of the window, below the top bar. */
  async function scrollTo(headingId: string) {
    // runs in the browser: `document` is the page's (the tests are type-checked without DOM)
    await page.evaluate((id) => {
      const browser = globalThis as any;
      const top = browser.document.getElementById(id).getBoundingClientRect().top;
      browser.scrollTo(0, top + browser.scrollY - 80);
    }, headingId);
  }

  it('1. signs in with the bootstrap admin', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login/);
    await page.getByLabel('邮箱').fill(app.config.adminEmail);
    await page.getByLabel('密码').fill(app.config.adminPassword!);
    await shot('01-sign-in');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('heading', { name: '活动', exact: true }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/org');
  });

  it('2. creates an event, its two-level categories, and opens it for entries', async () => {
    await page.getByLabel('活动名称').fill('2026 广西工艺美术作品展');
    await page.getByLabel('网址标识（英文字母、数字、连字符）').fill(SLUG);
    await page.getByLabel('活动类型').selectOption('CRAFTS_EXHIBITION');
    await page.getByLabel('每个参展者最多作品数').fill('10');
    await page.getByLabel('每件作品最多照片数').fill('8');
    await scrollTo('new-event');
    await shot('02-new-event');
    await page.getByRole('button', { name: '创建活动' }).click();
    await page.getByRole('heading', { name: '2026 广西工艺美术作品展' }).waitFor();
    eventId = new URL(page.url()).pathname.split('/').pop()!;

    const form = page.getByRole('form', { name: '添加类别' });
    const add = async (code: string, name: string, parent: string | null) => {
      if (parent) await form.getByLabel('上级类别').selectOption({ label: parent });
      else await form.getByLabel('上级类别').selectOption('');
      await form.getByLabel('类别代码').fill(code);
      await form.getByLabel('类别名称').fill(name);
      await form.getByRole('button', { name: '添加类别' }).click();
      await page
        .locator('ul.tree li')
        .filter({ hasText: new RegExp(`^${code}\\s+${name}$`) })
        .waitFor();
    };
    await add('TC', '陶瓷', null);
    await add('TC-01', '坭兴陶', 'TC 陶瓷');
    await add('TC-02', '艺术瓷', 'TC 陶瓷');
    await add('BZ', '编织', null);
    await add('BZ-01', '竹编', 'BZ 编织');
    await page
      .getByRole('group', { name: '活动状态' })
      .getByRole('button', { name: '报名中' })
      .click();
    await page
      .getByRole('group', { name: '活动状态' })
      .getByRole('button', { name: '报名中', pressed: true })
      .waitFor();
    await scrollTo('event-categories');
    await shot('03-categories');
    const [event] = await app.sql<{ status: string }>('SELECT status FROM events WHERE id = ?', [
      eventId,
    ]);
    expect(event.status).toBe('OPEN');
  });

  it('3. entrants file and submit entries; the event page counts them', async () => {
    const leaf = Object.fromEntries(
      (
        await app.sql<{ id: string; code: string }>(
          'SELECT id, code FROM categories WHERE event_id = ?',
          [eventId],
        )
      ).map((c) => [c.code, c.id]),
    );
    const entrants = [
      { region: '450700', name: '钦州坭兴陶艺有限公司', titles: [['TC-01', '坭兴陶茶具']] },
      {
        region: '450200',
        name: '柳州工艺美术研究所',
        titles: [
          ['TC-02', '青花山水瓶'],
          ['BZ-01', '竹编提篮'],
        ],
      },
      {
        region: '450300',
        name: '桂林竹艺坊',
        titles: [
          ['BZ-01', '竹编灯罩'],
          ['TC-01', '坭兴陶香炉'],
          ['TC-02', '釉里红盘'],
        ],
      },
    ];
    let seed = 1;
    for (const entrant of entrants) {
      const { token } = await registerEnterprise(app, entrant.region, entrant.name);
      for (const [code, title] of entrant.titles) {
        const created = await app.gql(
          CREATE_ENTRY,
          { input: { eventId, entry: entryInput(leaf[code], { title }) } },
          token,
        );
        expect(created.errors).toBeUndefined();
        const id = created.data!.createEntry.id as string;
        await attachPhoto(app, id, token, seed++);
        expect((await app.gql(SUBMIT_ENTRY, { id }, token)).errors).toBeUndefined();
      }
    }
    await app.waitForQueues();
    await page.reload();
    const table = page.getByTestId('summary-table');
    await table.locator('tfoot td').last().filter({ hasText: '6' }).waitFor();
    await scrollTo('event-counts');
    await shot('04-entry-counts');
  });

  it('4. screens the entries from the keyboard: five accepted, one rejected with a reason', async () => {
    await page.getByRole('link', { name: '资格审核' }).click();
    await page.getByText('第 1 件，共 6 件待审').waitFor();
    await page.locator('.screening-photo img[data-size=LARGE]').waitFor();
    await shot('05-screening');
    for (let left = 5; left >= 0; left--) {
      const title = await page.locator('.screening-side h2').innerText();
      if (title.includes('釉里红盘')) {
        // R goes to the reason; Enter rejects with it.
        await page.keyboard.press('r');
        await page.keyboard.type('照片与实物不符，请重新拍摄');
        await page.keyboard.press('Enter');
      } else {
        await page.keyboard.press('a');
      }
      if (left > 0) await page.getByText(`第 1 件，共 ${left} 件待审`).waitFor();
    }
    await page.getByText('没有待审核的作品').waitFor();
    const counts = await app.sql<{ status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM entries WHERE event_id = ? GROUP BY status ORDER BY status',
      [eventId],
    );
    expect(counts.map((c) => [c.status, Number(c.n)])).toEqual([
      ['ACCEPTED', 5],
      ['REJECTED', 1],
    ]);
  });

  it('5. creates a round with two weighted criteria and three award tiers', async () => {
    for (const [login, name] of [
      ['chen', '评委 陈'],
      ['huang', '评委 黄'],
      ['liang', '评委 梁'],
    ]) {
      const email = `${login}@example.com`;
      const res = await app.gql(
        CREATE_USER,
        { input: { email, password: JUDGE_PASSWORD, name, role: 'JUDGE' } },
        await app.adminToken(),
      );
      expect(res.errors).toBeUndefined();
      const [row] = await app.sql<{ id: string }>('SELECT id FROM users WHERE email = ?', [email]);
      judges.push({ id: row.id, name, token: await app.login(email, JUDGE_PASSWORD) });
    }

    await page.getByRole('link', { name: '评审轮次' }).click();
    const form = page.getByRole('form', { name: '创建轮次' });
    await form.getByLabel('轮次名称').fill('初评');
    await form.getByLabel('每件作品评委人数').fill('2');
    const first = form.getByRole('group', { name: '第 1 项' });
    await first.getByLabel('名称').fill('设计与造型');
    await first.getByLabel('权重').fill('60');
    await form.getByRole('button', { name: '添加评分项' }).click();
    const second = form.getByRole('group', { name: '第 2 项' });
    await second.getByLabel('代码').fill('craft');
    await second.getByLabel('名称').fill('工艺技法');
    await second.getByLabel('权重').fill('40');
    for (const [i, key, name] of [
      [1, 'gold', '金奖'],
      [2, 'silver', '银奖'],
      [3, 'bronze', '铜奖'],
    ] as const) {
      await form.getByRole('button', { name: '添加奖项' }).click();
      const tier = form.getByRole('group', { name: `第 ${i} 个奖项` });
      await tier.getByLabel('奖项代码').fill(key);
      await tier.getByLabel('奖项名称').fill(name);
      await tier.getByLabel('名额（件）').fill('1');
    }
    await scrollTo('new-round');
    await shot('06-new-round');
    await form.getByRole('button', { name: '创建轮次' }).click();
    await page.getByRole('heading', { name: /初评/ }).waitFor();
    roundId = new URL(page.url()).pathname.split('/').pop()!;
  });

  it('6. makes a panel of the three judges for both categories and assigns them', async () => {
    const panel = page.getByRole('form', { name: '新建评审组' });
    await panel.getByLabel('评审组名称').fill('综合组');
    await panel.getByLabel('TC 陶瓷').check();
    await panel.getByLabel('BZ 编织').check();
    for (const judge of judges) await panel.getByLabel(new RegExp(judge.name)).check();
    await panel.getByRole('button', { name: '创建评审组' }).click();
    await page.locator('#panels').locator('..').getByText('综合组').first().waitFor();
    // the round's page is in stages: the next one is the assignment
    await page.getByTestId('next-step').getByRole('link', { name: '前往“分配评委”' }).click();
    await page.getByRole('button', { name: '分配评委' }).click();
    await page.getByText('每件作品都已分配足够的评委').waitFor();
    await scrollTo('assign');
    await shot('07-panel-and-assignment');
    const [{ n }] = await app.sql<{ n: number }>(
      'SELECT COUNT(*) AS n FROM assignments WHERE round_id = ?',
      [roundId],
    );
    expect(Number(n)).toBe(10);
  });

  it('7. opens the round and follows the judges as their sheets come in', async () => {
    await page.getByRole('button', { name: '开始评审' }).click();
    await page.getByTestId('round-status').filter({ hasText: '评审中' }).waitFor();
    const assignments = await app.sql<{ id: string; judge_id: string; title: string }>(
      `SELECT a.id, a.judge_id, e.title FROM assignments a JOIN entries e ON e.id = a.entry_id
        WHERE a.round_id = ? ORDER BY e.title, a.judge_id`,
      [roundId],
    );
    // Distinct totals, so that the tiers fall one to an entry.
    const base: Record<string, number> = {
      坭兴陶茶具: 9,
      青花山水瓶: 8.5,
      竹编提篮: 7.5,
      竹编灯罩: 8,
      坭兴陶香炉: 7,
    };
    // All but the last two sheets now: the progress shows a round under way.
    for (const [i, a] of assignments.entries()) {
      if (i >= assignments.length - 2) break;
      await submitSheet(a, base[a.title]);
    }
    await page.getByText(`已提交 8 / 10 份评分`, { exact: false }).waitFor();
    await scrollTo('progress');
    await shot('08-progress');
    for (const a of assignments.slice(-2)) await submitSheet(a, base[a.title]);
    await page.getByText('已提交 10 / 10 份评分；5 / 5 件作品评完').waitFor();
  });

  async function submitSheet(a: { id: string; judge_id: string }, score: number) {
    const judge = judges.find((j) => j.id === a.judge_id)!;
    const res = await app.gql(
      'mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){version}}',
      {
        input: {
          assignmentId: a.id,
          clientMutationId: randomUUID(),
          scores: [
            { criterionKey: 'design', value: score },
            { criterionKey: 'craft', value: score - 0.5 },
          ],
        },
      },
      judge.token,
    );
    expect(res.errors).toBeUndefined();
  }

  it('8. closes the round; the worker tabulates; the results show ranks and tiers', async () => {
    await page.getByRole('button', { name: '结束评审' }).click();
    await page.getByRole('button', { name: '确认结束评审' }).click();
    // the page follows the worker's tabulation on its own, without a reload
    await page.getByTestId('round-status').filter({ hasText: '已计分' }).waitFor();
    await page
      .locator('table.results')
      .getByRole('row', { name: /坭兴陶茶具/ })
      // the tier's own cell: the row may also carry a cusp mark that names the tier
      .getByRole('cell', { name: '金奖', exact: true })
      .waitFor();
    await scrollTo('results');
    await shot('09-results');
  });

  it('9. publishes the results for notice, then makes them final once the notice has run', async () => {
    await page.getByRole('link', { name: '去发布公示' }).click();
    const ends = new Date(Date.now() + 5000);
    const local = new Date(ends.getTime() - ends.getTimezoneOffset() * 60_000)
      .toISOString()
      .slice(0, 19);
    await page.getByLabel('公示截止').fill(local);
    await page.getByRole('button', { name: '发布公示' }).click();
    const v1 = page.getByTestId('publication-1');
    await v1.locator('[data-status=NOTICE]').waitFor();
    await scrollTo('publications');
    await shot('10-notice');
    await new Promise((done) => setTimeout(done, Math.max(0, ends.getTime() - Date.now()) + 500));
    // finalising says what it means first, and waits for the organiser's yes
    await v1.getByRole('button', { name: '确认为最终结果' }).click();
    await v1.getByRole('button', { name: '确认，定为最终结果' }).click();
    await v1.locator('[data-status=FINAL]').waitFor();
    await scrollTo('publications');
    await shot('11-final');
    const [publication] = await app.sql<{ status: string }>(
      'SELECT status FROM publications WHERE round_id = ?',
      [roundId],
    );
    expect(publication.status).toBe('FINAL');
  });

  it('10. anyone reads the final list at /results/{slug}, without signing in', async () => {
    const context = await web.browser.newContext({ viewport: TOUR_VIEWPORT, locale: 'zh-CN' });
    const visitor = await context.newPage();
    visitor.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(visitor, pageErrors);
    await visitor.goto(`${base}/results/${SLUG}`);
    await visitor.getByTestId('publication').first().waitFor();
    await visitor.getByTestId('item').first().waitFor();
    page = visitor;
    await shot('12-public-results');
  });

  it('took every screenshot of the document, in its order (and copies them when asked)', async () => {
    expect(taken).toEqual([...TOUR_SHOTS]);
    await publishTourShots(WEB_ARTIFACTS);
  });
});
