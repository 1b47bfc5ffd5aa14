import { createHash } from 'node:crypto';
import { newCertificateCode, normaliseCertificateCode } from './certificate-code';
import {
  EntryFacts,
  hashedItemOf,
  publicationHash,
  publishedItems,
  ResultFacts,
} from './published-items';

const tiers = [
  { key: 'gold', name: '金奖', rank: 1 },
  { key: 'silver', name: '银奖', rank: 2 },
];

function facts(entryId: string, entryCode: string, categoryCode: string): EntryFacts {
  return {
    entryId,
    entryCode,
    title: `作品${entryCode}`,
    entrantName: '南宁"工艺"社',
    regionName: '南宁市',
    categoryName: `类${categoryCode}`,
    categoryCode,
  };
}

describe('publishedItems (§8)', () => {
  const entries = new Map(
    [
      facts('a', 'B-0002', 'B'),
      facts('b', 'A-0009', 'A'),
      facts('c', 'B-0001', 'B'),
      facts('d', 'A-0001', 'A'),
      facts('e', 'a-0001', 'a'),
      facts('f', 'A-0003', 'A'),
    ].map((f) => [f.entryId, f]),
  );
  const results: ResultFacts[] = [
    { entryId: 'a', award: 'silver', rank: 2, advanced: true },
    { entryId: 'b', award: null, rank: 5, advanced: true },
    { entryId: 'c', award: 'gold', rank: 1, advanced: true },
    { entryId: 'd', award: null, rank: 9, advanced: false },
    { entryId: 'e', award: 'gold', rank: 1, advanced: false },
    { entryId: 'f', award: 'silver', rank: 3, advanced: false },
  ];

  it('keeps only awarded or advanced entries: tier, then category code, then entry code (code points)', () => {
    const items = publishedItems(results, entries, tiers);
    // 'B' < 'a' in code-point order, so B-0001 comes before a-0001 among the golds.
    expect(items.map((i) => [i.entryCode, i.awardKey])).toEqual([
      ['B-0001', 'gold'],
      ['a-0001', 'gold'],
      ['A-0003', 'silver'],
      ['B-0002', 'silver'],
      ['A-0009', null],
    ]);
    expect(items[0]).toMatchObject({ awardName: '金奖', awardRank: 1, rank: 1 });
  });

  it('hashes exactly the seven keys, in order, as JSON.stringify writes them', () => {
    const items = publishedItems(results, entries, tiers);
    const json = JSON.stringify(
      items.map((i) => ({
        entryCode: i.entryCode,
        title: i.title,
        entrantName: i.entrantName,
        regionName: i.regionName,
        categoryName: i.categoryName,
        award: i.awardKey,
        rank: i.rank,
      })),
    );
    expect(json).toContain('\\"工艺\\"');
    expect(publicationHash(items.map(hashedItemOf))).toBe(
      createHash('sha256').update(json, 'utf8').digest('hex'),
    );
    // The category code and the tier's name are not part of it.
    const renamed = items.map((i) => ({ ...i, categoryCode: 'X', awardName: 'Gold' }));
    expect(publicationHash(renamed.map(hashedItemOf))).toBe(
      publicationHash(items.map(hashedItemOf)),
    );
  });

  it('refuses an award tier the round does not have', () => {
    expect(() =>
      publishedItems(
        [{ entryId: 'a', award: 'platinum', rank: 1, advanced: false }],
        entries,
        tiers,
      ),
    ).toThrow(/unknown award tier platinum/);
  });
});

describe('certificate codes', () => {
  it('are 12 characters of Crockford base 32 in three groups, and differ', () => {
    const codes = Array.from({ length: 200 }, newCertificateCode);
    for (const code of codes)
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('read as a person types them', () => {
    expect(normaliseCertificateCode('k7qf 3mxd 9tzb')).toBe('K7QF-3MXD-9TZB');
    expect(normaliseCertificateCode('K7QF3MXDOTZL')).toBe('K7QF-3MXD-0TZ1');
    expect(normaliseCertificateCode('K7QF-3MXD')).toBeNull();
    expect(normaliseCertificateCode('K7QF-3MXD-9TZU')).toBeNull();
  });
});
