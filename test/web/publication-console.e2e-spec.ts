import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import {
  CREATE_USER,
  startWebTestApp,
  TestApp,
  WEB_ARTIFACTS,
  WebTestApp,
  watchContentSecurityPolicy,
} from '@app/testing';
import { inDays, PUBLISH } from '../../libs/publication/test/publication-fixtures';
import { CLOSE, RETABULATE, seedRound } from '../../libs/results/test/results-fixtures';

const PASSWORD = 'correct horse battery';
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const PUBLISHED_SCORES = `query($s:String!){publishedResults(eventSlug:$s){id version status showScores items{entryCode score}}}`;

/**
 * Publication and objections in the organiser's console (issue 21) in Debian's chromium against
 * the real API: the link to the public page from the event and the publication stage (a new
 * tab); a public objection filed on a phone raises the organiser's flag without a reload (the
 * event screen, the home, the area nav, the round) and the stage lists it with the time filed;
 * finalising asks first (cancel changes nothing, confirm finalises) and a final list offers no
 * publish form; the public page shows each entry's score only when the organiser chose to
 * publish scores. 1366×768 for the organiser, the public pages also on a 390×844 phone.
 */
describe('publication and objections in the console (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  const problems: string[] = [];
  const contexts: BrowserContext[] = [];
  let organiser: Page;
  let phone: Page;
  let round: { roundId: string; eventId: string; slug: string; eventName: string };
  let v1: { id: string; items: Array<{ entryCode: string }> };

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base } = web);
    const admin = await app.adminToken();
    const seeded = await seedRound(app, 12);
    for (const step of [CLOSE, RETABULATE]) {
      const res = await app.gql(step, { id: seeded.roundId }, admin);
      expect(res.errors).toBeUndefined();
    }
    const [event] = await app.sql<{ slug: string; name: string }>(
      'SELECT slug, name FROM events WHERE id = ?',
      [seeded.eventId],
    );
    round = { ...seeded, slug: event.slug, eventName: event.name };
    // Version 1: published without scores, through the API.
    const published = await app.gql(PUBLISH, { r: round.roundId, n: inDays(7) }, admin);
    expect(published.errors).toBeUndefined();
    v1 = published.data!.publishResults;

    const email = `organiser-${randomUUID()}@example.com`;
    const created = await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name: '主办 林', role: 'ORGANISER' } },
      admin,
    );
    expect(created.errors).toBeUndefined();
    organiser = await newPage(DESKTOP);
    await organiser.goto(`${base}/login`);
    await organiser.getByLabel('邮箱').fill(email);
    await organiser.getByLabel('密码').fill(PASSWORD);
    await organiser.getByRole('button', { name: '登录' }).click();
    await organiser.getByRole('heading', { name: '活动', exact: true }).waitFor();
    phone = await newPage(PHONE, true);
  });

  afterEach(() => expect(problems.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  async function newPage(
    viewport: { width: number; height: number },
    mobile = false,
  ): Promise<Page> {
    const context = await web.browser.newContext({
      viewport,
      locale: 'zh-CN',
      ...(mobile ? { deviceScaleFactor: 2, isMobile: true, hasTouch: true } : {}),
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (error) => problems.push(String(error)));
    await watchContentSecurityPolicy(page, problems);
    return page;
  }

  /** Marks the page, so a later check can tell it was not loaded again. */
  const markLoaded = (page: Page) =>
    page.evaluate(() => ((globalThis as any).__notReloaded = true));
  const notReloaded = (page: Page) =>
    page.evaluate(() => (globalThis as any).__notReloaded === true);

  const publicationStatus = async (id: string) =>
    (await app.sql<{ status: string }>('SELECT status FROM publications WHERE id = ?', [id]))[0]
      .status;

  /** Every control on screen is a 44 px target (a checkbox by its label). */
  async function expectTouchTargets(page: Page) {
    const small = await page.evaluate(() =>
      [
        ...(globalThis as any).document.querySelectorAll(
          'main button, main a, main input, main select, header button, header a',
        ),
      ]
        .map((el: any) => {
          const target = el.type === 'checkbox' ? el.closest('label') : el;
          const box = target.getBoundingClientRect();
          return { what: String(el.outerHTML).slice(0, 80), w: box.width, h: box.height };
        })
        .filter((b: { w: number; h: number }) => b.w > 0 && (b.h < 44 || b.w < 44)),
    );
    expect(small).toEqual([]);
  }

  it('links the event and the publication stage to the public results page, in a new tab', async () => {
    await organiser.goto(`${base}/org/event/${round.eventId}`);
    await organiser.getByRole('heading', { name: round.eventName, level: 1 }).waitFor();
    const link = organiser.getByRole('link', { name: /查看公开结果页/ });
    expect(await link.getAttribute('href')).toBe(`/results/${round.slug}`);
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toContain('noopener');
    const [tab] = await Promise.all([organiser.context().waitForEvent('page'), link.click()]);
    await tab.getByTestId('publication').waitFor();
    expect(new URL(tab.url()).pathname).toBe(`/results/${round.slug}`);
    await tab.close();
    await organiser.screenshot({ path: join(WEB_ARTIFACTS, 'publication-event-link.png') });
    await expectTouchTargets(organiser);

    await organiser.goto(`${base}/org/round/${round.roundId}?stage=publication`);
    const stageLink = organiser
      .getByTestId('stage-panel')
      .getByRole('link', { name: /查看公开结果页/ });
    expect(await stageLink.getAttribute('href')).toBe(`/results/${round.slug}`);
    expect(await stageLink.getAttribute('target')).toBe('_blank');
  });

  it('shows no score on the public page when the list was published without them', async () => {
    for (const page of [phone, organiser]) {
      await page.goto(`${base}/results/${round.slug}`);
      await page.getByTestId('item').first().waitFor();
      expect(await page.getByTestId('score').count()).toBe(0);
      expect(await page.getByTestId('publication').textContent()).not.toContain('得分');
    }
    await phone.screenshot({ path: join(WEB_ARTIFACTS, 'publication-public-no-scores-phone.png') });
  });

  it('publishes version 2 with scores: the public page shows each entry’s score as reported', async () => {
    const page = organiser;
    await page.goto(`${base}/org/round/${round.roundId}?stage=publication`);
    const form = page.getByRole('form', { name: '发布公示' });
    await form.getByLabel('同时公布得分').check();
    await form.getByRole('button', { name: '发布公示' }).click();
    await page.getByTestId('publication-2').locator('[data-status=NOTICE]').waitFor();

    const listed = (await app.gql(PUBLISHED_SCORES, { s: round.slug })).data!.publishedResults;
    const [v2] = listed;
    expect([v2.version, v2.showScores]).toEqual([2, true]);
    const expected = v2.items.map((i: { entryCode: string; score: number }) => [
      i.entryCode,
      `得分 ${String(i.score)}`,
    ]);
    expect(v2.items.every((i: { score: unknown }) => typeof i.score === 'number')).toBe(true);

    for (const [viewer, name] of [
      [phone, 'phone'],
      [page, 'desktop'],
    ] as const) {
      await viewer.goto(`${base}/results/${round.slug}`);
      await viewer.getByTestId('score').first().waitFor();
      const shown = await viewer
        .getByTestId('item')
        .evaluateAll((items: any[]) =>
          items.map((li) => [
            li.dataset.code,
            li.querySelector('[data-testid=score]')?.textContent ?? null,
          ]),
        );
      expect(shown).toEqual(expected);
      await viewer.screenshot({
        path: join(WEB_ARTIFACTS, `publication-public-scores-${name}.png`),
      });
    }
    await expectTouchTargets(phone);
  });

  it('a public objection raises the organiser’s flag without a reload; the stage lists it with the time filed', async () => {
    const page = organiser;
    // A fresh event screen: the flag reads now, then every 15 s while it sees no change.
    await page.goto(`${base}/org/event/${round.eventId}`);
    await page.getByRole('heading', { name: round.eventName, level: 1 }).waitFor();
    await markLoaded(page);
    expect(await page.getByTestId('event-objections').count()).toBe(0);
    expect(await page.getByTestId('area-objection-flag').count()).toBe(0);

    // Someone objects on a phone, on the public page.
    const [v2] = (await app.gql(PUBLISHED_SCORES, { s: round.slug })).data!.publishedResults;
    const target = v2.items[0].entryCode as string;
    await phone.goto(`${base}/results/${round.slug}`);
    await phone.getByRole('link', { name: `对 ${target} 提出异议` }).click();
    await phone.getByLabel(/异议理由/).fill('该作品与往届获奖作品雷同');
    await phone.getByRole('button', { name: '提交异议' }).click();
    await phone.getByTestId('objection-filed').waitFor();
    const [filed] = await app.sql<{ id: string; created_at: Date }>(
      "SELECT id, created_at FROM objections WHERE status = 'OPEN'",
    );

    // The organiser's screen follows on its own.
    const notice = page.getByTestId('event-objections');
    await notice.waitFor({ timeout: 25_000 });
    expect(await notice.textContent()).toContain('1 条异议待答复');
    const flag = page.getByTestId('area-objection-flag');
    await flag.waitFor();
    expect(await flag.getByTestId('objection-badge').textContent()).toBe('1');
    expect(await notReloaded(page)).toBe(true);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'publication-objection-flag-event.png') });
    await expectTouchTargets(page);

    // The home marks the event.
    await page.getByRole('link', { name: '活动', exact: true }).click();
    await page.locator('.card', { hasText: round.eventName }).getByText('1 条异议待答复').waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'publication-objection-flag-home.png') });

    // The nav's flag leads to the round's publication stage, where it is listed.
    await flag.click();
    await page.getByTestId('round-objection-flag').waitFor();
    const open = page.getByTestId('open-objections');
    await open.waitFor();
    expect(await open.getByRole('heading').textContent()).toBe('待答复的异议（1）');
    const card = open.getByTestId('objection');
    expect(await card.textContent()).toContain(`作品 ${target}`);
    expect(await card.textContent()).toContain('该作品与往届获奖作品雷同');
    await card.getByText(/针对第 2 版/).waitFor();
    expect(await card.locator('time').getAttribute('datetime')).toBe(
      new Date(filed.created_at).toISOString(),
    );
    expect(await card.locator('time').textContent()).toMatch(/^提交于 /);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'publication-objection-stage.png') });

    // Answered: the flag goes everywhere.
    await card.getByLabel('答复').fill('经复核，两件作品并不相同。');
    await card.getByRole('button', { name: '异议不成立' }).click();
    await open.waitFor({ state: 'detached' });
    await flag.waitFor({ state: 'detached' });
    await page.getByTestId('round-objection-flag').waitFor({ state: 'detached' });
    const [answered] = await app.sql<{ status: string }>(
      'SELECT status FROM objections WHERE id = ?',
      [filed.id],
    );
    expect(answered.status).toBe('DISMISSED');
    await page.getByTestId('publication-2').getByText('经复核，两件作品并不相同。').waitFor();
  });

  it('finalising asks first: “not yet” changes nothing, the confirmation finalises; a final list offers no publish form', async () => {
    const page = organiser;
    const [v2] = (await app.gql(PUBLISHED_SCORES, { s: round.slug })).data!.publishedResults;
    await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      v2.id,
    ]);
    await page.goto(`${base}/org/round/${round.roundId}?stage=publication`);
    const card = page.getByTestId('publication-2');
    await card.getByRole('button', { name: '确认为最终结果' }).click();
    const confirm = card.getByTestId('finalise-confirm');
    await confirm.getByRole('heading', { name: '将第 2 版确认为最终结果？' }).waitFor();
    for (const words of ['不能再修改', '证书编号', '异议随之关闭'])
      expect(await confirm.textContent()).toContain(words);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'publication-finalise-confirm.png') });
    await expectTouchTargets(page);

    // In English too.
    await page.locator('header button[lang]').click();
    await confirm.getByRole('heading', { name: 'Make version 2 the final result?' }).waitFor();
    expect(await confirm.textContent()).toContain('objections close');
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'publication-finalise-confirm-en.png') });
    await page.locator('header button[lang]').click();

    // "Not yet": nothing changes.
    await confirm.getByRole('button', { name: '暂不确认' }).click();
    await confirm.waitFor({ state: 'detached' });
    expect(await publicationStatus(v2.id)).toBe('NOTICE');
    await card.locator('[data-status=NOTICE]').waitFor();

    // Confirmed: FINAL, certificates drawn, the form gone, the date said.
    await card.getByRole('button', { name: '确认为最终结果' }).click();
    await confirm.getByRole('button', { name: '确认，定为最终结果' }).click();
    await card.locator('[data-status=FINAL]').waitFor();
    expect(await publicationStatus(v2.id)).toBe('FINAL');
    const [{ n }] = await app.sql<{ n: number }>(
      'SELECT COUNT(*) AS n FROM published_items WHERE publication_id = ? AND certificate_code IS NOT NULL',
      [v2.id],
    );
    expect(Number(n)).toBeGreaterThan(0);
    const note = page.getByTestId('list-final');
    await note.waitFor();
    expect(await note.textContent()).toMatch(
      /^本轮名单已于 .+ 确认为最终结果（第 2 版），不能再发布新版本。$/,
    );
    expect(await page.getByRole('form', { name: '发布公示' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '发布公示' }).count()).toBe(0);
    expect(
      await page
        .getByTestId('stage-panel')
        .getByRole('link', { name: /查看公开结果页/ })
        .getAttribute('href'),
    ).toBe(`/results/${round.slug}`);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'publication-final.png') });
    await expectTouchTargets(page);
    // v1 was superseded; nothing else of the round is FINAL
    expect(await publicationStatus(v1.id)).toBe('SUPERSEDED');
  });
});
