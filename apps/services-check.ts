import { Redis } from 'ioredis';
import { createConnection } from 'mysql2/promise';
import type { AppConfig } from '@app/core';

/** How long a service may take to answer before it is reported as not answering. */
const ANSWER_WITHIN_MS = 5_000;

/** EX_UNAVAILABLE (sysexits.h): a service the process needs is not there. */
export const SERVICE_UNAVAILABLE_EXIT = 69;

/**
 * Before anything starts: do MySQL and Redis answer? If not, one line says which one, the
 * address tried and how to start it, and the process exits; otherwise TypeORM and BullMQ would
 * retry and print stack traces that do not say what is wrong.
 */
export async function checkServicesOrExit(config: AppConfig, processName: string): Promise<void> {
  const problem = (await mysqlProblem(config.databaseUrl)) ?? (await redisProblem(config.redisUrl));
  if (problem === undefined) return;
  process.stderr.write(`${processName}: ${problem}\n`);
  process.exit(SERVICE_UNAVAILABLE_EXIT);
}

function address(url: URL, defaultPort: number): string {
  return `${url.hostname}:${url.port || defaultPort}`;
}

/** Why MySQL cannot be used, in one sentence, or undefined when it answers. */
export async function mysqlProblem(url: URL): Promise<string | undefined> {
  const where = address(url, 3306);
  try {
    const connection = await createConnection({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      connectTimeout: ANSWER_WITHIN_MS,
    });
    await connection.end();
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code ?? (error as Error).message;
    if (code === 'ER_ACCESS_DENIED_ERROR' || code === 'ER_HOST_NOT_PRIVILEGED') {
      return (
        `MySQL at ${where} refused the user "${decodeURIComponent(url.username)}" (${code}): ` +
        'fix the user or password in DATABASE_URL'
      );
    }
    return (
      `MySQL does not answer at ${where} (${code}): start MySQL 8 or MariaDB 10.11+ there ` +
      '(on Debian: apt-get install mariadb-server && service mariadb start), ' +
      'or set DATABASE_URL to one that runs'
    );
  }
}

/** Why Redis cannot be used, in one sentence, or undefined when it answers. */
export async function redisProblem(url: URL): Promise<string | undefined> {
  const where = address(url, 6379);
  const redis = new Redis(url.toString(), {
    lazyConnect: true,
    connectTimeout: ANSWER_WITHIN_MS,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The socket's own error (ECONNREFUSED …): connect() only rejects with "Connection is closed".
  let socketError: Error | undefined;
  redis.on('error', (error: Error) => (socketError ??= error));
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (error) {
    const cause = (socketError ?? error) as Error & { code?: string };
    const code = cause.code ?? cause.message;
    return (
      `Redis does not answer at ${where} (${code}): start Redis 6.2+ there ` +
      '(on Debian: apt-get install redis-server && service redis-server start), ' +
      'or set REDIS_URL to one that runs'
    );
  } finally {
    redis.disconnect();
  }
}
