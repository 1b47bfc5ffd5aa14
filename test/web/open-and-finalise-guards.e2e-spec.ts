import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Page } from 'playwright-core';
import {
  craftsEventWithEntries,
  CREATE_USER,
  organiserPage,
  startWebTestApp,
  TestApp,
  WEB_ARTIFACTS,
  WebTestApp,
} from '@app/testing';
import { PUBLISH } from '../../libs/publication/test/publication-fixtures';
import { CLOSE, RETABULATE, seedRound } from '../../libs/results/test/results-fixtures';

const VIEWPORT = { width: 1366, height: 768 };
const CREATE_ROUND = 'mutation($input:CreateRoundInput!){createRound(input:$input){id}}';
const CREATE_PANEL = 'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}';

/**
 * Two guards of the round page a new organiser met (issue 21), in Debian's chromium on a
 * 1366×768 screen against the real API: opening a round whose assignment leaves entries short
 * of judges says how many and asks first (not yet leaves it DRAFT, open anyway opens it), also
 * after a reload; finalising is held back while the notice runs, with the time it ends, and
 * offered on its own when that time comes, without a reload.
 */
describe('opening an under-staffed round and finalising during the notice (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let base: string;
  let page: Page;
  let admin: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    ({ app, base } = web);
    admin = await app.adminToken();
    page = await organiserPage(web, pageErrors, { viewport: VIEWPORT, locale: 'zh-CN' });
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  const statusOf = async (table: 'rounds' | 'publications', id: string) =>
    (await app.sql<{ status: string }>(`SELECT status FROM ${table} WHERE id = ?`, [id]))[0].status;
  const switchLanguage = () => page.locator('header button[lang]').click();

  it('opening a round with entries short of judges states the shortfall and asks first', async () => {
    const seeded = await craftsEventWithEntries(app, 'short', 4);
    const email = `judge-${randomUUID()}@example.com`;
    const judge = await app.gql(
      CREATE_USER,
      { input: { email, password: 'correct horse battery', name: '评委 独', role: 'JUDGE' } },
      admin,
    );
    expect(judge.errors).toBeUndefined();
    const created = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId: seeded.event.eventId,
          name: '初评',
          criteria: [{ key: 'design', name: '设计', weight: 100, maxScore: 10, step: 0.5 }],
          judgesPerEntry: 3,
          minSheets: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
          awardTiers: [{ key: 'gold', name: '金奖', quota: { mode: 'COUNT', value: 1 } }],
        },
      },
      admin,
    );
    expect(created.errors).toBeUndefined();
    const roundId = created.data!.createRound.id as string;
    const panel = await app.gql(
      CREATE_PANEL,
      {
        input: {
          roundId,
          name: '陶瓷组',
          categoryIds: [seeded.event.leaf['TC-01']],
          judgeIds: [judge.data!.createUser.id],
        },
      },
      admin,
    );
    expect(panel.errors).toBeUndefined();

    await page.goto(`${base}/org/round/${roundId}?stage=assignment`);
    await page.getByRole('button', { name: '分配评委' }).click();
    await page.getByTestId('assign-report').getByText('4 件作品评委不足').waitFor();
    // the checklist says it before the click, and the click asks first
    const checklist = page.getByTestId('open-checklist');
    await checklist.getByText('4 件作品评委不足（每件需 3 位评委）').waitFor();
    await page.getByRole('button', { name: '开始评审' }).click();
    const warning = page.getByTestId('open-warning');
    await warning.getByRole('heading', { name: '4 件作品评委不足（每件需 3 位评委）' }).waitFor();
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'open-short-warning.png') });
    await switchLanguage();
    await warning
      .getByRole('heading', { name: '4 entries have too few judges (3 wanted for each)' })
      .waitFor();
    await warning.getByRole('button', { name: 'Open anyway' }).waitFor();
    await switchLanguage();

    // not yet: nothing changes
    await warning.getByRole('button', { name: '暂不开始' }).click();
    await warning.waitFor({ state: 'detached' });
    expect(await statusOf('rounds', roundId)).toBe('DRAFT');

    // after a reload the round's own counts still tell the shortfall
    await page.goto(`${base}/org/round/${roundId}`);
    await checklist.getByText('评委不足：还差 8 个评审名额（每件作品需 3 位评委）').waitFor();
    await page.getByRole('button', { name: '开始评审' }).click();
    expect(await statusOf('rounds', roundId)).toBe('DRAFT');
    await warning.getByRole('button', { name: '仍然开始评审' }).click();
    await page.getByTestId('round-status').filter({ hasText: '评审中' }).waitFor();
    expect(await statusOf('rounds', roundId)).toBe('OPEN');
  });

  it('finalising waits for the notice to end, says until when, and is offered when it ends without a reload', async () => {
    const seeded = await seedRound(app, 6);
    for (const step of [CLOSE, RETABULATE]) {
      const res = await app.gql(step, { id: seeded.roundId }, admin);
      expect(res.errors).toBeUndefined();
    }
    const ends = new Date(Date.now() + 8000);
    const published = await app.gql(PUBLISH, { r: seeded.roundId, n: ends.toISOString() }, admin);
    expect(published.errors).toBeUndefined();
    const publicationId = published.data!.publishResults.id as string;

    await page.goto(`${base}/org/round/${seeded.roundId}?stage=publication`);
    const card = page.getByTestId('publication-1');
    const finalise = card.getByRole('button', { name: '确认为最终结果' });
    await finalise.waitFor();
    expect(await finalise.isDisabled()).toBe(true);
    const wait = card.getByTestId('finalise-wait');
    // the local time, as the page writes times
    const at = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat('zh-CN', { dateStyle: 'short', timeStyle: 'medium' }).format(
          new Date(iso),
        ),
      ends.toISOString(),
    );
    expect(await wait.textContent()).toBe(`公示期至 ${at} 后可确认`);
    await page.screenshot({ path: join(WEB_ARTIFACTS, 'finalise-during-notice.png') });
    await switchLanguage();
    expect(await wait.textContent()).toContain('Can be made final once the notice period ends');
    await switchLanguage();
    expect(Date.now()).toBeLessThan(ends.getTime());
    await page.evaluate(() => ((globalThis as any).__notReloaded = true));

    // the notice ends: the button is offered on its own, and finalises
    await page.waitForFunction(
      () =>
        !(globalThis as any).document.querySelector('[data-testid=publication-1] .actions button')
          .disabled,
      undefined,
      { timeout: 15_000 },
    );
    expect(Date.now()).toBeGreaterThanOrEqual(ends.getTime());
    expect(await wait.count()).toBe(0);
    await finalise.click();
    await card.getByRole('button', { name: '确认，定为最终结果' }).click();
    await card.locator('[data-status=FINAL]').waitFor();
    expect(await statusOf('publications', publicationId)).toBe('FINAL');
    expect(await page.evaluate(() => (globalThis as any).__notReloaded)).toBe(true);
  });
});
