import type { PortalRound } from '../ops';
import { missingSheets, openingShortfall, roundPlace, stageOf, stageStates } from './roundStages';

const judge = (id: string, name: string) => ({
  id,
  name,
  email: `${id}@x`,
  role: 'JUDGE' as const,
});
const panel = { id: 'p', name: '陶瓷组', categories: [], judges: [] };
const progress = (assignments: number, submitted = 0, recused = 0, complete = 0, total = 0) => ({
  assignments,
  submitted,
  recused,
  entriesComplete: complete,
  entriesTotal: total,
});
const round = (
  status: PortalRound['status'],
  panels = 1,
  assignments = 12,
): Pick<PortalRound, 'status' | 'panels' | 'progress'> => ({
  status,
  panels: Array.from({ length: panels }, () => panel),
  progress: progress(assignments),
});

describe('where a round is, and its next step', () => {
  it('a draft asks for a panel, then the assignment, then to open; never to open first', () => {
    expect(roundPlace(round('DRAFT', 0, 0), null)).toEqual({
      stage: 'panels',
      next: 'createPanel',
    });
    expect(roundPlace(round('DRAFT', 1, 0), null)).toEqual({ stage: 'assignment', next: 'assign' });
    expect(roundPlace(round('DRAFT', 1, 12), null)).toEqual({ stage: 'assignment', next: 'open' });
  });

  it('an open round is closed from its progress; a closed one waits for the tabulation', () => {
    expect(roundPlace(round('OPEN'), null)).toEqual({ stage: 'progress', next: 'close' });
    expect(roundPlace(round('CLOSED'), null)).toEqual({
      stage: 'results',
      next: 'awaitTabulation',
    });
  });

  it('a tabulated round is published, then finalised; reopening is never its next step', () => {
    expect(roundPlace(round('TABULATED'), null)).toEqual({ stage: 'results', next: 'publish' });
    expect(roundPlace(round('TABULATED'), [{ status: 'SUPERSEDED' }])).toEqual({
      stage: 'results',
      next: 'publish',
    });
    expect(roundPlace(round('TABULATED'), [{ status: 'NOTICE' }])).toEqual({
      stage: 'publication',
      next: 'finalise',
    });
    expect(roundPlace(round('TABULATED'), [{ status: 'SUPERSEDED' }, { status: 'FINAL' }])).toEqual(
      { stage: 'publication', next: 'done' },
    );
  });

  it('marks the stages behind, at and ahead of the round; all done once final', () => {
    expect(stageStates({ stage: 'assignment', next: 'assign' })).toEqual({
      settings: 'done',
      panels: 'done',
      assignment: 'current',
      progress: 'upcoming',
      results: 'upcoming',
      publication: 'upcoming',
    });
    expect(Object.values(stageStates({ stage: 'publication', next: 'done' }))).toEqual(
      Array(6).fill('done'),
    );
  });

  it('reads a stage from the address, and nothing else', () => {
    expect(stageOf('results')).toBe('results');
    expect(stageOf('constructor')).toBeNull();
    expect(stageOf(null)).toBeNull();
  });
});

describe('sheets missing at closing', () => {
  it('counts the sheets not submitted (a recusal owes none) and names who owes them, most first', () => {
    const missing = missingSheets({
      progress: progress(12, 6, 1, 2, 4),
      judgeProgress: [
        { judge: judge('a', '评委 陈'), assigned: 4, submitted: 4, recused: 0 },
        { judge: judge('b', '评委 黄'), assigned: 4, submitted: 2, recused: 0 },
        { judge: judge('c', '评委 梁'), assigned: 4, submitted: 0, recused: 1 },
      ],
    });
    expect(missing.sheets).toBe(5);
    expect(missing.entriesShort).toBe(2);
    expect(missing.owing.map((j) => [j.judge.name, j.owed, j.of])).toEqual([
      ['评委 梁', 3, 3],
      ['评委 黄', 2, 4],
    ]);
  });

  it('owes nothing when every sheet is in', () => {
    const missing = missingSheets({
      progress: progress(2, 2, 0, 1, 1),
      judgeProgress: [{ judge: judge('a', '评委 陈'), assigned: 2, submitted: 2, recused: 0 }],
    });
    expect(missing).toEqual({ sheets: 0, entriesShort: 0, owing: [] });
  });
});

describe('the shortfall opening warns of', () => {
  // 64 entries, one judge each, three wanted
  const short = { judgesPerEntry: 3, progress: progress(64, 0, 0, 0, 64) };
  const report = (assignments: number, unassignable: number) => ({
    assignments,
    unassignableEntryIds: Array.from({ length: unassignable }, (_, i) => `e${i}`),
  });

  it('names the short entries from the assignment just made', () => {
    expect(openingShortfall(short, report(64, 64))).toEqual({ kind: 'entries', n: 64, per: 3 });
  });

  it('is none when the assignment left no entry short', () => {
    const full = { judgesPerEntry: 3, progress: progress(192, 0, 0, 0, 64) };
    expect(openingShortfall(full, report(192, 0))).toBeNull();
    expect(openingShortfall(full, null)).toBeNull();
  });

  it('counts the unfilled judge places from the round when no report is known', () => {
    expect(openingShortfall(short, null)).toEqual({ kind: 'places', n: 128, per: 3 });
  });

  it('does not believe a report of another assignment than the one the round holds', () => {
    const full = { judgesPerEntry: 3, progress: progress(192, 0, 0, 0, 64) };
    expect(openingShortfall(full, report(64, 64))).toBeNull();
    expect(openingShortfall(short, report(192, 0))).toEqual({ kind: 'places', n: 128, per: 3 });
  });

  it('does not count a recused assignment as a judge', () => {
    const recused = { judgesPerEntry: 2, progress: progress(8, 0, 1, 0, 4) };
    expect(openingShortfall(recused, null)).toEqual({ kind: 'places', n: 1, per: 2 });
  });
});
