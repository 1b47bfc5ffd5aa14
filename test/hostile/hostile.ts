import { createHmac } from 'node:crypto';
import type { GqlResult, TestApp } from '@app/testing';

/**
 * The hostile-input suite's frame (issue 10): every case is a bad request answered with its
 * contract code and reason, none is a server error, and the group as a whole writes nothing.
 */

/** What a refusal said: the HTTP status and the contract's code and reason. */
export interface Answer {
  status: number;
  code: string | undefined;
  reason: string | undefined;
  /** the human part (a GraphQL error's message, or the HTTP body's message) */
  message: string | undefined;
}

export interface Expected {
  status: number;
  code: string;
  reason: string;
}

/** One row of a group's table: the request and what it must be answered with. */
export interface HostileCase<W> {
  name: string;
  send: (world: W) => Promise<Answer>;
  expect: Expected;
}

/** The first error of a GraphQL answer (a refusal has exactly one). */
export function gqlAnswer(res: GqlResult): Answer {
  const error = res.errors?.[0];
  const extensions: { code?: string; reason?: string } = error?.extensions ?? {};
  return {
    status: res.status,
    code: extensions.code,
    reason: extensions.reason,
    message: error?.message,
  };
}

/** A plain HTTP refusal: `{"code","reason","message"}` (docs/http.md), or Apollo's errors array. */
export function httpAnswer(res: { status: number; body: any }): Answer {
  const body = res.body ?? {};
  if (Array.isArray(body.errors)) {
    return gqlAnswer({ status: res.status, data: body.data, errors: body.errors, body });
  }
  return { status: res.status, code: body.code, reason: body.reason, message: body.message };
}

/** A GraphQL error as returned for a domain refusal (HTTP 200 with an error). */
export const gqlRefusal = (code: string, reason: string): Expected => ({
  status: 200,
  code,
  reason,
});
/** A refusal of the GraphQL layer itself or of a plain HTTP endpoint. */
export const httpRefusal = (status: number, code: string, reason: string): Expected => ({
  status,
  code,
  reason,
});

/** Every base table's row count and checksum, so an insert, delete or update shows. */
export async function databaseState(
  app: TestApp,
): Promise<Map<string, { rows: number; sum: string }>> {
  const schema = app.config.databaseUrl.pathname.slice(1);
  const tables = await app.sql<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
      WHERE table_schema = ? AND table_type = 'BASE TABLE' ORDER BY table_name`,
    [schema],
  );
  const state = new Map<string, { rows: number; sum: string }>();
  if (tables.length === 0) return state;
  const quoted = tables.map((t) => `\`${t.name}\``);
  const counts = await app.sql<{ name: string; n: number }>(
    tables
      .map((t, i) => `SELECT '${t.name}' AS name, COUNT(*) AS n FROM ${quoted[i]}`)
      .join(' UNION ALL '),
  );
  const sums = await app.sql<{ Table: string; Checksum: string | number | null }>(
    `CHECKSUM TABLE ${quoted.join(', ')}`,
  );
  for (const row of counts) state.set(row.name, { rows: Number(row.n), sum: '' });
  for (const row of sums) {
    const name = row.Table.slice(row.Table.indexOf('.') + 1);
    state.get(name)!.sum = String(row.Checksum);
  }
  return state;
}

/** Rows added or removed, and the tables whose contents changed at all, between two states. */
export function difference(
  before: Map<string, { rows: number; sum: string }>,
  after: Map<string, { rows: number; sum: string }>,
): { rowsWritten: number; changedTables: string[] } {
  let rowsWritten = 0;
  const changedTables: string[] = [];
  for (const [name, now] of after) {
    const then = before.get(name) ?? { rows: 0, sum: '' };
    rowsWritten += Math.abs(now.rows - then.rows);
    if (now.sum !== then.sum || now.rows !== then.rows) changedTables.push(name);
  }
  return { rowsWritten, changedTables };
}

const isServerError = (answer: Answer) =>
  answer.status >= 500 || answer.code === 'INTERNAL_SERVER_ERROR';

/**
 * Runs a group's table around one app: `start` after the group's setup (everything written
 * before it is fixture), `check` per row, `verdict` at the end. The summary line goes to the
 * test output whatever the outcome.
 */
export class HostileGroup<W> {
  private app!: TestApp;
  private before!: Map<string, { rows: number; sum: string }>;
  private readonly answers: Array<{ name: string; answer: Answer }> = [];

  constructor(readonly title: string) {}

  async start(app: TestApp): Promise<void> {
    this.app = app;
    this.before = await databaseState(app);
  }

  async check(row: HostileCase<W>, world: W): Promise<void> {
    const answer = await row.send(world);
    this.answers.push({ name: row.name, answer });
    expect(isServerError(answer)).toBe(false);
    expect({ status: answer.status, code: answer.code, reason: answer.reason }).toEqual(row.expect);
    expect(answer.message).toEqual(expect.stringMatching(/\S/));
  }

  /** Nothing written, no server error, and the server still answers /health/live. */
  async verdict(expectedCases: number): Promise<void> {
    const { rowsWritten, changedTables } = difference(this.before, await databaseState(this.app));
    const serverErrors = this.answers.filter((a) => isServerError(a.answer)).length;
    const live = await this.app.http().get('/health/live');
    process.stdout.write(
      `hostile ${this.title}: ${this.answers.length} cases, ${serverErrors} server errors, ` +
        `${rowsWritten} rows written, tables changed: ${changedTables.join(', ') || 'none'}\n`,
    );
    expect(this.answers).toHaveLength(expectedCases);
    expect(serverErrors).toBe(0);
    expect({ rowsWritten, changedTables }).toEqual({ rowsWritten: 0, changedTables: [] });
    expect(live.status).toBe(200);
  }
}

/**
 * Declares one group's block: `build` makes the world (everything it writes is fixture), then
 * one test per row of `cases`, then the group's verdict. The app is closed after all.
 */
export function describeHostile<W extends { app: TestApp }>(
  name: string,
  title: string,
  build: () => Promise<W>,
  cases: Array<HostileCase<W>>,
): void {
  describe(name, () => {
    const group = new HostileGroup<W>(title);
    let world: W;

    beforeAll(async () => {
      world = await build();
      await group.start(world.app);
    });
    afterAll(() => world?.app.close());

    it.each(cases.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
      await group.check(row, world);
    });

    it('wrote no row, answered no 5xx, and still answers /health/live', () =>
      group.verdict(cases.length));
  });
}

/** A JWT made by hand: any header (alg "none" included), signed with HS256 when given a secret. */
export function handMadeJwt(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret?: string,
): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${part(header)}.${part(payload)}`;
  const signature = secret ? createHmac('sha256', secret).update(unsigned).digest('base64url') : '';
  return `${unsigned}.${signature}`;
}

/**
 * A real JPEG whose start-of-frame now claims `width` × `height`: the tables and the scan are
 * intact, so only the pixel count gives it away.
 */
export function bombJpeg(jpeg: Buffer, width: number, height: number): Buffer {
  const bomb = Buffer.from(jpeg);
  const sof = bomb.indexOf(Buffer.from([0xff, 0xc0]));
  if (sof < 0) throw new Error('no baseline start-of-frame in the JPEG');
  bomb.writeUInt16BE(height, sof + 5);
  bomb.writeUInt16BE(width, sof + 7);
  return bomb;
}
