import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppConfig } from '@app/core';
import { WorkerModule } from './worker.module';

/** Builds the worker (used by main.ts and the e2e tests). SIGTERM closes the BullMQ workers, which let running jobs finish. */
export async function createWorker(
  config: AppConfig,
  options: { logger?: false | ('error' | 'warn' | 'log')[] } = {},
): Promise<INestApplicationContext> {
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.enableShutdownHooks();
  await app.init();
  return app;
}
