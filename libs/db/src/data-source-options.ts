import type { AppConfig } from '@app/core';
import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from './migrations';

export type DatabaseFlavour = 'mysql' | 'mariadb';

export const MIGRATIONS_TABLE = 'migrations';

/** The database name of DATABASE_URL (the path, validated by the config). */
export function databaseName(url: URL): string {
  return url.pathname.replace(/^\//, '');
}

/**
 * Connection settings shared by the API, the worker, the TypeORM CLI and the tests.
 * utf8mb4 end to end (typeorm#3326), UTC everywhere, DECIMALs as strings (never floats),
 * and never `synchronize`: the schema comes only from reviewed migrations.
 */
export function dataSourceOptions(
  config: AppConfig,
  flavour: DatabaseFlavour = 'mysql',
): DataSourceOptions & { type: DatabaseFlavour } {
  const url = config.databaseUrl;
  return {
    // TypeORM reads MariaDB's information_schema differently (defaults, JSON): it must know.
    type: flavour,
    host: url.hostname,
    port: url.port ? Number(url.port) : 3306,
    username: decodeURIComponent(url.username || 'root'),
    password: decodeURIComponent(url.password),
    database: databaseName(url),
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    synchronize: false,
    migrationsRun: false,
    migrations: MIGRATIONS,
    migrationsTableName: MIGRATIONS_TABLE,
    migrationsTransactionMode: 'each',
    // trace: false — mysql2 otherwise captures a stack trace for every query (7 % of the API's
    // CPU under the score-sheets bench); a failed query's error still names the statement.
    extra: { connectionLimit: 20, enableKeepAlive: true, trace: false },
  };
}
