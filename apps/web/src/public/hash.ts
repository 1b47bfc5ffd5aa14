/**
 * §8 of the judging rules, recomputed in the visitor's browser: the sha256 (lower-case hex) of
 * the canonical JSON of the items in their published order, each with exactly the keys
 * entryCode, title, entrantName, regionName, categoryName, award (the tier key or null) and
 * rank, in that order. JSON.stringify writes what §8 asks for these values (strings as it
 * escapes them, non-ASCII as is; integers; null) and keeps the keys in the order written here.
 */
export interface ItemOfHash {
  entryCode: string;
  title: string;
  entrantName: string;
  regionName: string;
  categoryName: string;
  award: { key: string } | null;
  rank: number | null;
}

export function canonicalItems(items: readonly ItemOfHash[]): string {
  return JSON.stringify(
    items.map((i) => ({
      entryCode: i.entryCode,
      title: i.title,
      entrantName: i.entrantName,
      regionName: i.regionName,
      categoryName: i.categoryName,
      award: i.award?.key ?? null,
      rank: i.rank,
    })),
  );
}

/**
 * SubtleCrypto exists only in a secure context (HTTPS, or localhost): answers null where the
 * browser has none, so the page can say so instead of failing.
 */
export async function sha256Hex(text: string): Promise<string | null> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return null;
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

export const publicationHashOf = (items: readonly ItemOfHash[]) => sha256Hex(canonicalItems(items));
