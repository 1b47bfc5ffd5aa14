import 'reflect-metadata';
import { configFromEnvironmentOrExit } from '@app/core';
import { checkServicesOrExit } from '../../services-check';
import { createWorker } from './create-worker';

async function main(): Promise<void> {
  const config = configFromEnvironmentOrExit('worker');
  await checkServicesOrExit(config, 'worker');
  await createWorker(config);
}

main().catch((error: unknown) => {
  process.stderr.write(`worker: could not start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
