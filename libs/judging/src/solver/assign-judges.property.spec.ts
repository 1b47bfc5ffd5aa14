import fc from 'fast-check';
import { assignJudges } from './assign-judges';
import { mulberry32 } from './prng';
import {
  AssignmentInput,
  AssignmentOutput,
  DeclaredConflict,
  EntryInput,
  ExistingAssignment,
  ExistingAssignmentStatus,
  JudgeInput,
  PanelInput,
} from './types';

// ---------------------------------------------------------------------------------------------
// Random rounds, small enough to check by hand-written (independent) reference code

const JUDGE_IDS = ['A', 'B', 'j-10', 'j-2', 'Ｃ', '\u{1F600}'];
const ENTRANTS = ['acme', 'globex', 'initech'];
const CATEGORIES = ['c1', 'c2', 'c3', 'c4'];
const STATUSES: ExistingAssignmentStatus[] = ['PENDING', 'SUBMITTED', 'RECUSED'];

interface RoundShape {
  judgeCount: number;
  entryCount: number;
  panelCount: number;
  withConflicts: boolean;
  mode: 'replace' | 'topUp';
  /** Every category in a panel (no NO_PANEL entries), so that every entry counts for balance. */
  coverAll?: boolean;
}

const roundArb = (shape: fc.Arbitrary<RoundShape>): fc.Arbitrary<AssignmentInput> =>
  shape.chain(({ judgeCount, entryCount, panelCount, withConflicts, mode, coverAll }) =>
    fc
      .record({
        affiliations: fc.array(
          withConflicts ? fc.option(fc.constantFrom(...ENTRANTS)) : fc.constant(null),
          { minLength: judgeCount, maxLength: judgeCount },
        ),
        // For each category: the panel covering it, or none (-1).
        panelOfCategory: fc.array(fc.integer({ min: coverAll ? 0 : -1, max: panelCount - 1 }), {
          minLength: CATEGORIES.length,
          maxLength: CATEGORIES.length,
        }),
        panelJudges: fc.array(fc.subarray(JUDGE_IDS.slice(0, judgeCount), { minLength: 1 }), {
          minLength: panelCount,
          maxLength: panelCount,
        }),
        entries: fc.array(
          fc.record({
            category: fc.constantFrom(...CATEGORIES),
            entrant: fc.constantFrom(...ENTRANTS),
          }),
          { minLength: entryCount, maxLength: entryCount },
        ),
        conflicts: fc.array(
          fc.record({
            judge: fc.nat(judgeCount - 1),
            entry: fc.nat(Math.max(0, entryCount - 1)),
            wholeEntrant: fc.boolean(),
          }),
          { maxLength: withConflicts ? 3 * entryCount : 0 },
        ),
        judgesPerEntry: fc.integer({ min: 1, max: 4 }),
        seed: fc.integer(),
        existing: fc.array(
          fc.record({
            entry: fc.nat(Math.max(0, entryCount - 1)),
            judge: fc.nat(judgeCount - 1),
            status: fc.constantFrom(...STATUSES),
          }),
          { maxLength: mode === 'topUp' ? 3 * entryCount : 0 },
        ),
      })
      .map((raw): AssignmentInput => {
        const judges: JudgeInput[] = raw.affiliations.map((affiliationEntrantId, j) => ({
          id: JUDGE_IDS[j],
          affiliationEntrantId,
        }));
        const panels: PanelInput[] = raw.panelJudges
          .map((judgeIds, p) => ({
            id: `panel-${p}`,
            categoryIds: CATEGORIES.filter((_, c) => raw.panelOfCategory[c] === p),
            judgeIds,
          }))
          .filter((panel) => panel.categoryIds.length > 0);
        const entries: EntryInput[] = raw.entries.map(({ category, entrant }, e) => ({
          id: `e${e}`,
          categoryId: category,
          entrantId: entrant,
        }));
        const conflicts: DeclaredConflict[] = raw.conflicts
          .filter(() => entries.length > 0)
          .map(({ judge, entry, wholeEntrant }) =>
            wholeEntrant
              ? { judgeId: JUDGE_IDS[judge], entrantId: entries[entry].entrantId }
              : { judgeId: JUDGE_IDS[judge], entryId: entries[entry].id },
          );
        // One row per (entry, judge), and never more active rows than judgesPerEntry.
        const seen = new Set<string>();
        const active = new Map<string, number>();
        const existing: ExistingAssignment[] = [];
        for (const { entry, judge, status } of raw.existing) {
          if (entries.length === 0) break;
          const entryId = entries[entry].id;
          const key = `${entryId}/${judge}`;
          if (seen.has(key)) continue;
          if (status !== 'RECUSED') {
            if ((active.get(entryId) ?? 0) >= raw.judgesPerEntry) continue;
            active.set(entryId, (active.get(entryId) ?? 0) + 1);
          }
          seen.add(key);
          existing.push({ entryId, judgeId: JUDGE_IDS[judge], status });
        }
        return {
          mode,
          entries,
          panels,
          judges,
          conflicts,
          judgesPerEntry: raw.judgesPerEntry,
          seed: raw.seed,
          existing,
        };
      }),
  );

const anyRound = roundArb(
  fc.record({
    judgeCount: fc.integer({ min: 1, max: 6 }),
    entryCount: fc.integer({ min: 0, max: 10 }),
    panelCount: fc.integer({ min: 1, max: 3 }),
    withConflicts: fc.boolean(),
    mode: fc.constantFrom('replace' as const, 'topUp' as const),
  }),
);

/**
 * One panel, few judges and entries, many conflicts: every possible assignment can be listed,
 * and the greedy start alone is often not the best.
 */
const tinyRound = roundArb(
  fc.record({
    judgeCount: fc.integer({ min: 3, max: 5 }),
    entryCount: fc.integer({ min: 2, max: 6 }),
    panelCount: fc.constant(1),
    withConflicts: fc.constant(true),
    mode: fc.constantFrom('replace' as const, 'topUp' as const),
    coverAll: fc.constant(true),
  }),
);

// ---------------------------------------------------------------------------------------------
// The rules, restated without the library's code

const activeExisting = (input: AssignmentInput, entryId: string) =>
  input.mode === 'topUp'
    ? (input.existing ?? []).filter((a) => a.entryId === entryId && a.status !== 'RECUSED')
    : [];

const panelOf = (input: AssignmentInput, entry: EntryInput) =>
  input.panels.find((panel) => panel.categoryIds.includes(entry.categoryId));

/** The judges an entry may newly get: of its panel, not conflicted, not on it before. */
function eligibleJudges(input: AssignmentInput, entry: EntryInput): string[] {
  const judgesById = new Map(input.judges.map((judge) => [judge.id, judge]));
  return (panelOf(input, entry)?.judgeIds ?? []).filter(
    (judgeId) =>
      judgesById.get(judgeId)!.affiliationEntrantId !== entry.entrantId &&
      !input.conflicts.some(
        (c) =>
          c.judgeId === judgeId &&
          ('entryId' in c ? c.entryId === entry.id : c.entrantId === entry.entrantId),
      ) &&
      !(input.mode === 'topUp' ? (input.existing ?? []) : []).some(
        (a) => a.entryId === entry.id && a.judgeId === judgeId,
      ),
  );
}

/** For each given entry, every judge it actively has after the run. */
function activeAfter(input: AssignmentInput, output: AssignmentOutput): Map<string, string[]> {
  const active = new Map(
    input.entries.map((entry) => [entry.id, activeExisting(input, entry.id).map((a) => a.judgeId)]),
  );
  for (const { entryId, judgeId } of output.assignments) active.get(entryId)!.push(judgeId);
  return active;
}

/** Each judge's load on the entries of one panel (or all entries, for `null`). */
function loadsOf(input: AssignmentInput, output: AssignmentOutput, panel: PanelInput | null) {
  const judgeIds = panel
    ? panel.judgeIds
    : [
        ...new Set(
          input.panels
            .filter((p) => input.entries.some((entry) => panelOf(input, entry) === p))
            .flatMap((p) => p.judgeIds),
        ),
      ];
  const load = new Map(judgeIds.map((id) => [id, 0]));
  const active = activeAfter(input, output);
  for (const entry of input.entries) {
    if (panel && panelOf(input, entry) !== panel) continue;
    for (const judgeId of active.get(entry.id)!) {
      if (load.has(judgeId)) load.set(judgeId, load.get(judgeId)! + 1);
    }
  }
  return [...load.values()];
}

const spread = (loads: number[]) => Math.max(...loads) - Math.min(...loads);

/**
 * The exact optimum of one panel: every way to give each entry its share of eligible judges,
 * and the best largest load, smallest load and spread among them.
 */
function exhaustiveOptimum(input: AssignmentInput, panel: PanelInput) {
  const entries = input.entries.filter((entry) => panelOf(input, entry) === panel);
  const index = new Map(panel.judgeIds.map((id, j) => [id, j]));
  const base = new Array<number>(panel.judgeIds.length).fill(0);
  for (const entry of entries) {
    for (const a of activeExisting(input, entry.id)) {
      if (index.has(a.judgeId)) base[index.get(a.judgeId)!]++;
    }
  }
  const choices = entries.map((entry) => {
    const eligible = eligibleJudges(input, entry).map((id) => index.get(id)!);
    const lacking = Math.max(0, input.judgesPerEntry - activeExisting(input, entry.id).length);
    return subsets(eligible, Math.min(lacking, eligible.length));
  });
  const best = { maxLoad: Infinity, minLoad: -Infinity, spread: Infinity };
  const visit = (e: number, load: number[]) => {
    if (e === choices.length) {
      best.maxLoad = Math.min(best.maxLoad, Math.max(...load));
      best.minLoad = Math.max(best.minLoad, Math.min(...load));
      best.spread = Math.min(best.spread, spread(load));
      return;
    }
    for (const chosen of choices[e]) {
      for (const j of chosen) load[j]++;
      visit(e + 1, load);
      for (const j of chosen) load[j]--;
    }
  };
  visit(0, base);
  return best;
}

function subsets(items: number[], size: number): number[][] {
  if (size === 0) return [[]];
  if (items.length < size) return [];
  const [first, ...rest] = items;
  return [...subsets(rest, size - 1).map((s) => [first, ...s]), ...subsets(rest, size)];
}

/** The same round, every array (and every panel's lists) in another order. */
function shuffled(input: AssignmentInput, seed: number): AssignmentInput {
  const random = mulberry32(seed);
  const shuffle = <T>(items: readonly T[]): T[] => {
    const copy = [...items];
    for (let i = copy.length - 1; i > 0; i--) {
      const k = Math.floor(random() * (i + 1));
      [copy[i], copy[k]] = [copy[k], copy[i]];
    }
    return copy;
  };
  return {
    ...input,
    entries: shuffle(input.entries),
    judges: shuffle(input.judges),
    conflicts: shuffle(input.conflicts),
    existing: shuffle(input.existing ?? []),
    panels: shuffle(input.panels).map((panel) => ({
      ...panel,
      categoryIds: shuffle(panel.categoryIds),
      judgeIds: shuffle(panel.judgeIds),
    })),
  };
}

// ---------------------------------------------------------------------------------------------

describe('assignJudges, properties', () => {
  it('assigns only eligible judges of the entry’s own panel, each at most once per entry', () => {
    fc.assert(
      fc.property(anyRound, (input) => {
        const output = assignJudges(input);
        const entries = new Map(input.entries.map((entry) => [entry.id, entry]));
        const pairs = new Set<string>();
        for (const { entryId, judgeId, panelId } of output.assignments) {
          const entry = entries.get(entryId)!;
          expect(panelId).toBe(panelOf(input, entry)!.id);
          expect(eligibleJudges(input, entry)).toContain(judgeId);
          expect(pairs.has(`${entryId}/${judgeId}`)).toBe(false);
          pairs.add(`${entryId}/${judgeId}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('serves every entry fully, or lists it with every eligible judge it could get', () => {
    fc.assert(
      fc.property(anyRound, (input) => {
        const output = assignJudges(input);
        const active = activeAfter(input, output);
        const listed = new Map(output.report.unassignable.map((u) => [u.entryId, u]));
        const newCount = (entryId: string) =>
          output.assignments.filter((a) => a.entryId === entryId).length;
        for (const entry of input.entries) {
          const judges = active.get(entry.id)!;
          const unassignable = listed.get(entry.id);
          if (!unassignable) {
            expect(judges).toHaveLength(input.judgesPerEntry);
            continue;
          }
          expect(judges.length).toBeLessThan(input.judgesPerEntry);
          expect(unassignable.activeJudges).toBe(judges.length);
          expect(unassignable.reason).toBe(
            panelOf(input, entry) ? 'NOT_ENOUGH_JUDGES' : 'NO_PANEL',
          );
          expect(newCount(entry.id)).toBe(eligibleJudges(input, entry).length);
        }
        expect(output.report.unassignable.map((u) => u.entryId)).toEqual(
          input.entries
            .map((entry) => entry.id)
            .filter((id) => active.get(id)!.length < input.judgesPerEntry)
            .sort(),
        );
        expect(output.report.assignments).toBe(
          [...active.values()].reduce((sum, judges) => sum + judges.length, 0),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('reports the loads as defined: per panel, and over judges of panels with entries', () => {
    fc.assert(
      fc.property(anyRound, (input) => {
        const output = assignJudges(input);
        const roundLoads = loadsOf(input, output, null);
        expect(output.report.minLoad).toBe(roundLoads.length ? Math.min(...roundLoads) : 0);
        expect(output.report.maxLoad).toBe(roundLoads.length ? Math.max(...roundLoads) : 0);
        const withEntries = input.panels
          .filter((panel) => input.entries.some((entry) => panelOf(input, entry) === panel))
          .sort((a, b) => (a.id < b.id ? -1 : 1));
        expect(output.report.panels).toEqual(
          withEntries.map((panel) => {
            const loads = loadsOf(input, output, panel);
            return {
              panelId: panel.id,
              entries: input.entries.filter((entry) => panelOf(input, entry) === panel).length,
              minLoad: Math.min(...loads),
              maxLoad: Math.max(...loads),
            };
          }),
        );
      }),
    );
  });

  it('keeps the loads of a panel within one of each other when nothing is in conflict', () => {
    const unconflicted = roundArb(
      fc.record({
        judgeCount: fc.integer({ min: 1, max: 6 }),
        entryCount: fc.integer({ min: 0, max: 40 }),
        panelCount: fc.integer({ min: 1, max: 3 }),
        withConflicts: fc.constant(false),
        mode: fc.constant('replace' as const),
      }),
    );
    fc.assert(
      fc.property(unconflicted, (input) => {
        const output = assignJudges(input);
        for (const panel of input.panels) {
          const loads = loadsOf(input, output, panel);
          if (input.entries.some((entry) => panelOf(input, entry) === panel)) {
            expect(spread(loads)).toBeLessThanOrEqual(1);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('balances as well as the best possible assignment, conflicts and top-ups included', () => {
    fc.assert(
      fc.property(tinyRound, (input) => {
        const output = assignJudges(input);
        for (const panel of input.panels) {
          if (!input.entries.some((entry) => panelOf(input, entry) === panel)) continue;
          const loads = loadsOf(input, output, panel);
          const optimum = exhaustiveOptimum(input, panel);
          expect(spread(loads)).toBe(optimum.spread);
          expect(Math.max(...loads)).toBe(optimum.maxLoad);
          expect(Math.min(...loads)).toBe(optimum.minLoad);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same assignment for the same input and seed', () => {
    fc.assert(
      fc.property(anyRound, (input) => {
        expect(assignJudges(structuredClone(input))).toEqual(assignJudges(input));
      }),
    );
  });

  it('does not depend on the order of the input arrays', () => {
    fc.assert(
      fc.property(anyRound, fc.integer(), (input, shuffleSeed) => {
        expect(assignJudges(shuffled(input, shuffleSeed))).toEqual(assignJudges(input));
      }),
      { numRuns: 300 },
    );
  });

  it('in a top-up, keeps every existing assignment and gives no recused entry back', () => {
    const topUps = anyRound.filter((input) => input.mode === 'topUp');
    fc.assert(
      fc.property(topUps, (input) => {
        const output = assignJudges(input);
        const existingPairs = new Set(
          (input.existing ?? []).map((a) => `${a.entryId}/${a.judgeId}`),
        );
        for (const a of output.assignments) {
          expect(existingPairs.has(`${a.entryId}/${a.judgeId}`)).toBe(false);
        }
        for (const entry of input.entries) {
          const kept = activeExisting(input, entry.id).length;
          const added = output.assignments.filter((a) => a.entryId === entry.id).length;
          expect(added).toBeLessThanOrEqual(Math.max(0, input.judgesPerEntry - kept));
        }
      }),
      { numRuns: 200 },
    );
  });
});
