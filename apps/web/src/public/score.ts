/**
 * A published aggregate score as the public page shows it. The API reports it already rounded
 * as docs/judging-rules.md §3 says (half-up, to three decimals for the exact aggregations and
 * four for ZSCORE); it is shown as reported, never rounded again: trailing zeros dropped, no
 * thousands separator, no exponent, and never "-0".
 */
export function formatScore(score: number): string {
  const reported = Number(score.toFixed(4));
  return reported === 0 ? '0' : String(reported);
}
