import 'reflect-metadata';
import cluster from 'node:cluster';
import { Logger } from '@nestjs/common';
import { configFromEnvironmentOrExit } from '@app/core';
import { runApiCluster } from './api-cluster';
import { checkServicesOrExit } from '../../services-check';
import { createApi } from './create-api';

async function main(): Promise<void> {
  const config = configFromEnvironmentOrExit('api');
  await checkServicesOrExit(config, 'api');
  if (config.apiProcesses > 1 && cluster.isPrimary) {
    runApiCluster(config.apiProcesses);
    return;
  }
  const app = await createApi(config);
  await app.listen(config.port);
  new Logger('API').log(`listening on http://localhost:${config.port}/graphql (${config.nodeEnv})`);
}

main().catch((error: unknown) => {
  process.stderr.write(`api: could not start: ${(error as Error)?.message ?? String(error)}\n`);
  process.exit(1);
});
