import { compareCodePoints } from '../order';
import { Rational, decimalOfRatio, gcd } from '../rational';
import { CountedTotals } from '../quality/counted-totals';
import { IntegerSolution, solveIntegerSystem } from './exact-solve';

/**
 * A component's qualities are given as reduced fractions (EntryQuality.exact) when its common
 * denominator has at most this many digits. Beyond (a large panel whose judges each saw other
 * entries: 100 judges linked by 12,000 entries give ~400 digits), reducing 12,000 fractions
 * takes seconds and the fraction says nothing a person can read; ranks compare the key.
 */
export const EXACT_QUALITY_DIGITS = 40;

/** Decimals of a quality's key (see EntryQuality.key). */
export const QUALITY_KEY_DECIMALS = 9;
const KEY_SCALE = 10n ** BigInt(QUALITY_KEY_DECIMALS);

/** One judge's fitted bias: how many points the judge adds to an entry's quality. */
export interface JudgeBias {
  judgeId: string;
  /** The index of the judge's connected component (JudgeBiasFit.components). */
  component: number;
  sheets: number;
  /** b_j in points of the 0–100 total, exact; a component's biases add up to 0. */
  biasExact: Rational;
  /** biasExact rounded half-up to 3 decimals. */
  bias: number;
}

/** One entry's fitted quality: its sheets' mean once each judge's bias is taken off. */
export interface EntryQuality {
  entryId: string;
  component: number;
  sheets: number;
  /**
   * q_e = numerator / denominator points of the 0–100 total, exactly, not reduced: the
   * denominator is the component's (JudgeBiasFit.components[c].denominator) times n_e·L.
   */
  numerator: bigint;
  denominator: bigint;
  /** The same value reduced, when the component's denominator is short (EXACT_QUALITY_DIGITS). */
  exact: Rational | null;
  /**
   * The exact quality rounded half-up to 9 decimals, as an integer count of 10⁻⁹ points: what
   * the what-if ranks by (a total order, as ZSCORE's key of §3; equal qualities have equal keys).
   */
  key: bigint;
  /** The exact quality rounded half-up to 3 decimals. */
  quality: number;
}

/** Entries and judges linked by sheets. */
export interface BiasComponent {
  /** Code-point order. */
  judgeIds: string[];
  /** Code-point order. */
  entryIds: string[];
  /** D: every bias of the component is an integer over D·L (±det of its system, see fitJudgeBias). */
  denominator: bigint;
}

export interface JudgeBiasFit {
  /** Ordered by their first judge id (code-point order). */
  components: BiasComponent[];
  /** Every judge with a counted sheet, in code-point order of judge id. */
  judges: JudgeBias[];
  /** Every entry with a counted sheet, by id. */
  entries: Map<string, EntryQuality>;
  /** Σ over sheets of (total − quality − bias)², exact, in points². */
  residualSumOfSquares: Rational;
  /** sheets − entries − judges + components: the residual's degrees of freedom. */
  residualDf: number;
}

interface Sheet {
  judge: number;
  k: bigint;
}

/**
 * The judge-bias model of the what-if (issue 23): each counted sheet's total is
 *
 *     T(entry e, judge j) = q_e + b_j + noise,
 *
 * fitted by ordinary least squares, exactly. The model is identified only up to a constant per
 * connected component of the bipartite graph of entries and judges (a sheet links its entry and
 * its judge; a crossed panel is one component, panels that share no judge are separate ones):
 * adding c to every q_e of a component and taking c off every b_j fits as well. The fit fixes it
 * by Σ b_j = 0 over each component's judges, so a bias is relative to the component's average
 * judge and a quality is on the scale of the totals.
 *
 * Solved without floating point: the normal equation of q_e gives
 * q_e = (Σ_{s∈e} T_s − Σ_{s∈e} b_j(s)) / n_e, and putting that into the judges' equations
 * leaves, per component, C·b = r with C = Σ_e (diag of the entry's judge counts − their outer
 * product / n_e), whose rows add up to 0 (C is singular exactly on the constants). Every term is
 * multiplied by the lcm of the component's n_e, so C and r are integers, and C + 1·1ᵀ, which is
 * invertible for a connected component and has the same solution once Σ b = 0 (1ᵀr = 0), is
 * solved by fraction-free elimination (solveIntegerSystem). Totals are the integer numerators
 * K = L·T of CountedTotals; biases and qualities are divided by L at the end.
 *
 * With every judge scoring every entry of a component (a crossed panel), b_j is the judge's
 * mean minus the mean of all judges and q_e is the entry's plain mean: the model changes a
 * ranking only where judges differ from entry to entry.
 */
export function fitJudgeBias(totals: CountedTotals): JudgeBiasFit {
  const judgeIds = [...new Set(totals.sheets.map((s) => s.judgeId))].sort(compareCodePoints);
  const judgeIndex = new Map(judgeIds.map((id, i) => [id, i]));
  const byEntry = new Map<string, Sheet[]>();
  for (const s of totals.sheets) {
    const sheets = byEntry.get(s.entryId) ?? [];
    sheets.push({ judge: judgeIndex.get(s.judgeId)!, k: BigInt(s.numerator) });
    byEntry.set(s.entryId, sheets);
  }
  const components = connectedComponents([...byEntry.keys()], byEntry, judgeIds);

  // b_j = biasNumerator[j] / denominator of its component, in K units. Everything below stays
  // in integers over that denominator; a fraction is reduced once per judge and per entry.
  const biasNumerator = new Array<bigint>(judgeIds.length);
  const componentOfJudge = new Array<number>(judgeIds.length);
  const denominators = components.map((component, c) => {
    const solved = solveComponent(component, byEntry, judgeIndex);
    component.judgeIds.forEach((id, local) => {
      const j = judgeIndex.get(id)!;
      biasNumerator[j] = solved.numerators[local];
      componentOfJudge[j] = c;
    });
    component.denominator = solved.denominator;
    return solved.denominator;
  });
  const short = denominators.map((d) => d.toString().length <= EXACT_QUALITY_DIGITS);

  const L = totals.denominator;
  const sheetsOfJudge = new Array<number>(judgeIds.length).fill(0);
  const entries = new Map<string, EntryQuality>();
  // Σ over sheets of (D·n_e·residual)², kept apart per D·n_e (few distinct values).
  const squares = new Map<bigint, bigint>();
  for (const [entryId, sheets] of byEntry) {
    const component = componentOfJudge[sheets[0].judge];
    const d = denominators[component];
    const n = BigInt(sheets.length);
    let sum = 0n;
    let biases = 0n;
    for (const s of sheets) {
      sum += s.k;
      biases += biasNumerator[s.judge];
      sheetsOfJudge[s.judge]++;
    }
    // q_e = (Σ K − Σ b) / n_e = (D·Σ K − Σ y) / (D·n_e), in K units.
    const quality = d * sum - biases;
    const scale = d * n;
    let entrySquares = 0n;
    for (const s of sheets) {
      const r = scale * s.k - quality - n * biasNumerator[s.judge];
      entrySquares += r * r;
    }
    squares.set(scale, (squares.get(scale) ?? 0n) + entrySquares);
    const denominator = scale * L;
    entries.set(entryId, {
      entryId,
      component,
      sheets: sheets.length,
      numerator: quality,
      denominator,
      exact: short[component] ? Rational.of(quality, denominator) : null,
      key: roundedHalfUp(quality * KEY_SCALE, denominator),
      quality: Number(decimalOfRatio(quality, denominator, 3)),
    });
  }
  const residualSumOfSquares = [...squares].reduce(
    (total, [scale, sum]) => total.add(Rational.of(sum, scale * scale * L * L)),
    Rational.ZERO,
  );

  return {
    components,
    judges: judgeIds.map((judgeId, j) => {
      const biasExact = Rational.of(biasNumerator[j], denominators[componentOfJudge[j]] * L);
      return {
        judgeId,
        component: componentOfJudge[j],
        sheets: sheetsOfJudge[j],
        biasExact,
        bias: biasExact.toRoundedNumber(3),
      };
    }),
    entries,
    residualSumOfSquares,
    residualDf: totals.sheets.length - entries.size - judgeIds.length + components.length,
  };
}

/** The biases of one component's judges (in its judgeIds' order), in K units. */
function solveComponent(
  component: BiasComponent,
  byEntry: Map<string, Sheet[]>,
  judgeIndex: Map<string, number>,
): IntegerSolution {
  const m = component.judgeIds.length;
  const local = new Map(component.judgeIds.map((id, i) => [judgeIndex.get(id)!, i]));
  const scale = component.entryIds.reduce((l, id) => lcm(l, BigInt(byEntry.get(id)!.length)), 1n);
  // The constraint Σ b = 0 is added as 1·1ᵀ (see fitJudgeBias): every cell starts at 1.
  const c = Array.from({ length: m }, () => new Array<bigint>(m).fill(1n));
  const r = new Array<bigint>(m).fill(0n);
  for (const id of component.entryIds) {
    const sheets = byEntry.get(id)!;
    const weight = scale / BigInt(sheets.length); // the lcm over n_e
    let entrySum = 0n;
    const count = new Map<number, bigint>();
    const sum = new Map<number, bigint>();
    for (const s of sheets) {
      const j = local.get(s.judge)!;
      entrySum += s.k;
      count.set(j, (count.get(j) ?? 0n) + 1n);
      sum.set(j, (sum.get(j) ?? 0n) + s.k);
    }
    for (const [j, cj] of count) {
      c[j][j] += scale * cj;
      r[j] += scale * sum.get(j)! - weight * cj * entrySum;
      for (const [i, ci] of count) c[j][i] -= weight * cj * ci;
    }
  }
  const solution = solveIntegerSystem(c, r);
  // C + 1·1ᵀ is positive definite for a connected component: never singular.
  if (!solution) throw new Error('fitJudgeBias: a connected component gave a singular system');
  return solution;
}

/** Union-find over entries and judges; components ordered by their first judge. */
function connectedComponents(
  entryIds: string[],
  byEntry: Map<string, Sheet[]>,
  judgeIds: string[],
): BiasComponent[] {
  const parent = judgeIds.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (const sheets of byEntry.values()) {
    let joined = find(sheets[0].judge);
    for (const s of sheets) {
      const root = find(s.judge);
      if (root === joined) continue;
      // The smaller index as the root: a component's root is its first judge in code-point order.
      parent[Math.max(root, joined)] = Math.min(root, joined);
      joined = Math.min(root, joined);
    }
  }
  const roots = new Map<number, BiasComponent>();
  judgeIds.forEach((id, j) => {
    const root = find(j);
    const component = roots.get(root) ?? { judgeIds: [], entryIds: [], denominator: 1n };
    component.judgeIds.push(id);
    roots.set(root, component);
  });
  for (const id of entryIds) roots.get(find(byEntry.get(id)![0].judge))!.entryIds.push(id);
  for (const component of roots.values()) component.entryIds.sort(compareCodePoints);
  return [...roots.entries()].sort(([a], [b]) => a - b).map(([, component]) => component);
}

/** p/q (q > 0) rounded half away from zero to an integer. */
function roundedHalfUp(p: bigint, q: bigint): bigint {
  const magnitude = (2n * (p < 0n ? -p : p) + q) / (2n * q);
  return p < 0n ? -magnitude : magnitude;
}

function lcm(a: bigint, b: bigint): bigint {
  return (a / gcd(a, b)) * b;
}
