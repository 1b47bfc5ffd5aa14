import { Rational, decimalOfRatio } from './rational';
import { PreparedCriterion } from './sheet-total';

/**
 * One per-criterion result (§3 `criterionScores`): the mean over all the entry's counted
 * sheets (none trimmed) of 100·s_c/maxScore_c = 100·Σa_c / (m_c·n), with a_c and m_c in
 * hundredths. Kept as the integer sum until a value is asked for.
 */
export class CriterionMean {
  constructor(
    readonly criterion: PreparedCriterion,
    /** Σ a_c over the entry's counted sheets, in hundredths. */
    readonly sum: number,
    readonly sheets: number,
  ) {
    // Hundredths are below 1e11 each, so this holds for any realistic number of sheets.
    if (!Number.isSafeInteger(sum)) throw new RangeError('CriterionMean: sum out of range');
    if (!(sheets > 0)) throw new RangeError('CriterionMean: no sheets');
  }

  /** Ascending, exactly; both results of the same criterion (then maxScore cancels out). */
  compare(o: CriterionMean): number {
    if (o.criterion !== this.criterion) throw new RangeError('CriterionMean: two criteria');
    const left = this.sum * o.sheets;
    const right = o.sum * this.sheets;
    if (left <= Number.MAX_SAFE_INTEGER && right <= Number.MAX_SAFE_INTEGER) {
      return left < right ? -1 : left > right ? 1 : 0; // exact: see Rational.compare
    }
    return this.exact().compare(o.exact());
  }

  /** The exact mean, as a reduced fraction. */
  exact(): Rational {
    return Rational.of(
      100n * BigInt(this.sum),
      BigInt(this.criterion.maxScore) * BigInt(this.sheets),
    );
  }

  /** Rounded half-up to 3 decimals, as `criterionScores` reports it. */
  rounded(): number {
    const num = 100 * this.sum;
    const den = this.criterion.maxScore * this.sheets;
    return Number(
      Number.isSafeInteger(num) && Number.isSafeInteger(den)
        ? decimalOfRatio(num, den, 3)
        : decimalOfRatio(
            100n * BigInt(this.sum),
            BigInt(this.criterion.maxScore) * BigInt(this.sheets),
            3,
          ),
    );
  }
}

/**
 * An entry's per-criterion results, in the criteria's order, from its summed hundredths.
 * Empty without sheets: there is no mean to report, and a 0 would read as a real score.
 */
export function criterionMeans(
  criteria: readonly PreparedCriterion[],
  sums: readonly number[],
  sheets: number,
): CriterionMean[] {
  if (sheets === 0) return [];
  return criteria.map((criterion, c) => new CriterionMean(criterion, sums[c], sheets));
}
