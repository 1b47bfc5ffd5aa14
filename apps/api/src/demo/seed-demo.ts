import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { configFromEnvironmentOrExit } from '@app/core';
import { checkServicesOrExit } from '../../../services-check';
import { DemoModule } from './demo.module';
import { DEMO_PASSWORD, DemoSummary, SeedDemoService } from './seed-demo.service';

/** `npm run seed:demo`, on the database of DATABASE_URL (created and migrated if need be). */
async function main(): Promise<void> {
  const config = configFromEnvironmentOrExit('seed:demo');
  await checkServicesOrExit(config, 'seed:demo');
  const app = await NestFactory.createApplicationContext(DemoModule.forRoot(config), {
    logger: ['error', 'warn'],
  });
  try {
    const started = Date.now();
    const summary = await app.get(SeedDemoService).run(config.adminEmail, config.adminPassword);
    process.stdout.write(report(summary, Date.now() - started));
  } finally {
    await app.close();
  }
}

/** What this run did, what the demo holds, and who can sign in. */
function report(summary: DemoSummary, ms: number): string {
  const lines: string[] = [];
  if (summary.created) {
    lines.push(
      `demo event created (${summary.eventId}): ${summary.entrants} entrants; entries ${JSON.stringify(summary.entries)}`,
    );
  } else {
    lines.push(`the demo event exists already (${summary.eventId})`);
  }
  if (summary.judging.length === 0) lines.push('judging: nothing left to do');
  for (const step of summary.judging) lines.push(`  ${step}`);
  for (const round of summary.figures.rounds) {
    const tabulation = round.tabulation
      ? `; tabulation v${round.tabulation.version} ${round.tabulation.hash.slice(0, 12)}…, ` +
        `awards ${JSON.stringify(round.awards)}, ${round.advanced} advanced`
      : '';
    lines.push(
      `round ${round.name} (${round.status}, ${round.aggregation}${round.blind ? ', blind' : ''}): ` +
        `${round.entries} entries, assignments ${JSON.stringify(round.assignments)}, ` +
        `${round.sheets} sheets (${round.changedSheets} changed)${tabulation}`,
    );
  }
  const publication = summary.figures.publication;
  if (publication) {
    lines.push(
      `publication ${publication.id} v${publication.version} ${publication.status} until ` +
        `${publication.noticeEndsAt.toISOString()}: ${publication.items} items, hash ${publication.hash}; ` +
        `objections ${publication.objections.join(', ') || 'none'}`,
    );
  }
  lines.push(`sign in (password "${DEMO_PASSWORD}", the admin's own):`);
  for (const signIn of summary.signIns) lines.push(`  ${signIn}`);
  lines.push(`done in ${(ms / 1000).toFixed(1)} s`);
  return lines.join('\n') + '\n';
}

main().catch((error: unknown) => {
  process.stderr.write(`seed:demo: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
