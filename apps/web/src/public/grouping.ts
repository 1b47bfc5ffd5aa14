import type { Publication, PublishedItem } from './publicApi';

/**
 * The latest listed publication of each round, newest first. publishedResults lists NOTICE and
 * FINAL publications newest first; a round has one of them at a time, but the page must not
 * show two versions of a round should the API ever list both.
 */
export function latestPerRound(publications: readonly Publication[]): Publication[] {
  const seen = new Set<string>();
  const latest: Publication[] = [];
  const newestFirst = [...publications].sort(
    (a, b) =>
      Date.parse(b.publishedAt) - Date.parse(a.publishedAt) ||
      b.version - a.version ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  for (const publication of newestFirst) {
    if (publication.status === 'SUPERSEDED' || seen.has(publication.roundId)) continue;
    seen.add(publication.roundId);
    latest.push(publication);
  }
  return latest;
}

export interface TierGroup {
  /** the tier key, or null for entries that advanced without an award */
  key: string | null;
  name: string | null;
  items: PublishedItem[];
}

/**
 * Items by award tier, the highest tier first and advanced entries without an award last;
 * within a group the published order (§8: category code, then entry code) is kept.
 */
export function groupByTier(items: readonly PublishedItem[]): TierGroup[] {
  const groups = new Map<string | null, TierGroup & { rank: number }>();
  for (const item of items) {
    const key = item.award?.key ?? null;
    let group = groups.get(key);
    if (!group) {
      group = {
        key,
        name: item.award?.name ?? null,
        rank: item.award?.rank ?? Number.POSITIVE_INFINITY,
        items: [],
      };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()]
    .sort((a, b) => a.rank - b.rank)
    .map(({ key, name, items: grouped }) => ({ key, name, items: grouped }));
}

/** Whether objections are still taken: NOTICE and before its end (§8). */
export function objectionsOpen(publication: Publication, now = Date.now()): boolean {
  return publication.status === 'NOTICE' && now < Date.parse(publication.noticeEndsAt);
}
