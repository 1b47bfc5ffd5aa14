import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One line of the table `npm run bench` ends with. */
export interface Figure {
  figure: string;
  value: number;
  unit: string;
  /** 'max': the value must not exceed the target; 'min': it must reach it. */
  kind: 'max' | 'min';
  target: number;
  /** What the ratio is taken against: the target itself, or a measured limit. */
  against: string;
  /** value / limit (for a measured limit) or value / target. */
  ratio: number;
}

type Json = Record<string, any>;

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const ofTarget = (
  figure: string,
  value: number,
  unit: string,
  kind: Figure['kind'],
  target: number,
): Figure => ({
  figure,
  value: round(value),
  unit,
  kind,
  target,
  against: 'target',
  ratio: round(value / target),
});

/** Reads each benchmark's JSON (bench/results) into the figures its issue sets a target for. */
const READERS: Record<string, (r: Json) => Figure[]> = {
  'entries-listing.json': (r) => {
    const plain = r.results.find((x: Json) => x.first === 100 && !x.totalCount && !x.filter);
    const counted = r.results.find((x: Json) => x.first === 100 && x.totalCount && !x.filter);
    return [
      ofTarget('entries: page of 100, p50', plain.ms.p50, 'ms', 'max', 15),
      ofTarget('entries: page of 100 with totalCount, p50', counted.ms.p50, 'ms', 'max', 15),
    ];
  },
  'entries-import.json': (r) => [
    ofTarget(
      `import: ${r.rows} rows checked and committed`,
      r.seconds,
      's',
      'max',
      r.targets.seconds,
    ),
    ofTarget('import: API peak RSS', r.peakRssMb, 'MB', 'max', r.targets.peakRssMb),
  ],
  'bulk-photos.json': (r) => [
    ofTarget(
      `bulk photos: ${r.photos} of 1 MP (a ZIP) matched and queued`,
      r.seconds,
      's',
      'max',
      r.targets.seconds,
    ),
  ],
  'images-worker.json': (r) => {
    const run = r.runs[0];
    return [
      {
        figure: 'photos: worker renditions',
        value: run.photosPerSecond,
        unit: 'photos/s',
        kind: 'min',
        target: round(r.targets.ratioToAnchor * r.anchorPhotosPerSecond),
        against: `vipsthumbnail ${r.anchorPhotosPerSecond}/s`,
        ratio: run.ratioToAnchor,
      },
      ofTarget('photos: worker peak RSS', run.peakRssMb, 'MB', 'max', r.targets.peakRssMb),
    ];
  },
  'tabulation.json': (r) => [
    ofTarget(
      'tabulation: computation (worst p50)',
      r.worstP50Ms / 1000,
      's',
      'max',
      r.targetMs / 1000,
    ),
  ],
  'tabulation-job.json': (r) => [
    ofTarget('tabulation: whole job p50', r.jobMs.p50 / 1000, 's', 'max', r.targetMs / 1000),
  ],
  'judging-assignment.json': (r) => [
    ofTarget(
      'assignment: algorithm (worst p50)',
      r.worstP50Ms / 1000,
      's',
      'max',
      r.targetMs / 1000,
    ),
  ],
  'assign-judges-db.json': (r) => [
    ofTarget(
      'assignment: through the database, first',
      r.firstSeconds,
      's',
      'max',
      r.targetSeconds,
    ),
    ofTarget('assignment: re-run, same seed', r.sameSeedSeconds, 's', 'max', r.targetSeconds),
    ofTarget('assignment: re-run, another seed', r.newSeedSeconds, 's', 'max', r.targetSeconds),
  ],
  'publication-documents.json': (r) => [
    ofTarget(
      `certificates: all ${r.certificates} drawn by the worker's job`,
      r.job.seconds,
      's',
      'max',
      r.targets.jobSeconds,
    ),
    ofTarget(
      `certificates: ZIP of ${r.certificates} from storage`,
      r.zip.ms.p50 / 1000,
      's',
      'max',
      r.targets.zipSeconds,
    ),
    ofTarget(
      'certificates: one certificate request, p50',
      r.certificateRequestMs.p50,
      'ms',
      'max',
      r.targets.certificateP50Ms,
    ),
  ],
  'score-sheets.json': (r) => [
    {
      figure: 'sheets: 100 judges through the API',
      value: r.api.sheetsPerSecond,
      unit: 'sheets/s',
      kind: 'min',
      target: round(r.targets.ratio * r.plainMysql2.sheetsPerSecond),
      against: `plain mysql2 ${r.plainMysql2.sheetsPerSecond}/s`,
      ratio: r.ratio,
    },
    ofTarget('sheets: API p99', r.api.ms.p99, 'ms', 'max', r.targets.p99Ms),
  ],
  'labels.json': (r) => [
    ofTarget(
      `labels: ${r.labels} exhibit labels drawn (worst layout, p50)`,
      r.worstSeconds,
      's',
      'max',
      r.targets.seconds,
    ),
  ],
};

/** The figures of every result written since `since` (older files are another run's). */
export function figuresSince(resultsDir: string, since: Date): Figure[] {
  const figures: Figure[] = [];
  for (const [file, read] of Object.entries(READERS)) {
    const path = join(resultsDir, file);
    if (!existsSync(path)) continue;
    const result = JSON.parse(readFileSync(path, 'utf8')) as Json;
    if (new Date(result.date) < since) continue;
    figures.push(...read(result));
  }
  return figures;
}

export function figuresTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.figure,
    `${f.value} ${f.unit}`,
    `${f.kind === 'max' ? '<=' : '>='} ${f.target} ${f.unit}`,
    `${f.ratio} (${f.against})`,
    (f.kind === 'max' ? f.value <= f.target : f.value >= f.target) ? 'met' : 'NOT met',
  ]);
  const header = ['figure', 'value', 'target', 'ratio (to)', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join(' | ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}
