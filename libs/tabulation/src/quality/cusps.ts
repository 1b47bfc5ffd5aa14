import { Quota, prepareQuota } from '../awards';
import { TabulationInputError } from '../errors';
import { compareCodePoints } from '../order';
import { Rational } from '../rational';
import { Aggregation, AwardTierInput, EntryResult, QuotaInput } from '../types';
import { zscoreKeyValue } from '../zscore-key';

/** The boundary name of advancement, beside the tier keys. */
export const ADVANCEMENT = 'ADVANCEMENT';

/** What cusp detection reads of an entry's result (§7). */
export type CuspResult = Pick<
  EntryResult,
  'entryId' | 'entryCode' | 'scopeKey' | 'complete' | 'score' | 'scoreExact' | 'award' | 'advanced'
>;

export interface CuspInput {
  aggregation: Aggregation;
  /** Highest tier first, as the round lists them. */
  awardTiers?: readonly AwardTierInput[] | null;
  advancement?: QuotaInput | null;
  results: readonly CuspResult[];
  /** ≥ 0, at most 9 decimals; see defaultCuspMargin. */
  margin: number;
}

/** An entry whose aggregate lies within the margin of a boundary of its scope. */
export interface Cusp {
  entryId: string;
  entryCode: string;
  scopeKey: string;
  /** The tier's key, or ADVANCEMENT. */
  boundary: string;
  /** Whether the entry has that tier (or a higher one) / advanced. */
  inside: boolean;
  /** The score at the boundary (see cuspEntries). */
  boundaryScore: number;
  score: number;
  /** |score − boundaryScore| ≤ margin. */
  distance: number;
}

/** 0.5 points on the exact aggregations' 0–100 scale, 0.05 for ZSCORE's z. */
export function defaultCuspMargin(aggregation: Aggregation): number {
  return aggregation === 'ZSCORE' ? 0.05 : 0.5;
}

/** How one aggregation's scores are compared and reported. */
interface Scale<A> {
  scoreOf(r: CuspResult): A | null;
  fromHundredths(h: number): A;
  distance(a: A, b: A): A;
  within(d: A): boolean;
  compare(a: A, b: A): number;
  report(a: A): number;
}

/**
 * The cusp entries of a tabulation: for each scope and each boundary (every award tier, read
 * cumulatively as "this tier or a higher one", then advancement), the complete entries whose
 * aggregate lies within `margin` of the boundary's score, on either side.
 *
 * The boundary's score: for a MIN_SCORE quota its value; for COUNT and PERCENT the aggregate
 * of the lowest entry inside (the last one that made it), so that entry has distance 0 and
 * the first ones outside are at the gap below it. A COUNT/PERCENT boundary with nobody inside
 * or nobody outside in a scope separates nothing there and gives no cusps.
 * Exact aggregations are compared exactly (scoreExact and the margin's decimal) and reported
 * to 3 decimals; ZSCORE uses the reported score (4 decimals) through its key (§3: rounded
 * half-up to 9 decimals, which gives back the 4-decimal value exactly), so distances and the
 * margin are compared as exact fractions too, and reported to 4 decimals.
 * Incomplete entries have no place to lose and are never cusps.
 * Order: scopeKey, boundary (tiers highest first, then ADVANCEMENT), distance, entry code.
 */
export function cuspEntries(input: CuspInput): Cusp[] {
  const zscore = input.aggregation === 'ZSCORE';
  return findCusps(input, zscore ? zScale(input.margin) : exactScale(input.margin));
}

function findCusps<A>(input: CuspInput, scale: Scale<A>): Cusp[] {
  const zscore = input.aggregation === 'ZSCORE';
  const tiers = input.awardTiers ?? [];
  const tierIndex = new Map(tiers.map((t, i) => [t.key, i]));
  const boundaries: { key: string; quota: Quota; inside: (r: CuspResult) => boolean }[] = [
    ...tiers.map((t, i) => ({
      key: t.key,
      quota: prepareQuota(t.quota, `tier ${t.key}`, zscore),
      inside: (r: CuspResult) => r.award !== null && (tierIndex.get(r.award) ?? Infinity) <= i,
    })),
  ];
  if (input.advancement) {
    boundaries.push({
      key: ADVANCEMENT,
      quota: prepareQuota(input.advancement, 'advancement', zscore),
      inside: (r) => r.advanced,
    });
  }

  const scopes = new Map<string, { result: CuspResult; score: A }[]>();
  for (const result of input.results) {
    const score = result.complete ? scale.scoreOf(result) : null;
    if (score === null) continue;
    const scope = scopes.get(result.scopeKey) ?? [];
    scope.push({ result, score });
    scopes.set(result.scopeKey, scope);
  }

  const found: { cusp: Cusp; order: number; distance: A }[] = [];
  for (const [scopeKey, entries] of scopes) {
    boundaries.forEach((boundary, order) => {
      const at = boundaryScore(boundary, entries, scale);
      if (at === null) return;
      for (const { result, score } of entries) {
        const distance = scale.distance(score, at);
        if (!scale.within(distance)) continue;
        const cusp: Cusp = {
          entryId: result.entryId,
          entryCode: result.entryCode,
          scopeKey,
          boundary: boundary.key,
          inside: boundary.inside(result),
          boundaryScore: scale.report(at),
          score: scale.report(score),
          distance: scale.report(distance),
        };
        found.push({ cusp, order, distance });
      }
    });
  }
  found.sort(
    (a, b) =>
      compareCodePoints(a.cusp.scopeKey, b.cusp.scopeKey) ||
      a.order - b.order ||
      scale.compare(a.distance, b.distance) ||
      compareCodePoints(a.cusp.entryCode, b.cusp.entryCode),
  );
  return found.map((f) => f.cusp);
}

function boundaryScore<A>(
  boundary: { quota: Quota; inside: (r: CuspResult) => boolean },
  entries: readonly { result: CuspResult; score: A }[],
  scale: Scale<A>,
): A | null {
  if (boundary.quota.mode === 'MIN_SCORE') return scale.fromHundredths(boundary.quota.hundredths);
  let lowestInside: A | null = null;
  let outside = 0;
  for (const { result, score } of entries) {
    if (!boundary.inside(result)) outside++;
    else if (lowestInside === null || scale.compare(score, lowestInside) < 0) lowestInside = score;
  }
  return outside === 0 ? null : lowestInside;
}

function exactScale(margin: number): Scale<Rational> {
  return rationalScale(margin, 3, (r) =>
    r.scoreExact === null ? null : parseFraction(r.scoreExact),
  );
}

function zScale(margin: number): Scale<Rational> {
  return rationalScale(margin, 4, (r) => (r.score === null ? null : zscoreKeyValue(r.score)));
}

function rationalScale(
  margin: number,
  digits: number,
  scoreOf: (r: CuspResult) => Rational | null,
): Scale<Rational> {
  const limit = exactMargin(margin);
  return {
    scoreOf,
    fromHundredths: (h) => Rational.fromHundredths(h),
    distance: (a, b) => {
      const d = a.sub(b);
      return d.sign() < 0 ? d.neg() : d;
    },
    within: (d) => d.compare(limit) <= 0,
    compare: (a, b) => a.compare(b),
    report: (a) => a.toRoundedNumber(digits),
  };
}

/** The margin's shortest decimal, exactly (0.05 is 5/100, not the double nearest it). */
function exactMargin(margin: number): Rational {
  const match = typeof margin === 'number' ? /^(\d+)(?:\.(\d{1,9}))?$/.exec(String(margin)) : null;
  if (!match) {
    throw new TabulationInputError(
      'INVALID_DECIMAL',
      `margin: ${String(margin)} is not a decimal ≥ 0 with at most 9 decimals`,
    );
  }
  const decimals = match[2] ?? '';
  return Rational.of(BigInt(match[1] + decimals), 10n ** BigInt(decimals.length));
}

/** "p/q" as the results report scoreExact. */
function parseFraction(text: string): Rational {
  const match = /^(-?\d+)\/(\d+)$/.exec(text);
  if (!match || match[2] === '0' || /^0+$/.test(match[2])) {
    throw new TabulationInputError(
      'INVALID_ENTRY',
      `scoreExact ${JSON.stringify(text)} is not p/q`,
    );
  }
  return Rational.of(BigInt(match[1]), BigInt(match[2]));
}
