import 'reflect-metadata';
import { assignJudgesDbBench } from './assign-judges-db.bench';
import { bulkPhotosBench } from './bulk-photos.bench';
import { entriesImportBench } from './entries-import.bench';
import { entriesListingBench } from './entries-listing.bench';
import { join } from 'node:path';
import { imagesRenderBench } from './images-render.bench';
import { imagesWorkerBench } from './images-worker.bench';
import { judgingAssignmentBench } from './judging-assignment.bench';
import { labelsBench } from './labels.bench';
import { publicationDocumentsBench } from './publication-documents.bench';
import { scoreSheetsBench } from './score-sheets.bench';
import { figuresSince, figuresTable } from './summary';
import { tabulationComputeBench } from './tabulation-compute.bench';
import { tabulationJobBench } from './tabulation-job.bench';

/**
 * `npm run bench [entries|import|images|tabulation|assignment|bulk-photos|sheets|certificates|labels]`: every
 * benchmark (or one) in turn, then one table of the figures with their targets. Figures, not
 * pass/fail.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  const started = new Date();
  if (!only || only === 'entries') await entriesListingBench();
  if (!only || only === 'import') await entriesImportBench();
  if (!only || only === 'images') {
    await imagesRenderBench();
    await imagesWorkerBench();
  }
  if (!only || only === 'bulk-photos') await bulkPhotosBench();
  if (!only || only === 'tabulation') {
    await tabulationComputeBench();
    await tabulationJobBench();
  }
  if (!only || only === 'assignment') {
    await judgingAssignmentBench();
    await assignJudgesDbBench();
  }
  if (!only || only === 'sheets') await scoreSheetsBench();
  if (!only || only === 'labels') await labelsBench();
  if (!only || only === 'certificates') await publicationDocumentsBench();

  const figures = figuresSince(join(__dirname, '..', '..', 'bench', 'results'), started);
  process.stdout.write(
    `\nevery figure of this run, against its target:\n${figuresTable(figures)}\n`,
  );
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);
