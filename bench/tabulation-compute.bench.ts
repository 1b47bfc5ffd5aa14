import { writeFileSync } from 'node:fs';
import { mulberry32 } from '@app/core';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Aggregation, EntryInput, SheetInput, TabulationInput, tabulate } from '@app/tabulation';
import { summarise } from './stats';

const ENTRIES = 12_000;
const SHEETS_PER_ENTRY = 5;
const JUDGES = 100;
const LEAVES_PER_PARENT = [4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4]; // 14 major, 47 minor categories
const SEED = 0x5eed2026;
const WARM_UP = 3;
const RUNS = 15;
const TARGET_MS = 300;
const AGGREGATIONS: Aggregation[] = ['MEAN', 'TRIMMED_MEAN', 'MEDIAN', 'ZSCORE'];

/**
 * A round of 12,000 entries × 5 sheets × 4 criteria (60,000 sheets from 100 judges), scores
 * as the database hands them over (DECIMAL strings "7.30"), 1 % of entries a sheet short.
 */
function syntheticRound(aggregation: Aggregation): TabulationInput {
  const random = mulberry32(SEED);
  const leaves: { code: string; parent: string }[] = [];
  LEAVES_PER_PARENT.forEach((count, p) => {
    for (let l = 1; l <= count; l++) {
      leaves.push({ code: `C${p + 1}-${l}`, parent: `C${p + 1}` });
    }
  });
  const entries: EntryInput[] = [];
  const sheets: SheetInput[] = [];
  const score = (max: number, quality: number) => {
    const tenths = Math.max(
      0,
      Math.min(max * 10, Math.round((quality + (random() - 0.5) * 0.3) * max * 10)),
    );
    return (tenths / 10).toFixed(2);
  };
  for (let i = 0; i < ENTRIES; i++) {
    const leaf = leaves[Math.floor(random() * leaves.length)];
    const id = `e${i}`;
    entries.push({
      id,
      code: `${leaf.code}-${String(i).padStart(5, '0')}`,
      categoryCode: leaf.code,
      topCategoryCode: leaf.parent,
    });
    const quality = 0.4 + random() * 0.55;
    const sheetCount = random() < 0.01 ? SHEETS_PER_ENTRY - 1 : SHEETS_PER_ENTRY;
    const first = Math.floor(random() * JUDGES);
    for (let s = 0; s < sheetCount; s++) {
      sheets.push({
        entryId: id,
        judgeId: `judge-${String((first + s * 7) % JUDGES).padStart(3, '0')}`,
        scores: [
          { criterionKey: 'design', value: score(10, quality) },
          { criterionKey: 'craft', value: score(10, quality) },
          { criterionKey: 'materials', value: score(10, quality) },
          { criterionKey: 'innovation', value: score(20, quality) },
        ],
      });
    }
  }
  return {
    round: {
      criteria: [
        { key: 'design', weight: 30, maxScore: '10.00', step: '0.10' },
        { key: 'craft', weight: 30, maxScore: '10.00', step: '0.10' },
        { key: 'materials', weight: 20, maxScore: '10.00', step: '0.10' },
        { key: 'innovation', weight: 20, maxScore: '20.00', step: '0.10' },
      ],
      judgesPerEntry: SHEETS_PER_ENTRY,
      aggregation,
      trimCount: 1,
      rankingScope: 'CATEGORY',
      tieBreakCriteria: ['innovation', 'craft'],
      awardTiers: [
        { key: 'gold', quota: { mode: 'PERCENT', value: 1 } },
        { key: 'silver', quota: { mode: 'PERCENT', value: 2 } },
        { key: 'bronze', quota: { mode: 'PERCENT', value: 3 } },
        { key: 'excellence', quota: { mode: 'PERCENT', value: 4 } },
      ],
      tiePolicy: 'INCLUDE_TIES',
      advancement: { mode: 'PERCENT', value: 5 },
    },
    entries,
    sheets,
  };
}

/**
 * The pure tabulation of judging-rules.md §3–§7 (aggregates, ranks, awards, advancement,
 * canonical JSON and its hash) on a 12,000-entry round, for each aggregation: milliseconds
 * per tabulation, input already in memory. Target: ≤ 300 ms.
 */
export async function tabulationComputeBench(): Promise<void> {
  const results = AGGREGATIONS.map((aggregation) => {
    const input = syntheticRound(aggregation);
    for (let i = 0; i < WARM_UP; i++) tabulate(input);
    const samples: number[] = [];
    let hash = '';
    let awarded = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const output = tabulate(input);
      samples.push(performance.now() - started);
      hash = output.hash;
      awarded = output.results.filter((r) => r.award !== null).length;
    }
    return { aggregation, ms: summarise(samples), awarded, hash };
  });
  const worstP50 = Math.max(...results.map((r) => r.ms.p50));
  const report = {
    bench: 'tabulation-compute',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? null,
    entries: ENTRIES,
    sheets: ENTRIES * SHEETS_PER_ENTRY,
    criteria: 4,
    judges: JUDGES,
    seed: SEED,
    targetMs: TARGET_MS,
    worstP50Ms: worstP50,
    meetsTarget: worstP50 <= TARGET_MS,
    note: 'tabulate() alone, input in memory; scores as DECIMAL strings; CATEGORY scope, 4 PERCENT tiers, 2 tie-breaks',
    results,
  };
  writeFileSync(
    join(__dirname, '..', '..', 'bench', 'results', 'tabulation.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  process.stdout.write(
    `\ntabulation: ${ENTRIES} entries × ${SHEETS_PER_ENTRY} sheets × 4 criteria\n` +
      results
        .map(
          (r) =>
            `  ${r.aggregation.padEnd(12)} p50 ${r.ms.p50} ms, max ${r.ms.max} ms (${RUNS} runs)\n`,
        )
        .join('') +
      `worst p50 ${worstP50} ms (target <= ${TARGET_MS} ms)\nwritten to bench/results/tabulation.json\n`,
  );
}
