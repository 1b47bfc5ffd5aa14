import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configFromEnvironmentOrExit } from '@app/core';
import { DemoModule } from './demo.module';
import { DEMO_PASSWORD, SeedDemoService } from './seed-demo.service';

/** `npm run seed:demo`, on the database of DATABASE_URL (created and migrated if need be). */
async function main(): Promise<void> {
  const config = configFromEnvironmentOrExit('seed:demo');
  const app = await NestFactory.createApplicationContext(DemoModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const summary = await app.get(SeedDemoService).run(config.adminEmail, config.adminPassword);
    if (summary.created) {
      process.stdout.write(
        `demo event created (${summary.eventId}): ${summary.entrants} entrants; entries ${JSON.stringify(summary.entries)}\n` +
          `sign in (password "${DEMO_PASSWORD}", the admin's own): ${summary.signIns.join(', ')}\n`,
      );
    } else {
      process.stdout.write(`the demo event exists already (${summary.eventId}); nothing changed\n`);
    }
  } finally {
    await app.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:demo: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
