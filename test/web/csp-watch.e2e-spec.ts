import { Browser, chromium, Page } from 'playwright-core';
import { watchContentSecurityPolicy } from '@app/testing';
import { chromiumPath } from '../helpers/chromium';

/**
 * The browser tests' Content-Security-Policy watcher (test/helpers/web-app.ts) can fail: a page
 * under the web app's kind of policy that runs inline script or loads from another origin, and a
 * page served without any policy, each leave a problem. (The pages are made up here with
 * Playwright's routing; no server runs.)
 */
describe('the Content-Security-Policy watcher of the browser tests', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: ['--no-sandbox'] });
  });
  afterAll(() => browser?.close());

  async function visit(headers: Record<string, string>, body: string): Promise<string[]> {
    const problems: string[] = [];
    const page: Page = await browser.newPage();
    try {
      await watchContentSecurityPolicy(page, problems);
      await page.route('http://app.test/**', (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', headers, body }),
      );
      await page.goto('http://app.test/');
      await page.waitForLoadState('load');
      // violations are reported asynchronously
      await page.waitForTimeout(200);
      return problems;
    } finally {
      await page.close();
    }
  }

  const POLICY = { 'content-security-policy': "default-src 'self'; img-src 'self' data:" };

  it('reports nothing for a page that keeps to its policy', async () => {
    expect(await visit(POLICY, '<!doctype html><p>fine</p>')).toEqual([]);
  });

  it('reports inline script and an image of another origin', async () => {
    const problems = await visit(
      POLICY,
      '<!doctype html><script>document.title = "x"</script><img src="https://example.org/x.png">',
    );
    expect(problems.some((p) => /script-src-elem refused inline/.test(p))).toBe(true);
    expect(problems.some((p) => /img-src refused https:\/\/example\.org\/x\.png/.test(p))).toBe(
      true,
    );
  });

  it('reports a page served without a policy', async () => {
    expect(await visit({}, '<!doctype html><p>unguarded</p>')).toEqual([
      'no Content-Security-Policy on the page http://app.test/',
    ]);
  });
});
