import { hundredthsToDecimal } from '@app/judging';
import { prng, seedOf } from './demo-random';

export interface ScaleOf {
  key: string;
  maxScore: number | string;
  step: number | string;
}

export type DemoScores = Array<{ criterionKey: string; value: string }>;

const hundredths = (value: number | string) => Math.round(Number(value) * 100);

/** An entry's merit in [0.5, 0.95), from its title: the same entry is good for every judge. */
export function meritOf(entryTitle: string): number {
  return 0.5 + 0.45 * prng(seedOf(entryTitle))();
}

/**
 * One judge's scores of one entry: the entry's merit, the judge's leniency and a little noise
 * per criterion, on the criterion's steps within [0, maxScore], as decimal strings (what a
 * tablet sends). Deterministic in (round, entry title, judge email).
 */
export function demoScores(
  criteria: readonly ScaleOf[],
  round: string,
  entryTitle: string,
  judgeEmail: string,
  leniency: number,
): DemoScores {
  const random = prng(seedOf(`${round}|${entryTitle}|${judgeEmail}`));
  const merit = meritOf(entryTitle);
  return criteria.map((c) => {
    const share = Math.min(1, Math.max(0, merit + leniency + (random() - 0.5) * 0.16));
    return { criterionKey: c.key, value: onStep(c, share * hundredths(c.maxScore)) };
  });
}

/** The same scores with one criterion moved by one step (down from the top, up otherwise). */
export function changedScores(criteria: readonly ScaleOf[], scores: DemoScores, key: string) {
  const criterion = criteria.find((c) => c.key === key)!;
  return scores.map((s) => {
    if (s.criterionKey !== key) return s;
    const now = hundredths(s.value);
    const step = hundredths(criterion.step);
    const next = now + step <= hundredths(criterion.maxScore) ? now + step : now - step;
    return { criterionKey: key, value: hundredthsToDecimal(next) };
  });
}

function onStep(criterion: ScaleOf, valueHundredths: number): string {
  const step = hundredths(criterion.step);
  const units = Math.round(valueHundredths / step);
  return hundredthsToDecimal(Math.min(units * step, hundredths(criterion.maxScore)));
}
