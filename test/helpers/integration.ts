import { Type } from '@nestjs/common';
import { ModuleMetadata } from '@nestjs/common/interfaces';
import { Test, TestingModule } from '@nestjs/testing';
import { randomUUID } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { AppConfig, ConfigModule, RequestCtx, Role } from '@app/core';
import { DatabaseModule } from '@app/db';
import { QueueModule } from '@app/queue';
import { StorageModule } from '@app/storage';
import { rm } from 'node:fs/promises';
import { deleteQueueKeys, testConfig } from './test-app';

/**
 * The integration tier: domain services against the real database, without HTTP or GraphQL
 * (the storage and the queue's producers are there, as the domain modules need them). Cheaper
 * than an e2e test (no API boot, no tokens) and closer to the truth than a unit test (the real
 * SQL, locks and migrations). Use it where a rule's answer depends on the database, e.g. the
 * same rule reached from two services. Boot once per test file.
 */
export interface IntegrationTier {
  config: AppConfig;
  module: TestingModule;
  get<T>(type: Type<T>): T;
  /** A request as an organiser (an ADMIN), with no user row behind it. */
  organiser(): RequestCtx;
  /** A request as this entrant's signed-in user. */
  entrant(entrantId: string, regionCode: string): RequestCtx;
  close(): Promise<void>;
}

export async function startIntegration(
  imports: NonNullable<ModuleMetadata['imports']>,
): Promise<IntegrationTier> {
  const config = testConfig();
  const module = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(config),
      DatabaseModule.forRoot('migrate'),
      StorageModule,
      QueueModule.forRoot('producer'),
      ...imports,
    ],
  })
    .setLogger({ log() {}, warn() {}, error: console.error })
    .compile();
  await module.init();
  const ctx = (role: Role, entrantId: string | null, regionCode: string | null): RequestCtx => ({
    viewer: { userId: randomUUID(), role, entrantId, regionCode },
    requestId: `int-${randomUUID()}`,
    ip: '127.0.0.1',
  });
  return {
    config,
    module,
    get: (type) => module.get(type, { strict: false }),
    organiser: () => ctx(Role.ADMIN, null, null),
    entrant: (entrantId, regionCode) => ctx(Role.ENTRANT, entrantId, regionCode),
    close: async () => {
      await module.close();
      const connection = await createConnection({ uri: config.databaseUrl.toString() });
      await connection.query(`DROP DATABASE IF EXISTS \`${config.databaseUrl.pathname.slice(1)}\``);
      await connection.end();
      await deleteQueueKeys(config);
      await rm(config.storageDir, { recursive: true, force: true });
    },
  };
}
