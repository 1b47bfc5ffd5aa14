import type { PublicationStatus } from '../../gql/app';
import type { PortalRound } from '../ops';

/**
 * A round's page in the order the work is done: settings → panels and conflicts → assignment
 * → progress → results → publication. Where the round is (its status, its panels and
 * assignments, its publications) decides the stage the page opens on and the one next thing
 * to do, which that stage shows first.
 */
export const STAGES = [
  'settings',
  'panels',
  'assignment',
  'progress',
  'results',
  'publication',
] as const;

export type StageId = (typeof STAGES)[number];

/** The next thing to do with the round, as the page says it. */
export type NextStep =
  'createPanel' | 'assign' | 'open' | 'close' | 'awaitTabulation' | 'publish' | 'finalise' | 'done';

export type StageState = 'done' | 'current' | 'upcoming';

export interface RoundPlace {
  /** the stage where the next step is taken */
  stage: StageId;
  next: NextStep;
}

type RoundFacts = Pick<PortalRound, 'status' | 'panels' | 'progress'>;

/**
 * Where the round is. `publications` are the round's own (any version), or null while they
 * are not known yet (read as none).
 */
export function roundPlace(
  round: RoundFacts,
  publications: readonly { status: PublicationStatus }[] | null,
): RoundPlace {
  switch (round.status) {
    case 'DRAFT':
      if (round.panels.length === 0) return { stage: 'panels', next: 'createPanel' };
      if (round.progress.assignments === 0) return { stage: 'assignment', next: 'assign' };
      return { stage: 'assignment', next: 'open' };
    case 'OPEN':
      return { stage: 'progress', next: 'close' };
    case 'CLOSED':
      return { stage: 'results', next: 'awaitTabulation' };
    case 'TABULATED': {
      const statuses = new Set((publications ?? []).map((p) => p.status));
      if (statuses.has('FINAL')) return { stage: 'publication', next: 'done' };
      if (statuses.has('NOTICE')) return { stage: 'publication', next: 'finalise' };
      return { stage: 'results', next: 'publish' };
    }
  }
}

/** Each stage as the steps show it: behind the round, where it is, or ahead of it. */
export function stageStates(place: RoundPlace): Record<StageId, StageState> {
  const at = STAGES.indexOf(place.stage);
  const states = {} as Record<StageId, StageState>;
  for (const [i, stage] of STAGES.entries()) {
    states[stage] = i < at || place.next === 'done' ? 'done' : i === at ? 'current' : 'upcoming';
  }
  return states;
}

/** A stage named in the address (`?stage=results`), or null for none or a stage unknown. */
export function stageOf(value: string | null): StageId | null {
  return (STAGES as readonly string[]).includes(value ?? '') ? (value as StageId) : null;
}

/** Sheets not submitted yet (recused ones are not owed), and the judges who owe them. */
export function missingSheets(round: Pick<PortalRound, 'progress' | 'judgeProgress'>) {
  const p = round.progress;
  const owing = round.judgeProgress
    .map((j) => ({
      judge: j.judge,
      owed: j.assigned - j.recused - j.submitted,
      of: j.assigned - j.recused,
    }))
    .filter((j) => j.owed > 0)
    .sort((a, b) => b.owed - a.owed || a.judge.name.localeCompare(b.judge.name, 'zh-CN'));
  return {
    sheets: Math.max(p.assignments - p.recused - p.submitted, 0),
    entriesShort: Math.max(p.entriesTotal - p.entriesComplete, 0),
    owing,
  };
}

/** How a draft's assignment leaves entries short of judges, as opening warns of it. */
export type OpeningShortfall =
  /** the assignment just made named them: this many entries have fewer than `per` judges */
  | { kind: 'entries'; n: number; per: number }
  /** read from the round's counts (after a reload): this many judge places are unfilled */
  | { kind: 'places'; n: number; per: number };

/**
 * The shortfall opening should warn of, or null when every entry has its judges. The report
 * of the assignment made on this page names the short entries, and is believed while the
 * round still holds that assignment (its active count unchanged); otherwise the round's own
 * counts give the judge places unfilled among the entries that hold an assignment.
 */
export function openingShortfall(
  round: Pick<PortalRound, 'judgesPerEntry' | 'progress'>,
  report: { assignments: number; unassignableEntryIds: readonly string[] } | null,
): OpeningShortfall | null {
  const per = round.judgesPerEntry;
  const active = round.progress.assignments - round.progress.recused;
  if (report && report.assignments === active) {
    const n = report.unassignableEntryIds.length;
    return n > 0 ? { kind: 'entries', n, per } : null;
  }
  const places = round.progress.entriesTotal * per - active;
  return places > 0 ? { kind: 'places', n: places, per } : null;
}
