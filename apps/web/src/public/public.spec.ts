import { canonicalItems, publicationHashOf, sha256Hex } from './hash';
import { groupByTier, latestPerRound, objectionsOpen } from './grouping';
import type { Publication, PublishedItem } from './publicApi';

const item = (
  entryCode: string,
  award: { key: string; name: string; rank: number } | null,
  rank: number | null,
): PublishedItem => ({
  entryCode,
  title: `作品 "${entryCode}" \\ é`,
  entrantName: '钦州坭兴陶公司',
  regionName: '钦州市',
  categoryName: '陶瓷',
  award,
  rank,
  // published scores are shown beside the list, never hashed
  score: 81.5,
  thumbnailUrl: 'https://example.org/x.webp',
  revocation: null,
});
const gold = { key: 'gold', name: '金奖', rank: 1 };
const silver = { key: 'silver', name: '银奖', rank: 2 };

const publication = (over: Partial<Publication>): Publication => ({
  id: 'p',
  roundId: 'r',
  version: 1,
  status: 'NOTICE',
  publishedAt: '2026-03-01T08:00:00.000Z',
  noticeEndsAt: '2026-03-08T08:00:00.000Z',
  finalisedAt: null,
  hash: '',
  showScores: false,
  items: [],
  ...over,
});

describe('public results: §8 hash in the browser', () => {
  it('writes exactly the seven keys in order, the award as its key, non-ASCII as is', () => {
    expect(canonicalItems([item('TC-01-0001', gold, 1), item('TC-01-0009', null, 7)])).toBe(
      '[{"entryCode":"TC-01-0001","title":"作品 \\"TC-01-0001\\" \\\\ é","entrantName":"钦州坭兴陶公司","regionName":"钦州市","categoryName":"陶瓷","award":"gold","rank":1},' +
        '{"entryCode":"TC-01-0009","title":"作品 \\"TC-01-0009\\" \\\\ é","entrantName":"钦州坭兴陶公司","regionName":"钦州市","categoryName":"陶瓷","award":null,"rank":7}]',
    );
  });

  it('hashes with SubtleCrypto over the UTF-8 bytes (FIPS 180-2 vectors)', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    // "[]": what an empty publication hashes to.
    expect(await publicationHashOf([])).toBe(
      '4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945',
    );
  });
});

describe('public results: grouping', () => {
  it('groups by tier, highest first, advanced without award last, keeping the published order', () => {
    const groups = groupByTier([
      item('Q-2', silver, 3),
      item('P-9', null, 4),
      item('P-1', gold, 1),
      item('Q-1', gold, 1),
      item('P-2', silver, 2),
    ]);
    expect(groups.map((g) => [g.key, g.items.map((i) => i.entryCode)])).toEqual([
      ['gold', ['P-1', 'Q-1']],
      ['silver', ['Q-2', 'P-2']],
      [null, ['P-9']],
    ]);
  });

  it('keeps a revoked award where it was: nobody moves up, and the hash does not see it', () => {
    const revocation = {
      revokedAt: '2026-04-01T02:00:00.000Z',
      reason: '经查实系抄袭作品',
      cause: 'DISQUALIFIED' as const,
    };
    const items = [item('P-1', gold, 1), item('Q-1', gold, 1), item('P-2', silver, 2)];
    const marked = items.map((i) => (i.entryCode === 'P-1' ? { ...i, revocation } : i));
    expect(groupByTier(marked).map((g) => [g.key, g.items.map((i) => i.entryCode)])).toEqual(
      groupByTier(items).map((g) => [g.key, g.items.map((i) => i.entryCode)]),
    );
    expect(canonicalItems(marked)).toBe(canonicalItems(items));
  });

  it('shows the newest listed publication of each round, newest round first', () => {
    const list = latestPerRound([
      publication({ id: 'a1', roundId: 'a', version: 1, publishedAt: '2026-03-01T00:00:00Z' }),
      publication({ id: 'b2', roundId: 'b', version: 2, publishedAt: '2026-03-05T00:00:00Z' }),
      publication({ id: 'a2', roundId: 'a', version: 2, publishedAt: '2026-03-03T00:00:00Z' }),
      publication({ id: 'b3', roundId: 'b', version: 3, status: 'SUPERSEDED' }),
    ]);
    expect(list.map((p) => p.id)).toEqual(['b2', 'a2']);
  });

  it('takes objections only while NOTICE and before its end', () => {
    const at = Date.parse('2026-03-08T08:00:00.000Z');
    expect(objectionsOpen(publication({}), at - 1)).toBe(true);
    expect(objectionsOpen(publication({}), at)).toBe(false);
    expect(objectionsOpen(publication({ status: 'FINAL' }), at - 1)).toBe(false);
  });
});
