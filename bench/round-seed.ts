import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { RequestCtx } from '@app/core';
import { mulberry32 } from '@app/core';
import { CategoryService, EventKind, EventService, EventStatus } from '@app/events';
import { EntrantService, EntrantType, RegionService } from '@app/identity';
import { Aggregation, QuotaMode, RankingScope, RoundService, TiePolicy } from '@app/judging';
import type { EntryInput, SheetInput } from '@app/tabulation';
import { completeCreditCode } from '@app/validators';

/** Two top-level categories: P with leaves P-1 and P-2, Q with leaf Q-1. */
export const LEAVES = [
  { code: 'P-1', parent: 'P' },
  { code: 'P-2', parent: 'P' },
  { code: 'Q-1', parent: 'Q' },
] as const;

export const CRITERIA = [
  { key: 'design', name: '设计', weight: 30, maxScore: 10, step: 0.5 },
  { key: 'craft', name: '工艺', weight: 30, maxScore: 10, step: 0.5 },
  { key: 'culture', name: '文化', weight: 20, maxScore: 10, step: 0.5 },
  { key: 'market', name: '市场', weight: 20, maxScore: 5, step: 0.5 },
];

export interface RoundSeedOptions {
  slug: string;
  entries: number;
  sheetsPerEntry: number;
  judges: number;
  aggregation?: Aggregation;
  rankingScope?: RankingScope;
  seed?: number;
}

export interface SeededRound {
  eventId: string;
  roundId: string;
  entrantId: string;
  /** category ids by code (P, Q, P-1, P-2, Q-1) */
  categories: Record<string, string>;
  judgeIds: string[];
  /** the tabulation's input as the seed wrote it (not as the job reads it back) */
  entries: EntryInput[];
  sheets: SheetInput[];
  assignmentIds: string[];
}

/**
 * An OPEN round, its entries, judges, assignments and submitted sheets written by plain
 * multi-row INSERTs (the event, categories and the round's settings through the services).
 * Scores are multiples of 0.5, drawn deterministically from `seed`.
 */
export async function seedJudgedRound(
  api: INestApplication,
  ctx: RequestCtx,
  options: RoundSeedOptions,
): Promise<SeededRound> {
  const random = mulberry32(options.seed ?? 0x5eed);
  await api.get(RegionService).upsert(ctx, [{ code: '450100', name: '南宁市' }]);
  const event = await api.get(EventService).create(ctx, {
    slug: options.slug,
    name: `评审 ${options.slug}`,
    maxEntriesPerEntrant: 10_000, // the most an event allows; the seed writes entries by SQL
    kind: EventKind.CRAFTS_EXHIBITION,
  });
  const categoryService = api.get(CategoryService);
  const categories: Record<string, string> = {};
  for (const parent of ['P', 'Q']) {
    categories[parent] = (
      await categoryService.create(ctx, { eventId: event.id, code: parent, name: `大类${parent}` })
    ).id;
  }
  for (const leaf of LEAVES) {
    categories[leaf.code] = (
      await categoryService.create(ctx, {
        eventId: event.id,
        code: leaf.code,
        name: `小类${leaf.code}`,
        parentId: categories[leaf.parent],
      })
    ).id;
  }
  await api.get(EventService).setStatus(ctx, event.id, EventStatus.OPEN);
  const entrant = await api.get(EntrantService).create(ctx, {
    type: EntrantType.ENTERPRISE,
    name: `基准企业${options.slug}`,
    creditCode: completeCreditCode(
      `91450100MA${String(Math.floor(random() * 1e6)).padStart(6, '0')}`,
    ),
    regionCode: '450100',
  });
  const round = await api.get(RoundService).create(ctx, event.id, {
    name: '初评',
    criteria: CRITERIA,
    judgesPerEntry: options.sheetsPerEntry,
    aggregation: options.aggregation ?? Aggregation.MEAN,
    rankingScope: options.rankingScope ?? RankingScope.CATEGORY,
    tieBreakCriteria: ['craft'],
    awardTiers: [
      { key: 'gold', name: '金奖', quota: { mode: QuotaMode.PERCENT, value: 10 } },
      { key: 'silver', name: '银奖', quota: { mode: QuotaMode.PERCENT, value: 20 } },
    ],
    tiePolicy: TiePolicy.INCLUDE_TIES,
    advancement: { mode: QuotaMode.PERCENT, value: 30 },
  });

  const sql = api.get(DataSource);
  const insert = async (table: string, columns: string[], rows: unknown[][]) => {
    const row = `(${columns.map(() => '?').join(',')})`;
    for (let start = 0; start < rows.length; start += 1000) {
      const chunk = rows.slice(start, start + 1000);
      await sql.query(
        `INSERT INTO ${table} (${columns.join(',')}) VALUES ${chunk.map(() => row).join(',')}`,
        chunk.flat(),
      );
    }
  };

  const judgeIds = Array.from({ length: options.judges }, () => randomUUID());
  await insert(
    'users',
    ['id', 'email', 'name', 'password_hash', 'role'],
    judgeIds.map((id, i) => [
      id,
      `judge${i}.${options.slug}@seed.example`,
      `评委${i}`,
      '!',
      'JUDGE',
    ]),
  );
  const panelId = randomUUID();
  await insert('panels', ['id', 'round_id', 'name'], [[panelId, round.id, '全体']]);
  await insert(
    'panel_categories',
    ['panel_id', 'category_id', 'position'],
    LEAVES.map((l, i) => [panelId, categories[l.code], i]),
  );
  await insert(
    'panel_judges',
    ['panel_id', 'judge_id', 'round_id', 'position'],
    judgeIds.map((id, i) => [panelId, id, round.id, i]),
  );

  const entries: EntryInput[] = [];
  const entryRows: unknown[][] = [];
  for (let i = 0; i < options.entries; i++) {
    const leaf = LEAVES[Math.floor(random() * LEAVES.length)];
    const id = randomUUID();
    const code = `${leaf.code}-${String(i).padStart(5, '0')}`;
    entries.push({ id, code, categoryCode: leaf.code, topCategoryCode: leaf.parent });
    entryRows.push([
      id,
      event.id,
      entrant.id,
      categories[leaf.code],
      '450100',
      code,
      'ACCEPTED',
      `作品 ${i}`,
      '[]',
      1,
      '[]',
    ]);
  }
  await insert(
    'entries',
    [
      'id',
      'event_id',
      'entrant_id',
      'category_id',
      'region_code',
      'code',
      'status',
      'title',
      'creators',
      'item_count',
      'patent_numbers',
    ],
    entryRows,
  );
  await insert(
    'round_entries',
    ['round_id', 'entry_id'],
    entries.map((e) => [round.id, e.id]),
  );

  const sheets: SheetInput[] = [];
  const assignmentRows: unknown[][] = [];
  const sheetRows: unknown[][] = [];
  const assignmentIds: string[] = [];
  const half = (max: number, quality: number) =>
    Math.max(0, Math.min(max * 2, Math.round((quality + (random() - 0.5) * 0.3) * max * 2))) / 2;
  entries.forEach((entry) => {
    const quality = 0.4 + random() * 0.55;
    const first = Math.floor(random() * options.judges);
    for (let s = 0; s < options.sheetsPerEntry; s++) {
      const judgeId = judgeIds[(first + s * 7) % options.judges];
      const assignmentId = randomUUID();
      assignmentIds.push(assignmentId);
      const values = CRITERIA.map((c) => half(c.maxScore, quality));
      const total = CRITERIA.reduce((sum, c, k) => sum + (c.weight * values[k]) / c.maxScore, 0);
      const scores = CRITERIA.map((c, k) => [c.key, values[k].toFixed(2)]);
      assignmentRows.push([assignmentId, round.id, entry.id, judgeId, panelId, 'SUBMITTED']);
      sheetRows.push([
        randomUUID(),
        assignmentId,
        round.id,
        JSON.stringify(scores),
        total.toFixed(3),
        1,
      ]);
      sheets.push({
        entryId: entry.id,
        judgeId,
        scores: CRITERIA.map((c, k) => ({ criterionKey: c.key, value: values[k].toFixed(2) })),
      });
    }
  });
  await insert(
    'assignments',
    ['id', 'round_id', 'entry_id', 'judge_id', 'panel_id', 'status'],
    assignmentRows,
  );
  await insert(
    'score_sheets',
    ['id', 'assignment_id', 'round_id', 'scores', 'total', 'version', 'submitted_at'],
    sheetRows.map((r) => [...r, new Date()]),
  );
  await sql.query("UPDATE rounds SET status = 'OPEN' WHERE id = ?", [round.id]);
  return {
    eventId: event.id,
    roundId: round.id,
    entrantId: entrant.id,
    categories,
    judgeIds,
    entries,
    sheets,
    assignmentIds,
  };
}
