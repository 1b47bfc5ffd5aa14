import 'reflect-metadata';
import { configFromEnvironmentOrExit } from '@app/core';
import { createWorker } from './create-worker';

createWorker(configFromEnvironmentOrExit('worker')).catch((error: unknown) => {
  process.stderr.write(`worker: could not start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
