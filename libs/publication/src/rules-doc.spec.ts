import { createHash } from 'node:crypto';
import { canonicalJson } from '@app/core';
import { rulesDocExample, rulesDocJson } from '../../../test/helpers/rules-doc';
import { EntryFacts, hashedItemOf, publicationHash, publishedItems } from './published-items';

/** The §8 worked example of docs/judging-rules.md, recomputed with the code that publishes. */
describe('judging-rules.md §8: the publication example', () => {
  const example = rulesDocJson<{
    tiers: { key: string; name: string; rank: number }[];
    /** [entryCode, title, entrantName, regionName, categoryCode, categoryName] */
    entries: [string, string, string, string, string, string][];
    /** [entryCode, award, rank, advanced] */
    results: [string, string | null, number | null, boolean][];
    items: string[];
    hash: string;
  }>('publication');
  const text = rulesDocExample('publication-canonical-json', 'text');

  const entries = new Map<string, EntryFacts>(
    example.entries.map(
      ([entryCode, title, entrantName, regionName, categoryCode, categoryName]) => [
        entryCode,
        {
          entryId: entryCode,
          entryCode,
          title,
          entrantName,
          regionName,
          categoryCode,
          categoryName,
        },
      ],
    ),
  );
  const items = publishedItems(
    example.results.map(([entryId, award, rank, advanced]) => ({ entryId, award, rank, advanced })),
    entries,
    example.tiers,
  );

  it('publishes the awarded and advanced entries, in the order of §8', () => {
    expect(items.map((i) => i.entryCode)).toEqual(example.items);
  });

  it('hashes exactly the canonical JSON the document shows', () => {
    const hashed = items.map(hashedItemOf);
    expect(canonicalJson(hashed)).toBe(text);
    expect(publicationHash(hashed)).toBe(example.hash);
    expect(createHash('sha256').update(text, 'utf8').digest('hex')).toBe(example.hash);
  });
});
