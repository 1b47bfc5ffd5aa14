import { DataSource } from 'typeorm';
import { loadConfig } from '@app/core';
import { knownMigrationNames, migrateUnderLock, waitForMigrations } from '@app/db';
import { startTestApp, TestApp, TEST_MYSQL, UPSERT_REGIONS } from '@app/testing';
import { createConnection } from 'mysql2/promise';
import { randomBytes } from 'node:crypto';

describe('database schema', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('entities and migrations agree: after migrating, the schema builder has nothing left to do', async () => {
    const dataSource = app.api.get(DataSource);
    const log = await dataSource.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('never synchronizes', () => {
    expect(app.api.get(DataSource).options.synchronize).toBe(false);
  });

  it('creates the database in utf8mb4 and round-trips 𠮷 unchanged', async () => {
    const [db] = await app.sql<{ charset: string; collation: string }>(
      'SELECT default_character_set_name AS charset, default_collation_name AS collation FROM information_schema.schemata WHERE schema_name = DATABASE()',
    );
    expect(db).toEqual({ charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci' });
    const name = '𠮷野家 工艺美术𠀀';
    const res = await app.gql(
      UPSERT_REGIONS,
      { input: [{ code: '450100', name }] },
      await app.adminToken(),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.upsertRegions).toEqual([{ code: '450100', name }]);
    const [row] = await app.sql<{ name: string; hex: string }>(
      'SELECT name, HEX(name) AS hex FROM regions WHERE code = ?',
      ['450100'],
    );
    expect(row.name).toBe(name);
    expect(row.hex).toBe(Buffer.from(name, 'utf8').toString('hex').toUpperCase());
    const regions = await app.gql('{regions{code name}}');
    expect(regions.data?.regions).toEqual([{ code: '450100', name }]);
  });
});

describe('migrations under a lock', () => {
  const config = () =>
    loadConfig({ DATABASE_URL: `${TEST_MYSQL}/judging_lock_${randomBytes(4).toString('hex')}` });

  async function drop(name: string): Promise<void> {
    const connection = await createConnection({ uri: TEST_MYSQL });
    await connection.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await connection.end();
  }

  it('three APIs starting together create the database and run each migration exactly once', async () => {
    const c = config();
    try {
      const runs = await Promise.all([
        migrateUnderLock(c),
        migrateUnderLock(c),
        migrateUnderLock(c),
      ]);
      expect(runs.flatMap((r) => r.ran).sort()).toEqual(knownMigrationNames().sort());
      const ds = new DataSource({ type: 'mysql', url: c.databaseUrl.toString() });
      await ds.initialize();
      const rows = await ds.query('SELECT name FROM migrations');
      await ds.destroy();
      expect(rows.map((r: { name: string }) => r.name).sort()).toEqual(
        knownMigrationNames().sort(),
      );
    } finally {
      await drop(c.databaseUrl.pathname.slice(1));
    }
  });

  it('a worker waits until the API has migrated, then goes on', async () => {
    const c = config();
    try {
      let settled = false;
      const waiting = waitForMigrations(c, { timeoutMs: 20_000, intervalMs: 100 }).then(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(settled).toBe(false);
      await migrateUnderLock(c);
      await waiting;
      expect(settled).toBe(true);
    } finally {
      await drop(c.databaseUrl.pathname.slice(1));
    }
  });

  it('a worker gives up with a clear message when the migrations never come', async () => {
    const c = config();
    await expect(waitForMigrations(c, { timeoutMs: 300, intervalMs: 100 })).rejects.toThrow(
      /gave up waiting for the database: Unknown database/,
    );
  });
});
