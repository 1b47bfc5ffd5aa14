import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Browser, BrowserContextOptions, chromium, Page } from 'playwright-core';
import { chromiumPath } from './chromium';
import { CREATE_USER } from './fixtures';
import { startTestApp, TestApp } from './test-app';

const ROOT = resolve(__dirname, '../..');

/** Where browser tests leave their screenshots (gitignored). */
export const WEB_ARTIFACTS = join(ROOT, 'test-artifacts/web');

export interface WebTestApp {
  app: TestApp;
  /** http://127.0.0.1:{port}, where the API serves the web app */
  base: string;
  /** the web app as vite built it for this test file */
  webDir: string;
  browser: Browser;
  close: () => Promise<void>;
}

/**
 * For a browser test: the web app built by vite into a directory of the test's own, the real
 * API (with the photo worker) serving it on a port against MariaDB and Redis, and Debian's
 * chromium driven by playwright-core (never a downloaded browser).
 */
export async function startWebTestApp(): Promise<WebTestApp> {
  const executablePath = chromiumPath();
  mkdirSync(WEB_ARTIFACTS, { recursive: true });
  const webDir = mkdtempSync(join(tmpdir(), 'judging-web-'));
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      'apps/web/vite.config.ts',
      '--outDir',
      webDir,
      '--emptyOutDir',
      '--logLevel',
      'error',
    ],
    // jest sets NODE_ENV=test, which would give React's development build.
    { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  const app = await startTestApp({ worker: true, webDir });
  await app.api.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.api.getHttpServer().address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
  return {
    app,
    base,
    webDir,
    browser,
    close: async () => {
      await browser.close();
      await app.close();
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}

/** What a page reports of each violation, through the binding the init script calls. */
const CSP_BINDING = '__reportCspViolation';

/**
 * Makes a browser test fail on any Content-Security-Policy violation (docs/http.md, "Security
 * headers"): every `securitypolicyviolation` event of the page, every console error of
 * chromium's about one ("Refused to … because it violates … Content Security Policy …"), and
 * every document of the server that arrives without a policy (a check that no violation can
 * mean nothing) becomes a line in `problems`, the array the test's afterEach already expects
 * to be empty. Call it right after `newPage()`, before the first `goto`.
 */
export async function watchContentSecurityPolicy(page: Page, problems: string[]): Promise<void> {
  await page.exposeFunction(CSP_BINDING, (line: string) => {
    problems.push(`CSP violation: ${line}`);
  });
  await page.addInitScript((binding: string) => {
    // Runs in the page; the tests are type-checked without the DOM lib.
    const browser = globalThis as any;
    browser.document.addEventListener('securitypolicyviolation', (event: any) => {
      browser[binding](
        `${event.effectiveDirective} refused ${event.blockedURI || 'inline code'} on ` +
          `${event.documentURI} (${event.sourceFile || '-'}:${event.lineNumber})`,
      );
    });
  }, CSP_BINDING);
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) {
      problems.push(`CSP console error: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    const request = response.request();
    if (request.resourceType() !== 'document' || request.frame() !== page.mainFrame()) return;
    if (!response.headers()['content-security-policy']) {
      problems.push(`no Content-Security-Policy on the page ${response.url()}`);
    }
  });
}

/** The password of the staff accounts browser tests make (long enough for the rules). */
export const STAFF_PASSWORD = 'correct horse battery';

/**
 * An organiser account made through the API by the admin, signed in on a new page of its own
 * context: watched (page errors and Content-Security-Policy violations go to `problems`, which
 * the test's afterEach expects empty), with a 15 s default timeout, waiting on the first screen
 * after the sign-in. `context` sets the viewport, locale, time zone.
 */
export async function organiserPage(
  web: WebTestApp,
  problems: string[],
  context: BrowserContextOptions,
  name = '主办 吴',
): Promise<Page> {
  const email = `organiser-${randomUUID()}@example.com`;
  const made = await web.app.gql(
    CREATE_USER,
    { input: { email, password: STAFF_PASSWORD, name, role: 'ORGANISER' } },
    await web.app.adminToken(),
  );
  if (made.errors) throw new Error(`the organiser was not made: ${JSON.stringify(made.errors)}`);
  const page = await (await web.browser.newContext(context)).newPage();
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => problems.push(String(error)));
  await watchContentSecurityPolicy(page, problems);
  await page.goto(`${web.base}/login`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(STAFF_PASSWORD);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.locator('main h1').waitFor();
  return page;
}
