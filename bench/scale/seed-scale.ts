import 'reflect-metadata';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runScale } from './run-scale';
import { scaleOptionsFromEnv } from './scale-options';
import { scaleTable } from './scale-report';

/**
 * `npm run seed:scale`: an edition at the scale of docs/roles-and-rules.md taken through a
 * full round against its own database (judging_scale unless DATABASE_URL names another "scale" one).
 * SCALE_PHOTOS=<n> (and SCALE_ENTRIES, SCALE_JUDGES, …) for a quicker run.
 */
async function main(): Promise<void> {
  // compiled to <out>/bench/scale/seed-scale.js, beside <out>/apps
  const options = scaleOptionsFromEnv(process.env, join(__dirname, '..', '..', 'apps'));
  const report = await runScale(options);
  process.stdout.write(`\n${scaleTable(report)}\n`);
  if (options.resultsFile) {
    mkdirSync(dirname(options.resultsFile), { recursive: true });
    writeFileSync(options.resultsFile, `${JSON.stringify(report, null, 2)}\n`);
    process.stdout.write(`written to ${options.resultsFile}\n`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`seed:scale: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
