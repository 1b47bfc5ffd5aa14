import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserContext, Page } from 'playwright-core';
import { judgeEntryUrl, LABEL_LAYOUTS, labelCells } from '@app/documents';
import {
  craftsEvent,
  startWebTestApp,
  TestApp,
  watchContentSecurityPolicy,
  WEB_ARTIFACTS,
  WebTestApp,
} from '@app/testing';
import { pdfQrs, readPdf } from '../helpers/pdf-reader';
import { Hall, PASSWORD, seedHall } from './judge-hall-fixtures';

/**
 * 打印展签 (issue 20) in Chromium: the organiser's button on the event screen starts the sheet,
 * shows its progress and gives the PDF; each printed QR code, read back from that PDF, is the
 * judge URL of its label, and opening it signed in as a judge shows that exhibit's sheet.
 */
describe('exhibit labels from the organiser portal (chromium)', () => {
  let web: WebTestApp;
  let app: TestApp;
  let hall: Hall;
  let eventId: string;
  const contexts: BrowserContext[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    app = web.app;
    hall = await seedHall(app, 'labels', 3);
    [{ id: eventId }] = await app.sql<{ id: string }>('SELECT id FROM events WHERE slug = ?', [
      'labels-a',
    ]);
  });

  afterEach(() => expect(pageErrors.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  async function signedIn(email: string, password: string): Promise<Page> {
    const context = await web.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
      serviceWorkers: 'block',
    });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    await watchContentSecurityPolicy(page, pageErrors);
    await page.goto(`${web.base}/login`);
    await page.getByLabel('邮箱').fill(email);
    await page.getByLabel('密码').fill(password);
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL((url) => url.pathname !== '/login');
    return page;
  }

  it('the button prints the event’s labels with progress; the PDF’s QR codes open each exhibit’s judge sheet', async () => {
    const organiser = await signedIn(app.config.adminEmail, app.config.adminPassword!);
    await organiser.goto(`${web.base}/org/event/${eventId}`);
    const section = organiser.getByRole('region', { name: '展签' });
    await section.waitFor();
    await section.getByLabel('版式').selectOption('2x4');
    expect(await section.getByLabel('类别').locator('option').first().innerText()).toBe('全部类别');
    await section.getByRole('button', { name: '打印展签' }).click();
    await section.getByRole('status').filter({ hasText: '展签已生成：共 3 张' }).waitFor();
    expect(await section.locator('progress').getAttribute('value')).toBe('3');
    await organiser.screenshot({ path: join(WEB_ARTIFACTS, 'exhibit-labels-ready.png') });

    const [download] = await Promise.all([
      organiser.waitForEvent('download'),
      section.getByRole('button', { name: '下载展签 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('labels-a-labels-all-2x4.pdf');
    const pdf = readFileSync((await download.path())!);
    const read = readPdf(pdf);
    expect(read.pages).toBe(1);
    const codes = [...hall.codes].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    const text = read.text.join('').replace(/\s+/g, '');
    for (const code of codes) expect(text).toContain(code);

    const found = await pdfQrs(pdf, labelCells(LABEL_LAYOUTS['2x4']).slice(0, 4));
    expect(found.map((qr) => qr?.data ?? null)).toEqual([
      ...codes.map((code) => judgeEntryUrl(app.config.publicUrl, code)),
      null,
    ]);

    // A phone camera reads the code and opens it: the judge, signed in, sees that exhibit.
    const judge = await signedIn(hall.judge.email, PASSWORD);
    for (const qr of found.slice(0, 2)) {
      const { pathname } = new URL(qr!.data);
      await judge.goto(`${web.base}${pathname}`);
      const code = decodeURIComponent(pathname.split('/').pop()!);
      await judge.getByRole('heading', { name: new RegExp(code) }).waitFor();
      expect(new URL(judge.url()).pathname).toBe(`/judge/entry/${code}`);
    }
  });

  it('asking again gives the same sheet at once; a category’s sheet in the 3×7 layout; the words in English', async () => {
    const organiser = await signedIn(app.config.adminEmail, app.config.adminPassword!);
    await organiser.goto(`${web.base}/org/event/${eventId}`);
    const section = organiser.getByRole('region', { name: '展签' });
    await section.getByRole('button', { name: '打印展签' }).click();
    await section.getByRole('status').filter({ hasText: '展签已生成：共 3 张' }).waitFor();

    await section.getByLabel('类别').selectOption({ label: 'TC 陶瓷' });
    await section.getByLabel('版式').selectOption('3x7');
    await section.getByRole('button', { name: '打印展签' }).click();
    await section.getByRole('status').filter({ hasText: '展签已生成：共 3 张' }).waitFor();
    const [download] = await Promise.all([
      organiser.waitForEvent('download'),
      section.getByRole('button', { name: '下载展签 PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('labels-a-labels-TC-3x7.pdf');

    await organiser.getByRole('button', { name: '语言' }).click();
    const english = organiser.getByRole('region', { name: 'Exhibit labels' });
    await english.getByRole('button', { name: 'Print exhibit labels' }).click();
    await english
      .getByRole('status')
      .filter({ hasText: 'The labels are ready: 3 in all' })
      .waitFor();
    await english.getByRole('button', { name: 'Download the labels (PDF)' }).waitFor();
    await organiser.getByRole('button', { name: 'Language' }).click();
  });

  it('says in words why an event without accepted entries has no labels', async () => {
    const empty = await craftsEvent(app, 'labels-empty');
    const organiser = await signedIn(app.config.adminEmail, app.config.adminPassword!);
    await organiser.goto(`${web.base}/org/event/${empty.eventId}`);
    const section = organiser.getByRole('region', { name: '展签' });
    await section.getByRole('button', { name: '打印展签' }).click();
    await section
      .getByRole('alert')
      .filter({ hasText: '这里还没有通过审核、已有展品编号的作品，暂无展签可打印' })
      .waitFor();
    expect(await section.getByRole('button', { name: '下载展签 PDF' }).count()).toBe(0);
  });
});
