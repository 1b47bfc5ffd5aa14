/**
 * P(X ≥ x) for X chi-square with `df` degrees of freedom: the regularised upper incomplete
 * gamma function Q(df/2, x/2), in doubles (about 14 significant digits; a p-value is not a
 * rational number). For even df it is the finite sum e^(−x/2) · Σ_{i<df/2} (x/2)^i / i!; for
 * odd df a series (x < a + 1) or Lentz's continued fraction (otherwise), as in Numerical
 * Recipes §6.2.
 */
export function chiSquareSurvival(x: number, df: number): number {
  if (!Number.isInteger(df) || df < 1) throw new RangeError('chiSquareSurvival: df ≥ 1, whole');
  if (!(x >= 0)) throw new RangeError('chiSquareSurvival: x ≥ 0');
  if (x === 0) return 1;
  const a = df / 2;
  const h = x / 2;
  if (df % 2 === 0 && df <= 200) {
    let term = 1;
    let sum = 1;
    for (let i = 1; i < a; i++) {
      term *= h / i;
      sum += term;
    }
    return Math.min(1, Math.exp(-h) * sum);
  }
  return h < a + 1 ? 1 - lowerSeries(a, h) : upperFraction(a, h);
}

const EPS = 1e-16;
const TINY = 1e-300;

/** P(a, h) by its series. */
function lowerSeries(a: number, h: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < 10_000; n++) {
    term *= h / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * EPS) break;
  }
  return sum * Math.exp(-h + a * Math.log(h) - logGamma(a));
}

/** Q(a, h) by its continued fraction (modified Lentz). */
function upperFraction(a: number, h: number): number {
  let b = h + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let f = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const delta = d * c;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return Math.exp(-h + a * Math.log(h) - logGamma(a)) * f;
}

/** ln Γ(z) for z > 0 (Lanczos, g = 7, n = 9; relative error about 1e-15). */
function logGamma(z: number): number {
  if (z < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * z)) - logGamma(1 - z);
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  const x = z - 1;
  let sum = c[0];
  for (let i = 1; i < 9; i++) sum += c[i] / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
}
