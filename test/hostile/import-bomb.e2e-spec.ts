import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  assertBuilt,
  DIST,
  craftsEvent,
  eventually,
  freePort,
  fulfilled,
  seedRegions,
  startTestApp,
  TestApp,
  together,
} from '@app/testing';
import { API_NODE_FLAGS } from '../../apps/api/src/node-flags';
import {
  deflatedPart,
  repeatedPart,
  sheetXml,
  storedPart,
  workbookParts,
  xlsxBomb,
  zipOfParts,
} from '../../libs/entries/src/import/test/import-fixtures';
import { Answer, HostileCase, HostileGroup, httpAnswer, httpRefusal } from './hostile';

/**
 * Issue 19 item 9 and issue 22: an XLSX import that is a zip bomb took the API from 280 MB to
 * 2.55 GB before it was refused. Each file below is sent to an API running in a process of its
 * own (production mode, the sources run through test/helpers/register-ts.cjs), whose peak
 * resident memory the kernel keeps (VmHWM, reset before each request): it must stay under
 * 400 MB, for one request and for four sent together.
 */

const MAX_PEAK_MB = 400;
const MIB = 1024 * 1024;

interface World {
  base: string;
  eventId: string;
  token: string;
}

const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
const HEADER_ROW = `<row r="1">${inline('A1', '参展单位')}${inline('B1', '类别代码')}${inline('C1', '作品名称')}</row>`;

/** A sheet of `hundreds` × 100 rows after the header, about 1 kB of file for 100 kB of XML. */
function manyRows(hundreds: number): Buffer {
  const unit = Buffer.from(
    Array.from(
      { length: 100 },
      () => `<row>${inline('A9', '无名公司')}${inline('B9', 'TC-01')}${inline('C9', '作品')}</row>`,
    ).join(''),
  );
  const sheet = repeatedPart(
    'xl/worksheets/sheet1.xml',
    sheetXml(HEADER_ROW).replace('</sheetData></worksheet>', ''),
    unit,
    hundreds,
    '</sheetData></worksheet>',
  );
  return zipOfParts([...workbookParts(), sheet]);
}

/**
 * A workbook just under the unpacked limit, honest about it: 30 MiB of shared strings (600,000 of 40 characters), what the reader must hold while it reads the sheet.
 */
function heavyStrings(): Buffer {
  const item = `<si><t>${'坭兴陶茶具'.repeat(8)}</t></si>`; // 8 + 120 + 9 bytes
  const perMib = Math.floor(MIB / Buffer.byteLength(item));
  const strings = repeatedPart(
    'xl/sharedStrings.xml',
    '<sst>',
    Buffer.from(item.repeat(perMib)),
    30,
    '</sst>',
  );
  const sheet = deflatedPart(
    'xl/worksheets/sheet1.xml',
    sheetXml(
      `${HEADER_ROW}<row r="2">${inline('A2', '无名公司')}${inline('B2', 'TC-01')}<c r="C2" t="s"><v>0</v></c></row>`,
    ),
  );
  return zipOfParts([...workbookParts({ sharedStrings: true }), sheet, strings]);
}

/** The resident memory figures of a process, in MB, from /proc (Linux). */
function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'mu').exec(status)![1]);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
}

describe('hostile input: imports that unpack to gigabytes', () => {
  const group = new HostileGroup<World>('import bombs');
  const peaks: Array<{ name: string; beforeMb: number; peakMb: number }> = [];
  let app: TestApp;
  let api: ChildProcess;
  let apiErrors = '';
  let world: World;

  /** Sends the request(s), the API's peak memory recorded from just before to the answer. */
  async function measured(name: string, send: () => Promise<Answer>): Promise<Answer> {
    const before = memoryMb(api.pid!);
    // Writing 5 resets the kernel's peak (VmHWM) to the present size.
    writeFileSync(`/proc/${api.pid}/clear_refs`, '5');
    const answer = await send();
    peaks.push({ name, beforeMb: before.rss, peakMb: memoryMb(api.pid!).peak });
    return answer;
  }

  async function upload(bytes: Buffer, fileName = 'entries.xlsx'): Promise<Answer> {
    const form = new FormData();
    form.append('file', new Blob([bytes]), fileName);
    const res = await fetch(`${world.base}/api/events/${world.eventId}/entries/import`, {
      method: 'POST',
      headers: { authorization: `Bearer ${world.token}` },
      body: form,
    });
    const text = await res.text();
    let body: unknown = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: text };
    }
    return httpAnswer({ status: res.status, body });
  }

  /** All answers of requests sent together must be the same; the first stands for them. */
  async function fourAtOnce(bytes: Buffer): Promise<Answer> {
    const answers = fulfilled(await together(4, () => upload(bytes)));
    for (const answer of answers) {
      expect({ ...answer, message: undefined }).toEqual({ ...answers[0], message: undefined });
    }
    return answers[0];
  }

  const bomb = xlsxBomb(1600);
  const lyingBomb = xlsxBomb(1600, 1024);
  const rows = manyRows(2_000);
  const heavy = heavyStrings();
  const parts = zipOfParts([
    ...workbookParts(),
    deflatedPart('xl/worksheets/sheet1.xml', sheetXml(HEADER_ROW)),
    ...Array.from({ length: 5_000 }, (_, i) => storedPart(`xl/media/${i}.bin`, '')),
  ]);

  const CASES: Array<HostileCase<World>> = [
    {
      name: `a ${(bomb.length / 1e6).toFixed(1)} MB workbook whose sheet unpacks to 1.6 GiB, as its directory says`,
      send: () => measured('bomb, honest directory', () => upload(bomb)),
      expect: httpRefusal(400, 'BAD_USER_INPUT', 'UNPACKED_TOO_LARGE'),
    },
    {
      name: 'the same bomb, its directory saying the sheet is 1 kB',
      send: () => measured('bomb, lying directory', () => upload(lyingBomb)),
      expect: httpRefusal(400, 'BAD_USER_INPUT', 'UNPACKED_TOO_LARGE'),
    },
    {
      name: 'the lying bomb four times at once',
      send: () => measured('bomb, lying directory, 4 at once', () => fourAtOnce(lyingBomb)),
      expect: httpRefusal(400, 'BAD_USER_INPUT', 'UNPACKED_TOO_LARGE'),
    },
    {
      name: 'a workbook of 5,000 parts',
      send: () => measured('5,000 parts', () => upload(parts)),
      expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_PARTS'),
    },
    {
      name: `a ${(rows.length / 1e6).toFixed(1)} MB workbook of 200,000 rows (20 MB of XML)`,
      send: () => measured('200,000 rows', () => upload(rows)),
      expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_ROWS'),
    },
    {
      name: 'that workbook four times at once',
      send: () => measured('200,000 rows, 4 at once', () => fourAtOnce(rows)),
      expect: httpRefusal(400, 'BAD_USER_INPUT', 'TOO_MANY_ROWS'),
    },
    {
      name: 'a workbook just under the unpacked limit: 30 MiB of shared strings',
      send: () => measured('30 MiB of shared strings', () => upload(heavy)),
      // read whole, then refused row by row: the entrant named does not exist
      expect: httpRefusal(400, 'BAD_USER_INPUT', 'IMPORT_HAS_ERRORS'),
    },
    {
      name: 'that workbook four times at once',
      send: () => measured('30 MiB of shared strings, 4 at once', () => fourAtOnce(heavy)),
      expect: httpRefusal(400, 'BAD_USER_INPUT', 'IMPORT_HAS_ERRORS'),
    },
  ];

  beforeAll(async () => {
    assertBuilt();
    app = await startTestApp();
    await seedRegions(app);
    const event = await craftsEvent(app, 'hostile-import');
    const token = await app.adminToken();
    const port = await freePort();
    api = spawn(
      process.execPath,
      // The build `npm start` runs (npm test builds it first), so the memory is production's.
      [...API_NODE_FLAGS, join(DIST, 'api', 'src', 'main.js')],
      {
        env: {
          PATH: process.env.PATH ?? '',
          NODE_ENV: 'production',
          PORT: String(port),
          DATABASE_URL: app.config.databaseUrl.toString(),
          REDIS_URL: app.config.redisUrl.toString(),
          QUEUE_PREFIX: app.config.queuePrefix,
          STORAGE_DIR: app.config.storageDir,
          JWT_SECRET: app.config.jwtSecret!,
          ADMIN_EMAIL: app.config.adminEmail,
          ADMIN_PASSWORD: 'hostile-import-admin-password',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    api.stderr!.on('data', (chunk: Buffer) => (apiErrors += chunk.toString()));
    const base = `http://127.0.0.1:${port}`;
    await eventually(
      async () => ((await fetch(`${base}/health/live`).catch(() => null))?.ok ? true : undefined),
      90_000,
      `the API on port ${port} answering (${apiErrors})`,
    );
    world = { base, eventId: event.eventId, token };
    await group.start(app);
  }, 150_000);

  afterAll(async () => {
    api?.kill('SIGKILL');
    await app?.close();
  });

  it.each(CASES.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    await group.check(row, world);
  });

  it(`kept the API under ${MAX_PEAK_MB} MB throughout`, () => {
    process.stdout.write(
      `import bombs, API resident memory (MB, before → peak):\n` +
        peaks.map((p) => `  ${p.name}: ${p.beforeMb} → ${p.peakMb}\n`).join(''),
    );
    expect(peaks).toHaveLength(CASES.length);
    for (const p of peaks) expect({ [p.name]: p.peakMb < MAX_PEAK_MB }).toEqual({ [p.name]: true });
  });

  it('wrote nothing, answered no 5xx, and the API still answers', async () => {
    await group.verdict(CASES.length);
    expect((await fetch(`${world.base}/health/live`)).status).toBe(200);
  });
});
