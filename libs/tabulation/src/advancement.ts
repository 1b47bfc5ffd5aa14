import { Aggregate, Quota, assignTiers } from './awards';
import { TiePolicy } from './types';

/**
 * §6: the advancement quota, of any mode, read as a single tier by the rules of §5 with the
 * round's tie policy; no quota means nobody advances. Aligned with `ranks`.
 */
export function assignAdvancement(
  quota: Quota | null,
  ranks: readonly number[],
  aggregates: readonly Aggregate[],
  policy: TiePolicy,
): boolean[] {
  if (!quota) return ranks.map(() => false);
  return assignTiers([quota], ranks, aggregates, policy).map((tier) => tier === 0);
}
