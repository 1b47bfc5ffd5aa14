import { BrowserContext, Page } from 'playwright-core';
import { CREATE_USER, eventually, startWebTestApp, TestApp, WebTestApp } from '@app/testing';

const PASSWORD = 'correct horse battery';
const ME = '{me{id}}';

/**
 * Signing out in the web app ends the sign-in on the server too (issue 19): a copy of the token
 * (another tab, a stolen tablet's storage) stops working. Offline, the tablet forgets the token
 * at once and has the server revoke it when the network is back.
 */
describe('signing out in the web app (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    app = web.app;
    const res = await app.gql(
      CREATE_USER,
      {
        input: {
          email: 'leaving-judge@example.com',
          password: PASSWORD,
          name: '评委',
          role: 'JUDGE',
        },
      },
      await app.adminToken(),
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    context = await web.browser.newContext({
      viewport: { width: 800, height: 1280 },
      locale: 'zh-CN',
    });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
  }, 180_000); // a vite build of its own first
  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));
  afterAll(() => web?.close());

  /** What the web app keeps in the page's localStorage under `key` (the test has no DOM types). */
  const stored = (key: string) =>
    page.evaluate<string | null>(`localStorage.getItem(${JSON.stringify(key)})`);

  /** Signs in through the form; answers the token the app keeps. */
  async function signIn(): Promise<string> {
    await page.goto(`${web.base}/`);
    await page.getByLabel('邮箱').fill('leaving-judge@example.com');
    await page.getByLabel('密码').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '退出登录' }).waitFor();
    const token = (
      JSON.parse((await stored('judging.session')) ?? 'null') as { token: string } | null
    )?.token;
    expect(typeof token).toBe('string');
    expect((await app.gql(ME, {}, token)).errors).toBeUndefined();
    return token!;
  }

  const refusal = async (token: string) =>
    (await app.gql(ME, {}, token)).errors?.[0]?.extensions.reason;

  it('the sign-out button revokes the token on the server', async () => {
    const token = await signIn();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await stored('judging.session')).toBeNull();
    await eventually(
      async () => ((await refusal(token)) === 'TOKEN_REVOKED' ? true : undefined),
      5_000,
      'the token revoked',
    );
  });

  it('offline, the tablet forgets the token at once and revokes it when the network is back', async () => {
    const token = await signIn();
    await context.setOffline(true);
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(await stored('judging.session')).toBeNull();
    // the server has not heard of it yet
    expect(await refusal(token)).toBeUndefined();
    await context.setOffline(false);
    await eventually(
      async () => ((await refusal(token)) === 'TOKEN_REVOKED' ? true : undefined),
      5_000,
      'the token revoked once online',
    );
    expect(await stored('judging.signed-out')).toBeNull();
  });
});
