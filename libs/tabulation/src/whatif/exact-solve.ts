/** x = numerators / denominator, one common denominator (positive, not reduced). */
export interface IntegerSolution {
  numerators: bigint[];
  denominator: bigint;
}

/**
 * The exact solution of A·x = b for a square integer matrix A, or null when A is singular.
 *
 * Bareiss's fraction-free Gaussian elimination (Bareiss 1968): every division in the forward
 * pass is exact, so the work stays in integers whose size is bounded by the minors of A
 * (Hadamard's bound) instead of growing with each step as rational elimination does, and no
 * gcd is ever taken. A zero pivot is replaced by a lower row with a non-zero entry in its column
 * (a row swap keeps the divisions exact). The last pivot is ±det A, and det A · x is a vector
 * of integers (Cramer's rule), so the back substitution stays in integers too:
 * M_ii · y_i = D · M_in − Σ_{j>i} M_ij · y_j divides exactly. Neither A nor b is changed.
 */
export function solveIntegerSystem(
  a: readonly (readonly bigint[])[],
  b: readonly bigint[],
): IntegerSolution | null {
  const n = a.length;
  if (b.length !== n || a.some((row) => row.length !== n)) {
    throw new RangeError('solveIntegerSystem: A must be n×n and b of length n');
  }
  if (n === 0) return { numerators: [], denominator: 1n };
  // The augmented matrix [A | b], one row per equation.
  const m = a.map((row, i) => [...row, b[i]]);
  let previous = 1n;
  for (let k = 0; k < n; k++) {
    if (m[k][k] === 0n) {
      const swap = m.findIndex((row, i) => i > k && row[k] !== 0n);
      if (swap < 0) return null;
      [m[k], m[swap]] = [m[swap], m[k]];
    }
    const pivot = m[k][k];
    const pivotRow = m[k];
    for (let i = k + 1; i < n; i++) {
      const row = m[i];
      const factor = row[k];
      if (factor === 0n) {
        // The same formula with factor 0: scale the row, still an exact division.
        for (let j = k + 1; j <= n; j++) row[j] = (row[j] * pivot) / previous;
        continue;
      }
      for (let j = k + 1; j <= n; j++) {
        row[j] = (row[j] * pivot - factor * pivotRow[j]) / previous;
      }
      row[k] = 0n;
    }
    previous = pivot;
  }
  const determinant = m[n - 1][n - 1]; // ± det A
  const y = new Array<bigint>(n);
  for (let i = n - 1; i >= 0; i--) {
    let rest = determinant * m[i][n];
    for (let j = i + 1; j < n; j++) rest -= m[i][j] * y[j];
    y[i] = rest / m[i][i];
  }
  return determinant < 0n
    ? { numerators: y.map((v) => -v), denominator: -determinant }
    : { numerators: y, denominator: determinant };
}
