import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { startTestApp, TestApp } from '@app/testing';
import { DemoModule } from '../src/demo/demo.module';
import { SeedDemoService } from '../src/demo/seed-demo.service';
import { EntryService } from '@app/entries';

/** `npm run seed:demo` in-process, on a database of its own. */
describe('the demo seed', () => {
  let app: TestApp;
  let demo: INestApplicationContext;
  beforeAll(async () => {
    app = await startTestApp();
    demo = await NestFactory.createApplicationContext(DemoModule.forRoot(app.config), {
      logger: ['error'],
    });
  });
  afterAll(async () => {
    await demo.close();
    await app.close();
  });

  it('creates the 14 cities, 30 entrants of every type and 100+ entries in every status, with a sound audit chain', async () => {
    const summary = await demo
      .get(SeedDemoService)
      .run(app.config.adminEmail, app.config.adminPassword);
    expect(summary.created).toBe(true);

    expect(await app.sql('SELECT code FROM regions')).toHaveLength(14);
    const types = await app.sql<{ type: string; n: number }>(
      'SELECT type, COUNT(*) AS n FROM entrants GROUP BY type ORDER BY type',
    );
    expect(types.map((t) => [t.type, Number(t.n)])).toEqual([
      ['ENTERPRISE', 12],
      ['INDIVIDUAL', 12],
      ['INSTITUTION', 6],
    ]);
    const statuses = await app.sql<{ status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM entries WHERE event_id = ? GROUP BY status',
      [summary.eventId],
    );
    expect(statuses.map((s) => s.status).sort()).toEqual([
      'ACCEPTED',
      'DISQUALIFIED',
      'DRAFT',
      'REJECTED',
      'SUBMITTED',
      'WITHDRAWN',
    ]);
    expect(statuses.reduce((sum, s) => sum + Number(s.n), 0)).toBeGreaterThanOrEqual(100);
    const codes = await app.sql<{ code: string }>(
      'SELECT code FROM entries WHERE event_id = ? AND code IS NOT NULL',
      [summary.eventId],
    );
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    expect(codes.every((c) => /^[A-Z]{2}-0[12]-\d{4}$/.test(c.code))).toBe(true);
    expect(await app.sql("SELECT id FROM entrants WHERE name LIKE '%𠮷%'")).toHaveLength(1);

    const admin = await app.adminToken();
    const chain = await app.gql(
      'query($e:ID!){verifyAuditChain(eventId:$e){ok records}}',
      { e: summary.eventId },
      admin,
    );
    expect(chain.data!.verifyAuditChain.ok).toBe(true);
    expect(chain.data!.verifyAuditChain.records).toBeGreaterThan(120);
    const signIn = await app.login('entrant01@example.com', 'demo-password');
    expect(signIn.split('.')).toHaveLength(3);
  });

  it('changes nothing when run again', async () => {
    const before = await app.sql('SELECT COUNT(*) AS n FROM audit_records');
    const again = await demo
      .get(SeedDemoService)
      .run(app.config.adminEmail, app.config.adminPassword);
    expect(again.created).toBe(false);
    expect(await app.sql('SELECT COUNT(*) AS n FROM audit_records')).toEqual(before);
  });
});

describe('the demo seed, failing half-way', () => {
  let app: TestApp;
  let demo: INestApplicationContext;
  beforeAll(async () => {
    app = await startTestApp();
    demo = await NestFactory.createApplicationContext(DemoModule.forRoot(app.config), {
      logger: ['error'],
    });
  });
  afterAll(async () => {
    await demo.close();
    await app.close();
  });

  it('leaves nothing behind, so the next run starts clean', async () => {
    const entries = demo.get(EntryService);
    const original = entries.create.bind(entries);
    let calls = 0;
    const spy = jest.spyOn(entries, 'create').mockImplementation(async (...args) => {
      if (++calls === 10) throw new Error('the machine went down');
      return original(...args);
    });
    await expect(
      demo.get(SeedDemoService).run(app.config.adminEmail, app.config.adminPassword),
    ).rejects.toThrow('went down');
    spy.mockRestore();
    expect(
      await app.sql("SELECT id FROM users WHERE email = 'organiser@example.com'"),
    ).toHaveLength(0);
    expect(await app.sql('SELECT id FROM entries')).toHaveLength(0);
    expect(await app.sql('SELECT id FROM events')).toHaveLength(0);

    const summary = await demo
      .get(SeedDemoService)
      .run(app.config.adminEmail, app.config.adminPassword);
    expect(summary.created).toBe(true);
  });
});
