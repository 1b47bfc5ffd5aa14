import { SheetInput, TabulationInput } from '@app/tabulation';
import { TestApp } from '@app/testing';
import type { SeededRound } from '../../../bench/round-seed';
import { CLOSE, seededSettings, seedRound, statusOf } from './results-fixtures';

/** Every sheet of a judge at the top of every scale: a judge who gives 100. */
export const LENIENT = [
  { criterionKey: 'design', value: '10.00' },
  { criterionKey: 'craft', value: '10.00' },
  { criterionKey: 'culture', value: '10.00' },
  { criterionKey: 'market', value: '5.00' },
];

/**
 * A TABULATED round where the methods disagree: 24 entries, six judges, three an entry (not
 * crossed), the first judge giving 100 on every sheet. MEAN lifts the entries that judge saw;
 * ZSCORE (a judge without spread has z = 0) and the judge-bias model take the leniency off.
 * `input` is the tabulation input as stored (the lenient sheets included).
 */
export async function lenientJudgeRound(
  app: TestApp,
  admin: string,
): Promise<{ seeded: SeededRound; input: TabulationInput }> {
  const seeded = await seedRound(app, 24);
  const lenient = seeded.judgeIds[0];
  await app.sql(
    `UPDATE score_sheets s JOIN assignments a ON a.id = s.assignment_id
        SET s.scores = ?, s.total = '100.000'
      WHERE a.judge_id = ? AND a.round_id = ?`,
    [JSON.stringify(LENIENT.map((s) => [s.criterionKey, s.value])), lenient, seeded.roundId],
  );
  const sheets: SheetInput[] = seeded.sheets.map((s) =>
    s.judgeId === lenient ? { ...s, scores: LENIENT } : s,
  );
  const closed = await app.gql(CLOSE, { id: seeded.roundId }, admin);
  if (closed.errors) throw new Error(JSON.stringify(closed.errors));
  await app.waitForQueues();
  if ((await statusOf(app, seeded.roundId)) !== 'TABULATED') {
    throw new Error('the round was not tabulated');
  }
  return { seeded, input: { round: seededSettings(), entries: seeded.entries, sheets } };
}
