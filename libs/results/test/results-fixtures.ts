import { randomUUID } from 'node:crypto';
import { Role, RequestCtx, systemCtx } from '@app/core';
import { TestApp } from '@app/testing';
import { RoundSettings, tabulate, TabulationInput } from '@app/tabulation';
import { CRITERIA, seedJudgedRound, SeededRound } from '../../../bench/round-seed';

export const ROUND_FIELDS = 'id status tabulation{version computedAt hash}';
export const CLOSE = `mutation($id:ID!){closeRound(roundId:$id){${ROUND_FIELDS}}}`;
export const REOPEN = `mutation($id:ID!,$r:String!){reopenRound(roundId:$id,reason:$r){${ROUND_FIELDS}}}`;
export const RETABULATE = `mutation($id:ID!){retabulate(roundId:$id){${ROUND_FIELDS}}}`;
export const ROUND = `query($id:ID!){round(id:$id){${ROUND_FIELDS}}}`;
export const RESULTS = `query($id:ID!,$c:ID){roundResults(roundId:$id,categoryId:$c){entry{id code title} scopeKey sheetCount complete score scoreExact rank award{key name rank} advanced criterionScores{criterionKey score}}}`;

export function adminCtx(): RequestCtx {
  return {
    ...systemCtx('results-test'),
    viewer: { userId: randomUUID(), role: Role.ADMIN, entrantId: null, regionCode: null },
  };
}

/** The settings seedJudgedRound gives a round, as the pure library reads them. */
export function seededSettings(aggregation: RoundSettings['aggregation'] = 'MEAN'): RoundSettings {
  return {
    criteria: CRITERIA.map((c) => ({
      key: c.key,
      weight: c.weight,
      maxScore: c.maxScore,
      step: c.step,
    })),
    judgesPerEntry: 3,
    aggregation,
    rankingScope: 'CATEGORY',
    tieBreakCriteria: ['craft'],
    awardTiers: [
      { key: 'gold', quota: { mode: 'PERCENT', value: 10 } },
      { key: 'silver', quota: { mode: 'PERCENT', value: 20 } },
    ],
    tiePolicy: 'INCLUDE_TIES',
    advancement: { mode: 'PERCENT', value: 30 },
  };
}

/** What the pure library makes of the seeded data (the job must store exactly this). */
export function expected(seeded: SeededRound, input: Partial<TabulationInput> = {}) {
  return tabulate({
    round: seededSettings(),
    entries: seeded.entries,
    sheets: seeded.sheets,
    ...input,
  });
}

let counter = 0;
/**
 * An OPEN round of `entries` entries, 3 sheets each, from 6 judges (each entry gets three
 * consecutive ones, so the panel is not crossed), or from `judges: 3` (every judge scores every
 * entry: a crossed panel).
 */
export async function seedRound(
  app: TestApp,
  entries = 24,
  options: { judges?: number } = {},
): Promise<SeededRound> {
  counter += 1;
  return seedJudgedRound(app.api, adminCtx(), {
    slug: `results-${process.pid}-${counter}`,
    entries,
    sheetsPerEntry: 3,
    judges: options.judges ?? 6,
    seed: 1000 + counter,
  });
}

export async function tabulationsOf(app: TestApp, roundId: string) {
  return app.sql<{ version: number; hash: string; request_key: string; entry_count: number }>(
    'SELECT version, hash, request_key, entry_count FROM tabulations WHERE round_id = ? ORDER BY version',
    [roundId],
  );
}

export async function statusOf(app: TestApp, roundId: string): Promise<string> {
  const [row] = await app.sql<{ status: string }>('SELECT status FROM rounds WHERE id = ?', [
    roundId,
  ]);
  return row.status;
}
