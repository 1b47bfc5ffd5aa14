import { keyOf, Translate } from '../../i18n';
import type { Category, PortalRound } from '../ops';

/**
 * The keys a round's results carry, in words: a ranking scope (`ROUND`, or a category's code)
 * as the category's name, a cusp's boundary (an award tier's key, or `ADVANCEMENT`) as the
 * tier's name, an agreement method (`ICC3K`) as the statistic's name.
 */
export function categoryNames(tree: readonly Category[]): Map<string, string> {
  const names = new Map<string, string>();
  const walk = (list: readonly Category[]) => {
    for (const category of list) {
      names.set(category.code, category.name);
      walk(category.children ?? []);
    }
  };
  walk(tree);
  return names;
}

export function scopeName(t: Translate, scopeKey: string, categories: Map<string, string>): string {
  if (scopeKey === 'ROUND') return t('scope_ROUND');
  const name = categories.get(scopeKey);
  return name ? `${name}（${scopeKey}）` : scopeKey;
}

export function boundaryName(t: Translate, round: PortalRound, boundary: string): string {
  if (boundary === 'ADVANCEMENT') return t('cuspAdvancement');
  return round.awardTiers.find((tier) => tier.key === boundary)?.name ?? boundary;
}

export function agreementMethod(t: Translate, method: string): string {
  return t(keyOf('agreementMethod_', method, 'unknownValue'));
}
