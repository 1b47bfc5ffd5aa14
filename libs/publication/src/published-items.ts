import { canonicalJson, sha256Hex } from '@app/core';
import { compareCodePoints } from '@app/tabulation';

/** What the publication reads of an entry at the moment it publishes. */
export interface EntryFacts {
  entryId: string;
  entryCode: string;
  title: string;
  entrantName: string;
  regionName: string;
  categoryName: string;
  categoryCode: string;
}

/** A tabulation's result as far as publishing needs it. */
export interface ResultFacts {
  entryId: string;
  award: string | null;
  rank: number | null;
  advanced: boolean;
  /** the reported aggregate, kept only where the organiser publishes scores */
  score?: number | null;
}

export interface TierFacts {
  key: string;
  name: string;
  /** 1 is the highest tier */
  rank: number;
}

export interface PublishedItemDraft extends EntryFacts {
  awardKey: string | null;
  awardName: string | null;
  awardRank: number | null;
  rank: number | null;
  score: number | null;
}

/**
 * §8: the entries that won an award or advanced, nothing else, ordered by award tier (highest
 * first; advanced entries without an award last), then the code of the entry's own category,
 * then entry code, codes compared as plain strings.
 */
export function publishedItems(
  results: readonly ResultFacts[],
  entries: ReadonlyMap<string, EntryFacts>,
  tiers: readonly TierFacts[],
): PublishedItemDraft[] {
  const tierOf = new Map(tiers.map((t) => [t.key, t]));
  const items: PublishedItemDraft[] = [];
  for (const result of results) {
    if (result.award === null && !result.advanced) continue;
    const entry = entries.get(result.entryId);
    if (!entry) throw new Error(`publication: no facts for entry ${result.entryId}`);
    const tier = result.award === null ? null : tierOf.get(result.award);
    if (tier === undefined) throw new Error(`publication: unknown award tier ${result.award}`);
    items.push({
      ...entry,
      awardKey: tier?.key ?? null,
      awardName: tier?.name ?? null,
      awardRank: tier?.rank ?? null,
      rank: result.rank,
      score: result.score ?? null,
    });
  }
  return items.sort(compareItems);
}

function compareItems(a: PublishedItemDraft, b: PublishedItemDraft): number {
  const tierA = a.awardRank ?? Number.POSITIVE_INFINITY;
  const tierB = b.awardRank ?? Number.POSITIVE_INFINITY;
  if (tierA !== tierB) return tierA < tierB ? -1 : 1;
  return (
    compareCodePoints(a.categoryCode, b.categoryCode) || compareCodePoints(a.entryCode, b.entryCode)
  );
}

/** The item as the hash covers it: exactly these keys, in this order (§8). */
export interface HashedItem {
  entryCode: string;
  title: string;
  entrantName: string;
  regionName: string;
  categoryName: string;
  award: string | null;
  rank: number | null;
}

/** sha256 hex of the canonical JSON of the items, in their published order. */
export function publicationHash(items: readonly HashedItem[]): string {
  return sha256Hex(
    canonicalJson(
      items.map((i) => ({
        entryCode: i.entryCode,
        title: i.title,
        entrantName: i.entrantName,
        regionName: i.regionName,
        categoryName: i.categoryName,
        award: i.award,
        rank: i.rank,
      })),
    ),
  );
}

export function hashedItemOf(item: {
  entryCode: string;
  title: string;
  entrantName: string;
  regionName: string;
  categoryName: string;
  awardKey: string | null;
  rank: number | null;
}): HashedItem {
  return {
    entryCode: item.entryCode,
    title: item.title,
    entrantName: item.entrantName,
    regionName: item.regionName,
    categoryName: item.categoryName,
    award: item.awardKey,
    rank: item.rank,
  };
}
