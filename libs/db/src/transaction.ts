import type { RequestCtx } from '@app/core';
import { withManager } from '@app/core';
import { DataSource, EntityManager, EntityTarget, ObjectLiteral, Repository } from 'typeorm';

/** A repository bound to the ctx's transaction when there is one (Vendure's getRepository). */
export function repo<T extends ObjectLiteral>(
  dataSource: DataSource,
  ctx: RequestCtx,
  entity: EntityTarget<T>,
): Repository<T> {
  return (ctx.manager ?? dataSource.manager).getRepository(entity);
}

/** Runs `work` in a transaction, or joins the ctx's one, so nested service calls commit together. */
export async function inTransaction<T>(
  dataSource: DataSource,
  ctx: RequestCtx,
  work: (ctx: RequestCtx, manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (ctx.manager?.queryRunner?.isTransactionActive) return work(ctx, ctx.manager);
  return dataSource.transaction((manager) => work(withManager(ctx, manager), manager));
}

/** MySQL/MariaDB duplicate-key error (ER_DUP_ENTRY), optionally on a named unique index. */
export function isDuplicateKey(error: unknown, indexName?: string): boolean {
  const driverError =
    (error as { driverError?: { code?: string; sqlMessage?: string } }).driverError ?? error;
  const { code, sqlMessage } = driverError as { code?: string; sqlMessage?: string };
  if (code !== 'ER_DUP_ENTRY') return false;
  return indexName === undefined || (sqlMessage ?? '').includes(indexName);
}

/** InnoDB chose this transaction as a deadlock's victim and rolled it back: safe to run again. */
export function isDeadlock(error: unknown): boolean {
  const driverError = (error as { driverError?: { code?: string } }).driverError ?? error;
  return (driverError as { code?: string })?.code === 'ER_LOCK_DEADLOCK';
}

/**
 * Driver failures that say the database is away for now (connection refused, lost or KILLed,
 * the server shutting down), not that the request is wrong: the same request may succeed in a
 * moment, when the pool has opened a new connection.
 */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  const driverError = (error as { driverError?: unknown })?.driverError ?? error;
  const { code, message } = (driverError ?? {}) as { code?: string; message?: string };
  if (code !== undefined && UNAVAILABLE_CODES.has(code)) return true;
  // mysql2 answers a command on a connection the server already closed with no code.
  return /connection is in closed state|Connection lost/i.test(message ?? '');
}
