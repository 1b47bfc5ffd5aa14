import { Test, TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { createConnection, Connection } from 'mysql2/promise';
import { DataSource } from 'typeorm';
import { AppConfig, ConfigModule, DomainError, RequestCtx, Role, withManager } from '@app/core';
import { DatabaseModule } from '@app/db';
import { ORGANISING_ROLES, ROLES_KEY } from '@app/identity';
import { testConfig } from '@app/testing';
import {
  auditRecordHash,
  AuditEventLookup,
  AuditModule,
  AuditResolver,
  AuditService,
  ChainedAuditRecord,
} from '@app/audit';

/** The audit service against the real MariaDB/MySQL, migrated by the real migrations. */

const organiser: RequestCtx = {
  viewer: { userId: randomUUID(), role: Role.ORGANISER, entrantId: null, regionCode: null },
  requestId: 'audit-test',
  ip: '127.0.0.1',
};
const system: RequestCtx = { viewer: null, requestId: 'audit-test', ip: '127.0.0.1' };

const input = (eventId: string, n: number, detail: Record<string, unknown> = { n }) => ({
  eventId,
  action: 'SHEET_SUBMITTED',
  subjectType: 'ScoreSheet',
  subjectId: `sheet-${n}`,
  detail,
});

/** The DomainError `promise` rejects with. */
async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
}

describe('AuditService (real database)', () => {
  let config: AppConfig;
  let module: TestingModule;
  let audit: AuditService;
  let dataSource: DataSource;
  let sql: Connection;

  beforeAll(async () => {
    config = testConfig();
    module = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(config), DatabaseModule.forRoot('migrate'), AuditModule],
    }).compile();
    await module.init();
    audit = module.get(AuditService);
    dataSource = module.get(DataSource);
    sql = await createConnection({
      uri: config.databaseUrl.toString(),
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
    });
  });

  afterAll(async () => {
    await module?.close();
    if (sql) {
      await sql.query(`DROP DATABASE IF EXISTS \`${config.databaseUrl.pathname.slice(1)}\``);
      await sql.end();
    }
  });

  const rows = async <R>(query: string, params: unknown[] = []) =>
    (await sql.query(query, params))[0] as R[];
  const head = async (eventId: string) =>
    (
      await rows<{ seq: number; last_hash: string }>(
        'SELECT seq, last_hash FROM audit_chain_heads WHERE event_id = ?',
        [eventId],
      )
    )[0];

  it('entities and the migration agree (the schema builder has nothing to do for audit)', async () => {
    const log = await dataSource.driver.createSchemaBuilder().log();
    expect(log.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('chains several appends, stores what it answers, and verifies', async () => {
    const eventId = randomUUID();
    const at = new Date('2026-03-01T08:00:00.000Z');
    const first = await audit.append(organiser, input(eventId, 1, { b: 1, a: [2, 'x'] }), at);
    expect(first).toMatchObject({
      eventId,
      seq: 1,
      at,
      actorId: organiser.viewer!.userId,
      prevHash: null,
      detail: '{"b":1,"a":[2,"x"]}',
    });
    expect(first.hash).toBe(auditRecordHash(null, first));
    const second = await audit.append(system, input(eventId, 2));
    const third = await audit.append(organiser, input(eventId, 3));
    expect(second).toMatchObject({ seq: 2, actorId: null, prevHash: first.hash });
    expect(third).toMatchObject({ seq: 3, prevHash: second.hash });

    const listed = await audit.list(system, eventId);
    expect(listed.map((r) => r.id)).toEqual([first.id, second.id, third.id]);
    expect(listed[0]).toEqual({ ...first });
    expect(listed[1].at.getTime()).toBe(second.at.getTime());
    expect(await head(eventId)).toEqual({ seq: 3, last_hash: third.hash });
    expect(await audit.verify(system, eventId)).toEqual({
      ok: true,
      records: 3,
      firstBrokenId: null,
    });
  });

  it('appendMany chains a batch exactly as many appends would, before and after single appends', async () => {
    const eventId = randomUUID();
    const first = await audit.append(organiser, input(eventId, 1));
    const batch = await audit.appendMany(
      organiser,
      Array.from({ length: 1203 }, (_, i) => input(eventId, i + 2, { n: i, title: '𠮷野家' })),
    );
    const last = await audit.append(system, input(eventId, 1205));
    expect(batch.map((r) => r.seq)).toEqual(Array.from({ length: 1203 }, (_, i) => i + 2));
    expect(batch[0].prevHash).toBe(first.hash);
    expect(last).toMatchObject({ seq: 1205, prevHash: batch[1202].hash });
    for (const [i, record] of batch.entries()) {
      expect(record.hash).toBe(auditRecordHash(i === 0 ? first.hash : batch[i - 1].hash, record));
    }
    expect(await head(eventId)).toEqual({ seq: 1205, last_hash: last.hash });
    expect(await audit.verify(system, eventId)).toEqual({
      ok: true,
      records: 1205,
      firstBrokenId: null,
    });
    await expect(
      audit.appendMany(organiser, [input(eventId, 1), input(randomUUID(), 2)]),
    ).rejects.toThrow('one event');
    expect(await head(eventId)).toEqual({ seq: 1205, last_hash: last.hash });
  });

  it('an event without records has an intact, empty chain', async () => {
    const eventId = randomUUID();
    expect(await audit.list(system, eventId)).toEqual([]);
    expect(await audit.verify(system, eventId)).toEqual({
      ok: true,
      records: 0,
      firstBrokenId: null,
    });
  });

  it('an append in a transaction that rolls back leaves no record and does not advance the head', async () => {
    const eventId = randomUUID();
    const kept = await audit.append(organiser, input(eventId, 1));
    await expect(
      dataSource.transaction(async (manager) => {
        const tx = withManager(organiser, manager);
        const record = await audit.append(tx, input(eventId, 2));
        // inside the transaction the record is there
        expect((await audit.list(tx, eventId)).map((r) => r.id)).toEqual([kept.id, record.id]);
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(await rows('SELECT id FROM audit_records WHERE event_id = ?', [eventId])).toEqual([
      { id: kept.id },
    ]);
    expect(await head(eventId)).toEqual({ seq: 1, last_hash: kept.hash });
    const next = await audit.append(organiser, input(eventId, 3));
    expect(next).toMatchObject({ seq: 2, prevHash: kept.hash });
    expect((await audit.verify(system, eventId)).ok).toBe(true);
  });

  it('the first append of an event rolled back leaves nothing behind that matters', async () => {
    const eventId = randomUUID();
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.append(withManager(system, manager), input(eventId, 1));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await rows('SELECT id FROM audit_records WHERE event_id = ?', [eventId])).toEqual([]);
    expect(await audit.verify(system, eventId)).toEqual({
      ok: true,
      records: 0,
      firstBrokenId: null,
    });
    expect((await audit.append(system, input(eventId, 2))).seq).toBe(1);
  });

  it('20 concurrent appends to one event, each in its own transaction, get seq 1..20 in one intact chain', async () => {
    const eventId = randomUUID();
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        dataSource.transaction(async (manager) => {
          // the transaction has done other work first, as a real caller's would
          await manager.query('SELECT 1');
          return audit.append(withManager(organiser, manager), input(eventId, i));
        }),
      ),
    );
    const chain = await rows<{ seq: number }>(
      'SELECT seq FROM audit_records WHERE event_id = ? ORDER BY seq',
      [eventId],
    );
    expect(chain.map((r) => r.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await audit.verify(system, eventId)).toEqual({
      ok: true,
      records: 20,
      firstBrokenId: null,
    });
  });

  it('concurrent appends to an existing chain and to several events stay intact', async () => {
    const events = [randomUUID(), randomUUID(), randomUUID()];
    for (const eventId of events) await audit.append(system, input(eventId, 0));
    await Promise.all(
      Array.from({ length: 30 }, (_, i) => audit.append(organiser, input(events[i % 3], i + 1))),
    );
    for (const eventId of events) {
      expect(await audit.verify(system, eventId)).toEqual({
        ok: true,
        records: 11,
        firstBrokenId: null,
      });
    }
  });

  describe('appendAndCommit (the hot paths: one round trip, and it commits)', () => {
    it('chains exactly as append does, mixed with it, with Chinese and astral text', async () => {
      const eventId = randomUUID();
      const first = await audit.append(organiser, input(eventId, 1));
      const detail = { name: '𠮷野家 坭兴陶', scores: [['design', '7.50']] };
      const id = await dataSource.transaction((manager) =>
        audit.appendAndCommit(withManager(organiser, manager), input(eventId, 2, detail)),
      );
      const third = await audit.append(system, input(eventId, 3));
      const [stored] = await audit.list(system, eventId, 1, first.id);
      expect(stored).toMatchObject({
        id,
        seq: 2,
        prevHash: first.hash,
        actorId: organiser.viewer!.userId,
      });
      // the database's SHA2 agrees with the application's hash of the same record
      expect(stored.hash).toBe(auditRecordHash(first.hash, stored));
      expect(JSON.parse(stored.detail)).toEqual(detail);
      expect(third).toMatchObject({ seq: 3, prevHash: stored.hash });
      expect(await head(eventId)).toEqual({ seq: 3, last_hash: third.hash });
      expect(await audit.verify(system, eventId)).toEqual({
        ok: true,
        records: 3,
        firstBrokenId: null,
      });
    });

    it('starts a chain, commits the work before it, and the commit after it is a no-op', async () => {
      const eventId = randomUUID();
      const marker = randomUUID();
      let id = '';
      await dataSource.transaction(async (manager) => {
        await manager.query(
          "INSERT INTO audit_chain_heads (event_id, seq, last_hash) VALUES (?, 0, '')",
          [marker],
        );
        id = await audit.appendAndCommit(withManager(system, manager), input(eventId, 1));
      });
      expect(
        await rows('SELECT event_id FROM audit_chain_heads WHERE event_id = ?', [marker]),
      ).toHaveLength(1);
      const [record] = await audit.list(system, eventId);
      expect(record).toMatchObject({ id, seq: 1, prevHash: null, actorId: null });
      expect(record.hash).toBe(auditRecordHash(null, record));
    });

    it('a failure inside the call leaves nothing: the record, the head and the work roll back', async () => {
      const eventId = randomUUID();
      const kept = await audit.append(organiser, input(eventId, 1));
      const marker = randomUUID();
      // a record id already taken: the INSERT inside the procedure fails before its COMMIT
      // (the CommonJS module object the service reads randomUUID from, so the spy reaches it)
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      jest.spyOn(require('node:crypto'), 'randomUUID').mockReturnValueOnce(kept.id);
      await expect(
        dataSource.transaction(async (manager) => {
          await manager.query(
            "INSERT INTO audit_chain_heads (event_id, seq, last_hash) VALUES (?, 0, '')",
            [marker],
          );
          await audit.appendAndCommit(withManager(organiser, manager), input(eventId, 2));
        }),
      ).rejects.toThrow(/Duplicate entry/);
      expect(
        await rows('SELECT event_id FROM audit_chain_heads WHERE event_id = ?', [marker]),
      ).toEqual([]);
      expect(await head(eventId)).toEqual({ seq: 1, last_hash: kept.hash });
      expect((await audit.verify(system, eventId)).ok).toBe(true);
    });

    it('40 concurrent transactions appending and committing keep one intact chain', async () => {
      const eventId = randomUUID();
      await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          dataSource.transaction(async (manager) => {
            await manager.query('SELECT 1');
            const tx = withManager(organiser, manager);
            return i % 2
              ? audit.appendAndCommit(tx, input(eventId, i))
              : audit.append(tx, input(eventId, i));
          }),
        ),
      );
      expect(await audit.verify(system, eventId)).toEqual({
        ok: true,
        records: 40,
        firstBrokenId: null,
      });
    });

    it('refuses to run outside a transaction (it would commit nothing of the caller)', async () => {
      await expect(audit.appendAndCommit(organiser, input(randomUUID(), 1))).rejects.toThrow(
        /needs one/,
      );
    });
  });

  it('separate events have separate chains', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const a1 = await audit.append(system, input(a, 1));
    const b1 = await audit.append(system, input(b, 1));
    const a2 = await audit.append(system, input(a, 2));
    expect(b1).toMatchObject({ seq: 1, prevHash: null });
    expect(a2).toMatchObject({ seq: 2, prevHash: a1.hash });
    expect((await audit.list(system, a)).map((r) => r.id)).toEqual([a1.id, a2.id]);
    expect((await audit.list(system, b)).map((r) => r.id)).toEqual([b1.id]);
  });

  it('a record changed by SQL is reported by its id', async () => {
    const eventId = randomUUID();
    const records = [];
    for (let i = 1; i <= 4; i++) records.push(await audit.append(system, input(eventId, i)));
    await sql.query('UPDATE audit_records SET detail = ? WHERE id = ?', [
      '{"n":99}',
      records[2].id,
    ]);
    expect(await audit.verify(system, eventId)).toEqual({
      ok: false,
      records: 4,
      firstBrokenId: records[2].id,
    });
  });

  it('a record deleted by SQL is noticed, in the middle and at the end', async () => {
    const middle = randomUUID();
    const end = randomUUID();
    const m = [];
    const e = [];
    for (let i = 1; i <= 3; i++) {
      m.push(await audit.append(system, input(middle, i)));
      e.push(await audit.append(system, input(end, i)));
    }
    await sql.query('DELETE FROM audit_records WHERE id IN (?, ?)', [m[1].id, e[2].id]);
    expect(await audit.verify(system, middle)).toEqual({
      ok: false,
      records: 2,
      firstBrokenId: m[2].id,
    });
    // nothing left to blame, but the head counts three records
    expect(await audit.verify(system, end)).toEqual({
      ok: false,
      records: 2,
      firstBrokenId: null,
    });
  });

  it('verifies a chain longer than one batch, and finds a break beyond the first batch', async () => {
    const eventId = randomUUID();
    const chain: ChainedAuditRecord[] = [];
    const base = Date.parse('2026-03-01T08:00:00.000Z');
    for (let i = 0; i < 2500; i++) {
      const fields = {
        id: randomUUID(),
        at: new Date(base + i * 1000),
        actorId: null,
        action: 'SHEET_SUBMITTED',
        subjectType: 'ScoreSheet',
        subjectId: `s-${i}`,
        detail: `{"i":${i}}`,
      };
      const prevHash = i === 0 ? null : chain[i - 1].hash;
      chain.push({ ...fields, seq: i + 1, prevHash, hash: auditRecordHash(prevHash, fields) });
    }
    for (let i = 0; i < chain.length; i += 500) {
      await sql.query(
        'INSERT INTO audit_records (id, event_id, seq, at, actor_id, action, subject_type, subject_id, detail, hash, prev_hash) VALUES ?',
        [
          chain
            .slice(i, i + 500)
            .map((r) => [
              r.id,
              eventId,
              r.seq,
              r.at,
              r.actorId,
              r.action,
              r.subjectType,
              r.subjectId,
              r.detail,
              r.hash,
              r.prevHash,
            ]),
        ],
      );
    }
    await sql.query(
      'INSERT INTO audit_chain_heads (event_id, seq, last_hash, updated_at) VALUES (?, ?, ?, NOW(3))',
      [eventId, chain.length, chain[chain.length - 1].hash],
    );
    expect(await audit.verify(system, eventId)).toEqual({
      ok: true,
      records: 2500,
      firstBrokenId: null,
    });
    const next = await audit.append(system, input(eventId, 2501));
    expect(next).toMatchObject({ seq: 2501, prevHash: chain[2499].hash });

    await sql.query('UPDATE audit_records SET subject_id = ? WHERE id = ?', [
      's-x',
      chain[1500].id,
    ]);
    expect(await audit.verify(system, eventId)).toEqual({
      ok: false,
      records: 2501,
      firstBrokenId: chain[1500].id,
    });
  });

  describe('list', () => {
    const eventId = randomUUID();
    const ids: string[] = [];
    beforeAll(async () => {
      for (let i = 1; i <= 7; i++) ids.push((await audit.append(system, input(eventId, i))).id);
      await audit.append(system, input(randomUUID(), 1));
    });

    it('pages oldest first with first and after', async () => {
      const page = (first?: number, after?: string | null) =>
        audit.list(system, eventId, first, after).then((r) => r.map((x) => x.id));
      expect(await page()).toEqual(ids);
      expect(await page(3)).toEqual(ids.slice(0, 3));
      expect(await page(3, ids[2])).toEqual(ids.slice(3, 6));
      expect(await page(3, ids[5])).toEqual(ids.slice(6));
      expect(await page(3, ids[6])).toEqual([]);
      expect(await page(1000, ids[0])).toEqual(ids.slice(1));
    });

    it('refuses a page size outside 1..1000', async () => {
      for (const first of [0, -1, 1001, 1.5, NaN]) {
        const error = await domainError(audit.list(system, eventId, first, null));
        expect({ code: error.code, reason: error.reason }).toEqual({
          code: 'BAD_USER_INPUT',
          reason: 'INVALID_PAGE_SIZE',
        });
      }
    });

    it('refuses a cursor that names no record of this event', async () => {
      const foreign = await audit.append(system, input(randomUUID(), 1));
      for (const after of [randomUUID(), 'not-an-id', foreign.id]) {
        const error = await domainError(audit.list(system, eventId, 10, after));
        expect({ code: error.code, reason: error.reason }).toEqual({
          code: 'BAD_USER_INPUT',
          reason: 'INVALID_CURSOR',
        });
      }
    });
  });

  it('𠮷 in detail round-trips and the chain verifies', async () => {
    const eventId = randomUUID();
    const detail = { name: '𠮷野家 工艺美术𠀀', reason: 'a "quoted"\nline' };
    const record = await audit.append(organiser, input(eventId, 1, detail));
    expect(record.detail).toBe('{"name":"𠮷野家 工艺美术𠀀","reason":"a \\"quoted\\"\\nline"}');
    const [row] = await rows<{ detail: string; hex: string }>(
      'SELECT detail, HEX(detail) AS hex FROM audit_records WHERE id = ?',
      [record.id],
    );
    expect(row.detail).toBe(record.detail);
    expect(row.hex).toBe(Buffer.from(record.detail, 'utf8').toString('hex').toUpperCase());
    expect(JSON.parse((await audit.list(system, eventId))[0].detail)).toEqual(detail);
    expect((await audit.verify(system, eventId)).ok).toBe(true);
  });

  it('refuses details a hash could not keep', async () => {
    const eventId = randomUUID();
    await expect(
      audit.append(system, input(eventId, 1, { at: new Date() } as Record<string, unknown>)),
    ).rejects.toThrow(TypeError);
    await expect(audit.append(system, input(eventId, 1, { score: NaN }))).rejects.toThrow(
      TypeError,
    );
    expect(await rows('SELECT id FROM audit_records WHERE event_id = ?', [eventId])).toEqual([]);
  });

  describe('AuditResolver', () => {
    const known = randomUUID();
    const lookup: AuditEventLookup = { eventExists: async (_ctx, id) => id === known };
    let resolver: AuditResolver;
    beforeAll(async () => {
      resolver = new AuditResolver(audit, lookup);
      await audit.append(organiser, input(known, 1, { 'x𠮷': 1 }));
    });

    it('is for ADMIN and ORGANISER only', () => {
      for (const handler of [resolver.auditLog, resolver.verifyAuditChain]) {
        expect(Reflect.getMetadata(ROLES_KEY, handler)).toEqual([...ORGANISING_ROLES]);
      }
      expect(ORGANISING_ROLES).toEqual([Role.ADMIN, Role.ORGANISER]);
    });

    it('answers NOT_FOUND / EVENT_NOT_FOUND for an event that does not exist', async () => {
      for (const call of [
        resolver.auditLog(organiser, randomUUID(), null, null),
        resolver.verifyAuditChain(organiser, randomUUID()),
      ]) {
        const error = await domainError(call);
        expect({ code: error.code, reason: error.reason }).toEqual({
          code: 'NOT_FOUND',
          reason: 'EVENT_NOT_FOUND',
        });
      }
    });

    it('maps records and verifications to the contract models', async () => {
      const [record] = await resolver.auditLog(organiser, known, null, null);
      expect(Object.keys(record)).toEqual([
        'id',
        'at',
        'actorId',
        'action',
        'subjectType',
        'subjectId',
        'detail',
        'hash',
        'prevHash',
      ]);
      expect(record).toMatchObject({ detail: '{"x𠮷":1}', prevHash: null });
      expect(await resolver.verifyAuditChain(organiser, known)).toEqual({
        ok: true,
        records: 1,
        firstBrokenId: null,
      });
    });
  });
});
