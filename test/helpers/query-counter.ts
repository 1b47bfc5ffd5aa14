import type { INestApplication } from '@nestjs/common';
import { DataSource, Logger } from 'typeorm';

/**
 * Counts the SQL statements the API sends while `work` runs, by wrapping TypeORM's logger
 * (every query runner reports each statement to it, whether logging is on or not).
 */
export async function countStatements<T>(
  api: INestApplication,
  work: () => Promise<T>,
): Promise<{ result: T; statements: string[] }> {
  const dataSource = api.get(DataSource);
  const original: Logger = dataSource.logger;
  const statements: string[] = [];
  const counting: Logger = {
    logQuery: (query, parameters, runner) => {
      if (!/^(START TRANSACTION|COMMIT|ROLLBACK|SET TRANSACTION)/i.test(query))
        statements.push(query);
      return original.logQuery(query, parameters, runner);
    },
    logQueryError: (...args) => original.logQueryError(...args),
    logQuerySlow: (...args) => original.logQuerySlow(...args),
    logSchemaBuild: (...args) => original.logSchemaBuild(...args),
    logMigration: (...args) => original.logMigration(...args),
    log: (...args) => original.log(...args),
  };
  (dataSource as { logger: Logger }).logger = counting;
  try {
    const result = await work();
    return { result, statements };
  } finally {
    (dataSource as { logger: Logger }).logger = original;
  }
}
