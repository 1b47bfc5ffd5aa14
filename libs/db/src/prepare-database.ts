import { Logger } from '@nestjs/common';
import type { AppConfig } from '@app/core';
import { createConnection } from 'mysql2/promise';
import { DataSource, DataSourceOptions } from 'typeorm';
import {
  DatabaseFlavour,
  dataSourceOptions,
  databaseName,
  MIGRATIONS_TABLE,
} from './data-source-options';
import { MIGRATIONS } from './migrations';

const MIGRATION_LOCK = 'judging:migrate';
const MIGRATION_LOCK_WAIT_SECONDS = 60;
const logger = new Logger('Database');

/**
 * Creates the database (utf8mb4) when it is missing; idempotent and safe to race. Answers
 * whether the server is MySQL or MariaDB.
 */
export async function ensureDatabase(config: AppConfig): Promise<DatabaseFlavour> {
  const options = dataSourceOptions(config);
  const connection = await createConnection({
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
  });
  try {
    const name = databaseName(config.databaseUrl);
    await connection.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    const [rows] = await connection.query('SELECT VERSION() AS version');
    return /mariadb/i.test((rows as Array<{ version: string }>)[0].version) ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/**
 * The API's start-up: create the database if needed and run pending migrations while holding a
 * MySQL named lock, so several API processes starting together migrate exactly once.
 */
export async function migrateUnderLock(
  config: AppConfig,
): Promise<{ flavour: DatabaseFlavour; ran: string[] }> {
  const flavour = await ensureDatabase(config);
  const dataSource = new DataSource({
    ...dataSourceOptions(config, flavour),
    entities: [],
  } as DataSourceOptions);
  await dataSource.initialize();
  const lockRunner = dataSource.createQueryRunner();
  try {
    const [row] = (await lockRunner.query('SELECT GET_LOCK(?, ?) AS got', [
      MIGRATION_LOCK,
      MIGRATION_LOCK_WAIT_SECONDS,
    ])) as Array<{ got: number | string | null }>;
    if (Number(row?.got) !== 1) {
      throw new Error(`could not take the migration lock within ${MIGRATION_LOCK_WAIT_SECONDS}s`);
    }
    try {
      const ran = await dataSource.runMigrations({ transaction: 'each' });
      if (ran.length > 0) logger.log(`ran migrations: ${ran.map((m) => m.name).join(', ')}`);
      return { flavour, ran: ran.map((m) => m.name) };
    } finally {
      await lockRunner.query('SELECT RELEASE_LOCK(?)', [MIGRATION_LOCK]);
    }
  } finally {
    await lockRunner.release();
    await dataSource.destroy();
  }
}

/** The names of the migrations this build knows, in order. */
export function knownMigrationNames(): string[] {
  return MIGRATIONS.map((m) => m.name);
}

/**
 * The worker's start-up: it never migrates; it polls until the API has recorded every migration
 * this build knows (a worker of a newer build waits for its API).
 */
export async function waitForMigrations(
  config: AppConfig,
  { timeoutMs = 300_000, intervalMs = 1_000 } = {},
): Promise<DatabaseFlavour> {
  const options = dataSourceOptions(config);
  const expected = knownMigrationNames();
  const deadline = Date.now() + timeoutMs;
  let lastProblem = '';
  for (;;) {
    try {
      const connection = await createConnection({
        host: options.host,
        port: options.port,
        user: options.username,
        password: options.password,
        database: options.database,
      });
      try {
        const [rows] = await connection.query(`SELECT name FROM \`${MIGRATIONS_TABLE}\``);
        const done = new Set((rows as Array<{ name: string }>).map((r) => r.name));
        const missing = expected.filter((name) => !done.has(name));
        if (missing.length === 0) {
          const [version] = await connection.query('SELECT VERSION() AS version');
          return /mariadb/i.test((version as Array<{ version: string }>)[0].version)
            ? 'mariadb'
            : 'mysql';
        }
        lastProblem = `waiting for migrations: ${missing.join(', ')}`;
      } finally {
        await connection.end();
      }
    } catch (error) {
      lastProblem = `waiting for the database: ${(error as Error).message}`;
    }
    if (Date.now() > deadline) throw new Error(`gave up ${lastProblem}`);
    logger.log(lastProblem);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
