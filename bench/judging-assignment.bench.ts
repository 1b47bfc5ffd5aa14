import { writeFileSync } from 'node:fs';
import { mulberry32 } from '@app/core';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  AssignmentInput,
  AssignmentOutput,
  DeclaredConflict,
  EntryInput,
  ExistingAssignment,
  JudgeInput,
  PanelInput,
  assignJudges,
} from '@app/judging';
import { summarise } from './stats';

const ENTRIES = 12_000;
const ENTRANTS = 236;
const JUDGES_PER_ENTRY = 5;
const LEAVES_PER_PARENT = [4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4]; // 14 major, 47 minor categories
// One panel per major category, 140 judges in all.
const PANEL_SIZES = [10, 9, 11, 10, 8, 10, 12, 9, 10, 11, 10, 9, 10, 11];
const AFFILIATED_JUDGES = 20;
const DECLARED_ENTRY_CONFLICTS = 200;
const DECLARED_ENTRANT_CONFLICTS = 60;
const RECUSALS = 300;
const LATE_ENTRIES = 200;
const SEED = 0x5eed2026;
const WARM_UP = 3;
const RUNS = 15;
const TARGET_MS = 500;

/**
 * A crafts exhibition's first round at the scale of docs/roles-and-rules.md: 12,000 entries of 236
 * entrants (a few large enterprises, many small ones) in 47 leaf categories, one panel of 8–12
 * judges per major category, 5 judges an entry; 20 judges affiliated with an entrant, 200
 * declared entry conflicts and 60 declared entrant conflicts.
 */
function syntheticRound(): AssignmentInput {
  const random = mulberry32(SEED);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const entrantIds = Array.from({ length: ENTRANTS }, (_, i) => `entrant-${i}`);
  // Skewed: squaring a uniform draw favours the low ids, as real entry counts do.
  const someEntrant = () => entrantIds[Math.floor(random() ** 2 * ENTRANTS)];

  const panels: PanelInput[] = [];
  const judges: JudgeInput[] = [];
  const leaves: string[] = [];
  LEAVES_PER_PARENT.forEach((leafCount, p) => {
    const categoryIds = Array.from({ length: leafCount }, (_, l) => `C${p + 1}-${l + 1}`);
    leaves.push(...categoryIds);
    const judgeIds = Array.from({ length: PANEL_SIZES[p] }, (_, j) => `judge-${p + 1}-${j + 1}`);
    judgeIds.forEach((id) => judges.push({ id, affiliationEntrantId: null }));
    panels.push({ id: `panel-${p + 1}`, categoryIds, judgeIds });
  });
  for (let i = 0; i < AFFILIATED_JUDGES; i++) {
    const index = Math.floor(random() * judges.length);
    judges[index] = { ...judges[index], affiliationEntrantId: someEntrant() };
  }
  const entries: EntryInput[] = Array.from({ length: ENTRIES }, (_, i) => ({
    id: `entry-${String(i).padStart(5, '0')}`,
    categoryId: pick(leaves),
    entrantId: someEntrant(),
  }));
  const conflicts: DeclaredConflict[] = [
    ...Array.from({ length: DECLARED_ENTRY_CONFLICTS }, () => ({
      judgeId: pick(judges).id,
      entryId: pick(entries).id,
    })),
    ...Array.from({ length: DECLARED_ENTRANT_CONFLICTS }, () => ({
      judgeId: pick(judges).id,
      entrantId: someEntrant(),
    })),
  ];
  return {
    mode: 'replace',
    entries,
    panels,
    judges,
    conflicts,
    judgesPerEntry: JUDGES_PER_ENTRY,
    seed: SEED,
  };
}

/**
 * The same round OPEN a few days later: most sheets submitted, 300 recusals to replace, 200
 * entries accepted late with no judge yet.
 */
function openedRound(round: AssignmentInput, assigned: AssignmentOutput): AssignmentInput {
  const random = mulberry32(SEED + 1);
  const recused = new Set<number>();
  while (recused.size < RECUSALS) recused.add(Math.floor(random() * assigned.assignments.length));
  const existing: ExistingAssignment[] = assigned.assignments.map((a, i) => ({
    entryId: a.entryId,
    judgeId: a.judgeId,
    status: recused.has(i) ? 'RECUSED' : random() < 0.7 ? 'SUBMITTED' : 'PENDING',
  }));
  const late: EntryInput[] = Array.from({ length: LATE_ENTRIES }, (_, i) => ({
    id: `entry-late-${String(i).padStart(3, '0')}`,
    categoryId: round.panels[i % round.panels.length].categoryIds[0],
    entrantId: `entrant-${i % ENTRANTS}`,
  }));
  return { ...round, mode: 'topUp', entries: [...round.entries, ...late], existing };
}

function measure(input: AssignmentInput) {
  for (let i = 0; i < WARM_UP; i++) assignJudges(input);
  const samples: number[] = [];
  let output!: AssignmentOutput;
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    output = assignJudges(input);
    samples.push(performance.now() - started);
  }
  const { report } = output;
  return {
    ms: summarise(samples),
    created: output.assignments.length,
    activeAfter: report.assignments,
    minLoad: report.minLoad,
    maxLoad: report.maxLoad,
    worstPanelSpread: Math.max(...report.panels.map((p) => p.maxLoad - p.minLoad)),
    unassignable: report.unassignable.length,
    output,
  };
}

/**
 * The pure assignment (`assignJudges` of @app/judging) on a 12,000-entry round: milliseconds
 * per run, input already in memory, for the DRAFT assignment (replace) and for an OPEN
 * top-up. Target: ≤ 500 ms ("well under a second").
 */
export async function judgingAssignmentBench(): Promise<void> {
  const round = syntheticRound();
  const { output: assigned, ...replace } = measure(round);
  const { output: _topUpOutput, ...topUp } = measure(openedRound(round, assigned));
  const worstP50 = Math.max(replace.ms.p50, topUp.ms.p50);
  const report = {
    bench: 'judging-assignment',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? null,
    entries: ENTRIES,
    panels: PANEL_SIZES.length,
    judges: PANEL_SIZES.reduce((a, b) => a + b, 0),
    judgesPerEntry: JUDGES_PER_ENTRY,
    conflicts: {
      affiliatedJudges: AFFILIATED_JUDGES,
      declaredEntry: DECLARED_ENTRY_CONFLICTS,
      declaredEntrant: DECLARED_ENTRANT_CONFLICTS,
    },
    seed: SEED,
    targetMs: TARGET_MS,
    worstP50Ms: worstP50,
    meetsTarget: worstP50 <= TARGET_MS,
    note:
      `assignJudges() alone, input in memory; topUp: the replace result with ${RECUSALS} ` +
      `recusals, 70 % of the rest SUBMITTED, ${LATE_ENTRIES} late entries; min/maxLoad span ` +
      'panels with different entries per judge, worstPanelSpread is the balance within one',
    results: { replace, topUp },
  };
  writeFileSync(
    join(__dirname, '..', '..', 'bench', 'results', 'judging-assignment.json'),
    `${JSON.stringify(report, null, 2)}\n`,
  );
  const line = (name: string, r: typeof replace) =>
    `  ${name.padEnd(8)} p50 ${r.ms.p50} ms, max ${r.ms.max} ms (${RUNS} runs); ${r.created} created, ` +
    `loads ${r.minLoad}-${r.maxLoad}, worst panel spread ${r.worstPanelSpread}, ${r.unassignable} unassignable\n`;
  process.stdout.write(
    `\nassignment: ${ENTRIES} entries, ${PANEL_SIZES.length} panels, ${JUDGES_PER_ENTRY} judges an entry\n` +
      line('replace', replace) +
      line('topUp', topUp) +
      `worst p50 ${worstP50} ms (target <= ${TARGET_MS} ms)\nwritten to bench/results/judging-assignment.json\n`,
  );
}
