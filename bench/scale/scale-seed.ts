import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { RequestCtx, Role, mulberry32 } from '@app/core';
import { CategoryService, EventKind, EventService, EventStatus } from '@app/events';
import { EntrantService, EntrantType, RegionService, UserService } from '@app/identity';
import {
  Aggregation,
  PanelService,
  QuotaMode,
  RankingScope,
  RoundService,
  TiePolicy,
} from '@app/judging';
import { completeCreditCode, GUANGXI_CITIES, patentCheckCharacter } from '@app/validators';
import { exhibitCode } from '../../libs/entries/src/entry/exhibit-code';
import type { ScaleOptions } from './scale-options';

export const JUDGE_PASSWORD = 'scale-judge-password';

const CRAFTS = [
  '陶瓷',
  '刺绣',
  '木雕',
  '竹编',
  '壮锦',
  '银饰',
  '漆器',
  '石雕',
  '剪纸',
  '根雕',
  '玉雕',
  '藤编',
  '金属工艺',
  '民族服饰',
];

/**
 * The round's criteria: the selection's own words (docs/roles-and-rules.md, "Scale"), weights
 * summing to 100.
 */
export const SCALE_CRITERIA = [
  { key: 'design', name: '设计与造型', weight: 30, maxScore: 10, step: 0.5 },
  { key: 'craft', name: '工艺技法', weight: 30, maxScore: 10, step: 0.5 },
  { key: 'materials', name: '材料运用', weight: 20, maxScore: 10, step: 0.5 },
  { key: 'innovation', name: '创新', weight: 20, maxScore: 10, step: 0.5 },
];

/** A deterministic source of numbers in [0, 1), so two runs seed the same edition. */
export const seeded = mulberry32;

export interface SeededEdition {
  eventId: string;
  leafIds: string[];
  entrantIds: string[];
}

/**
 * Stage 1 through the services: the 14 regions, an OPEN event with its major and leaf
 * categories, and the entrants (real credit codes, completed by libs/validators); then the
 * entries by multi-row INSERTs, ACCEPTED with exhibit codes drawn as screening draws them
 * (the screening service would take one transaction and one audit record per entry).
 */
export async function seedEdition(
  api: INestApplication,
  ctx: RequestCtx,
  options: ScaleOptions,
): Promise<SeededEdition> {
  const random = seeded(0x5ca1e);
  await api.get(RegionService).upsert(
    ctx,
    GUANGXI_CITIES.map((c) => ({ code: c.code, name: c.name })),
  );
  const event = await api.get(EventService).create(ctx, {
    slug: 'scale-edition',
    name: '广西工艺美术作品展（规模演练）',
    kind: EventKind.CRAFTS_EXHIBITION,
    maxEntriesPerEntrant: Math.ceil(options.entries / Math.max(1, options.entrants)),
  });
  const categories = api.get(CategoryService);
  const leaves: Array<{ id: string; code: string }> = [];
  for (let m = 0; m < options.majorCategories; m++) {
    const code = `M${String(m + 1).padStart(2, '0')}`;
    const craft = CRAFTS[m % CRAFTS.length];
    const major = await categories.create(ctx, { eventId: event.id, code, name: craft });
    // 47 leaves over 14 majors: the first ones get one more
    const leafCount =
      Math.floor(options.leafCategories / options.majorCategories) +
      (m < options.leafCategories % options.majorCategories ? 1 : 0);
    for (let l = 0; l < leafCount; l++) {
      const leaf = await categories.create(ctx, {
        eventId: event.id,
        code: `${code}-${l + 1}`,
        name: `${craft}·${l + 1}类`,
        parentId: major.id,
      });
      leaves.push({ id: leaf.id, code: leaf.code });
    }
  }
  await api.get(EventService).setStatus(ctx, event.id, EventStatus.OPEN);

  const entrants: Array<{ id: string; region: string }> = [];
  for (let i = 0; i < options.entrants; i++) {
    const city = GUANGXI_CITIES[i % GUANGXI_CITIES.length];
    const serial = String(i + 1).padStart(6, '0');
    const kind = i % 10;
    const draft =
      kind < 7
        ? {
            type: EntrantType.ENTERPRISE,
            name: `${city.name}${CRAFTS[i % CRAFTS.length]}工艺品有限公司${i + 1}`,
            creditCode: completeCreditCode(`91${city.code}MA${serial}`),
          }
        : kind < 9
          ? {
              type: EntrantType.INSTITUTION,
              name: `${city.name}职业技术学校${i + 1}`,
              creditCode: completeCreditCode(`12${city.code}MB${serial}`),
            }
          : { type: EntrantType.INDIVIDUAL, name: `工艺师${i + 1}号`, creditCode: null };
    const entrant = await api.get(EntrantService).create(ctx, { ...draft, regionCode: city.code });
    entrants.push({ id: entrant.id, region: city.code });
  }

  const taken = new Map(leaves.map((leaf) => [leaf.code, new Set<string>()]));
  const sql = api.get(DataSource);
  const now = new Date();
  for (let start = 0; start < options.entries; start += 1000) {
    const rows: string[] = [];
    const values: unknown[] = [];
    for (let i = start; i < Math.min(start + 1000, options.entries); i++) {
      const entrant = entrants[i % entrants.length];
      const leaf = leaves[Math.floor(random() * leaves.length)];
      const code = exhibitCode(leaf.code, taken.get(leaf.code)!, (max) =>
        Math.floor(random() * max),
      );
      taken.get(leaf.code)!.add(code);
      rows.push("(?,?,?,?,?,?,'ACCEPTED',?,?,?,?,?,?,?,?,?,?)");
      values.push(
        randomUUID(),
        event.id,
        entrant.id,
        leaf.id,
        entrant.region,
        code,
        `${CRAFTS[i % CRAFTS.length]}作品《山水${i + 1}》`,
        '以传统技法制作，兼顾实用与陈设。',
        '竹、木、天然漆',
        '手工编织、髹漆',
        `${20 + (i % 60)} × ${15 + (i % 40)} cm`,
        JSON.stringify([`李${i % 97}明`, `黄${i % 89}英`].slice(0, 1 + (i % 2))),
        1 + (i % 4),
        2015 + (i % 10),
        JSON.stringify(i % 20 === 0 ? [patentNumber(i)] : []),
        now,
      );
    }
    await sql.query(
      `INSERT INTO entries (id, event_id, entrant_id, category_id, region_code, code, status, title, description, materials, techniques, dimensions, creators, item_count, year_created, patent_numbers, submitted_at) VALUES ${rows.join(',')}`,
      values,
    );
  }
  await sql.query('ANALYZE TABLE entries');
  return {
    eventId: event.id,
    leafIds: leaves.map((l) => l.id),
    entrantIds: entrants.map((e) => e.id),
  };
}

/** A utility-model patent of 2018 with its check character: `ZL2018 2 xxxxxxx.c`. */
function patentNumber(i: number): string {
  const digits = `20182${String(1_000_000 + i)
    .slice(1)
    .padStart(7, '0')}`;
  return `ZL${digits}.${patentCheckCharacter(digits)}`;
}

export interface SeededRound {
  roundId: string;
  judgeEmails: string[];
}

/**
 * Stage 3's set-up through the services: the judges (each with a password, as they sign in on
 * their tablets), a DRAFT round with four award tiers and advancement, and the panels: the
 * judges and the leaf categories split evenly over them.
 */
export async function seedJudging(
  api: INestApplication,
  ctx: RequestCtx,
  options: ScaleOptions,
  edition: SeededEdition,
): Promise<SeededRound> {
  const users = api.get(UserService);
  const judgeIds: string[] = [];
  const judgeEmails: string[] = [];
  for (let i = 0; i < options.judges; i++) {
    const email = `judge${i + 1}@scale.example`;
    const user = await users.create(ctx, {
      email,
      password: JUDGE_PASSWORD,
      name: `评委${i + 1}`,
      role: Role.JUDGE,
    });
    judgeIds.push(user.id);
    judgeEmails.push(email);
  }
  const round = await api.get(RoundService).create(ctx, edition.eventId, {
    name: '初评',
    criteria: SCALE_CRITERIA,
    judgesPerEntry: options.judgesPerEntry,
    aggregation: Aggregation.TRIMMED_MEAN,
    trimCount: 1,
    rankingScope: RankingScope.CATEGORY,
    tieBreakCriteria: ['craft', 'design'],
    awardTiers: [
      { key: 'gold', name: '金奖', quota: { mode: QuotaMode.PERCENT, value: 1 } },
      { key: 'silver', name: '银奖', quota: { mode: QuotaMode.PERCENT, value: 1 } },
      { key: 'bronze', name: '铜奖', quota: { mode: QuotaMode.PERCENT, value: 1.5 } },
      { key: 'excellence', name: '优秀奖', quota: { mode: QuotaMode.PERCENT, value: 1.5 } },
    ],
    tiePolicy: TiePolicy.INCLUDE_TIES,
    advancement: { mode: QuotaMode.PERCENT, value: 5 },
  });
  const panels = Math.min(options.panels, options.judges, edition.leafIds.length);
  const slice = <T>(list: readonly T[], p: number) =>
    list.slice(
      Math.floor((p * list.length) / panels),
      Math.floor(((p + 1) * list.length) / panels),
    );
  for (let p = 0; p < panels; p++) {
    await api.get(PanelService).create(ctx, {
      roundId: round.id,
      name: `第${p + 1}评审组`,
      categoryIds: slice(edition.leafIds, p),
      judgeIds: slice(judgeIds, p),
    });
  }
  return { roundId: round.id, judgeEmails };
}
