import 'reflect-metadata';
import { entriesListingBench } from './entries-listing.bench';

/** `npm run bench`: every benchmark in turn. Figures, not pass/fail: read them. */
async function main(): Promise<void> {
  await entriesListingBench();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
