/**
 * Exact rationals for the chart helpers: a score is placed in a histogram's bin by comparing
 * fractions, never floats, so a score on a bin's edge lands in one bin only, whatever its
 * binary rounding.
 */
export interface Fraction {
  /** numerator, any sign */
  p: bigint;
  /** denominator, > 0 */
  q: bigint;
}

/**
 * The API's exact aggregate 'p/q' (EntryResult.scoreExact) when there is one, else the decimal
 * the number prints as (the shortest that reads back as the same float: what the page shows).
 */
export function fractionOf(score: number, exact: string | null = null): Fraction {
  if (exact !== null) {
    const m = /^(-?\d+)\/(\d+)$/.exec(exact.trim());
    if (m && BigInt(m[2]) > 0n) return { p: BigInt(m[1]), q: BigInt(m[2]) };
  }
  if (!Number.isFinite(score)) throw new RangeError(`not a finite score: ${score}`);
  return decimalFraction(String(score));
}

/** '85.25' → 8525/100, '-1.5e-7' → -15/100000000 (exactly what is written). */
export function decimalFraction(text: string): Fraction {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i.exec(text);
  if (!m) throw new RangeError(`not a decimal: ${text}`);
  const digits = BigInt(`${m[2]}${m[3] ?? ''}`);
  const scale = (m[3]?.length ?? 0) - Number(m[4] ?? 0);
  const sign = m[1] === '-' ? -1n : 1n;
  return scale >= 0
    ? { p: sign * digits, q: 10n ** BigInt(scale) }
    : { p: sign * digits * 10n ** BigInt(-scale), q: 1n };
}

/** ⌊a / b⌋ for b > 0, towards −∞ (BigInt's own division truncates towards 0). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n ? q - 1n : q;
}

/** ⌈a / b⌉ for b > 0. */
export function ceilDiv(a: bigint, b: bigint): bigint {
  return -floorDiv(-a, b);
}

/** `units` hundredths (decimals = 2) as text: 8525n → '85.25', -50n → '-0.5', 800n → '8'. */
export function unitsText(units: bigint, decimals: number): string {
  if (decimals === 0) return units.toString();
  const sign = units < 0n ? '-' : '';
  const abs = (units < 0n ? -units : units).toString().padStart(decimals + 1, '0');
  const whole = abs.slice(0, -decimals);
  const part = abs.slice(-decimals).replace(/0+$/, '');
  return `${sign}${whole}${part ? `.${part}` : ''}`;
}
