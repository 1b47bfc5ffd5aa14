import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createConnection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { loadConfig, systemCtx, withManager } from '@app/core';
import { RoundsForResults } from '@app/judging';
import { TabulationRunner } from '@app/results';
import { tabulate } from '@app/tabulation';
import { createApi } from '../apps/api/src/create-api';
import { adminCtx } from './fixtures';
import { seedJudgedRound } from './round-seed';
import { summarise } from './stats';

const DB = 'judging_bench_tabjob';
const ENTRIES = 12_000;
const SHEETS_PER_ENTRY = 5;
const JUDGES = 100;
const RUNS = 5;
const TARGET_MS = 3_000;

/**
 * Issue 6's job benchmark: a round of 12,000 entries × 5 sheets × 4 criteria seeded by plain
 * SQL, then the whole tabulation job as the worker runs it (lock, read one snapshot, compute,
 * write 12,000 results, audit, TABULATED), RUNS times (each a new close, so a new version).
 * Beside it, the read alone and the computation alone, to show where the time goes.
 */
export async function tabulationJobBench(): Promise<void> {
  const base = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306';
  const config = loadConfig({
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: `${base}/${DB}`,
    QUEUE_PREFIX: `judging_bench_tabjob_${process.pid}`,
    JWT_SECRET: 'bench-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    ADMIN_EMAIL: 'bench-admin@example.com',
    ADMIN_PASSWORD: 'bench-password-not-admin',
  });
  const root = await createConnection({ uri: base });
  await root.query(`DROP DATABASE IF EXISTS ${DB}`);
  const api = await createApi(config, { logger: ['error'] });
  await api.init();
  try {
    const seedStarted = performance.now();
    const { roundId } = await seedJudgedRound(api, await adminCtx(api), {
      slug: 'bench-tabjob',
      entries: ENTRIES,
      sheetsPerEntry: SHEETS_PER_ENTRY,
      judges: JUDGES,
    });
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const dataSource = api.get(DataSource);
    const runner = api.get(TabulationRunner);
    const rounds = api.get(RoundsForResults);
    const jobMs: number[] = [];
    const readMs: number[] = [];
    const computeMs: number[] = [];
    let hash = '';
    for (let run = 0; run < RUNS; run++) {
      await dataSource.query("UPDATE rounds SET status = 'CLOSED' WHERE id = ?", [roundId]);
      const t0 = performance.now();
      const outcome = await runner.run(systemCtx('bench'), roundId, 'close');
      jobMs.push(performance.now() - t0);
      if (outcome.kind !== 'written') throw new Error(`run ${run}: ${outcome.kind}`);
      hash = outcome.tabulation.hash;

      const input = await dataSource.transaction(async (manager) => {
        const r0 = performance.now();
        const read = await rounds.tabulationInput(
          withManager(systemCtx('bench'), manager),
          roundId,
        );
        readMs.push(performance.now() - r0);
        return read;
      });
      const c0 = performance.now();
      if (tabulate(input).hash !== hash) throw new Error('the job and the library disagree');
      computeMs.push(performance.now() - c0);
    }
    const [{ n }] = (await dataSource.query(
      'SELECT COUNT(*) AS n FROM entry_results r JOIN tabulations t ON t.id = r.tabulation_id WHERE t.round_id = ?',
      [roundId],
    )) as { n: string }[];
    const report = {
      bench: 'tabulation-job',
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      loadAverage: loadavg().map((l) => Math.round(l * 100) / 100),
      entries: ENTRIES,
      sheets: ENTRIES * SHEETS_PER_ENTRY,
      criteria: 4,
      seedSeconds: Math.round(seedSeconds * 100) / 100,
      versionsWritten: RUNS,
      resultRowsStored: Number(n),
      jobMs: summarise(jobMs),
      readMs: summarise(readMs),
      computeMs: summarise(computeMs),
      targetMs: TARGET_MS,
      hash,
    };
    writeFileSync(
      join(__dirname, '..', '..', 'bench', 'results', 'tabulation-job.json'),
      `${JSON.stringify(report, null, 2)}\n`,
    );
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } finally {
    await api.close();
    await root.query(`DROP DATABASE IF EXISTS ${DB}`);
    await root.end();
  }
}
