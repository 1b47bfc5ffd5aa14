import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, LessThan } from 'typeorm';
import { Conflict, NotFound, RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { EntryFactsService } from '@app/entries';
import type {
  AwardTierInput,
  EntryInput,
  QuotaMode,
  RoundSettings,
  SheetInput,
  TabulationInput,
} from '@app/tabulation';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from './round-enums';
import type {
  ClosedRound,
  RoundForResults,
  RoundPanelFacts,
  TabulatedFigures,
  TabulationTrigger,
} from './round-for-results';
import { RoundLifecycleService, TABULATED_FROM } from './round-lifecycle.service';
import { RoundEntity } from './round.entity';
import { closeRequestKey } from './tabulation-request';

interface CriterionRow {
  key: string;
  weight: number;
  max_score: string;
  step: string;
}
interface TierRow {
  key: string;
  quota_mode: QuotaMode;
  quota_value: string;
}
interface SheetRow {
  entry_id: string;
  judge_id: string;
  scores: string;
}

export type TabulationLock =
  { kind: 'locked'; round: RoundForResults } | { kind: 'skipped'; why: string };

/**
 * The only way results and publication touch a round: lock it for results, read its
 * tabulation input, mark it TABULATED, find the rounds whose tabulation job was lost. Each works
 * in the caller's transaction (its `ctx.manager`), so the reads after the lock share one InnoDB
 * snapshot (docs/decisions.md, "Tabulation").
 */
@Injectable()
export class RoundsForResults {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly lifecycle: RoundLifecycleService,
    private readonly entries: EntryFactsService,
  ) {}

  /** The round with its row locked (FOR UPDATE) until the caller's transaction ends; null if none. */
  async lock(ctx: RequestCtx, roundId: string): Promise<RoundForResults | null> {
    const round = await transactionOf(ctx)
      .getRepository(RoundEntity)
      .findOne({
        where: { id: roundId },
        lock: { mode: 'pessimistic_write' },
      });
    return round && forResults(round);
  }

  /** As `lock`, for a round known to exist (NOT_FOUND otherwise). */
  async mustLock(ctx: RequestCtx, roundId: string): Promise<RoundForResults> {
    const round = await this.lock(ctx, roundId);
    if (!round) throw new NotFound(JudgingReason.ROUND_NOT_FOUND, `no round ${roundId}`);
    return round;
  }

  /**
   * Locks the round and says whether this trigger may tabulate it (TABULATED_FROM): a close's
   * job skips a round no longer CLOSED; `retabulate` of a round not closed is CONFLICT.
   */
  async lockForTabulation(
    ctx: RequestCtx,
    roundId: string,
    trigger: TabulationTrigger,
  ): Promise<TabulationLock> {
    const round = await this.lock(ctx, roundId);
    if (!round) return { kind: 'skipped', why: 'the round no longer exists' };
    if (!TABULATED_FROM[trigger].includes(round.status)) {
      if (trigger === 'close') return { kind: 'skipped', why: `the round is ${round.status}` };
      throw new Conflict(
        JudgingReason.INVALID_TRANSITION,
        `a ${round.status} round cannot be tabulated: close it first`,
        { status: round.status },
      );
    }
    return { kind: 'locked', round };
  }

  /**
   * What `tabulate` needs of a round, read inside the caller's transaction (after it locked the
   * round, for a tabulation): the reads share one InnoDB snapshot, so entries, their statuses
   * and the counted sheets are as they were at one moment (judging-rules.md §7). Counted sheets
   * (§2): every stored sheet of the round whose assignment is not RECUSED (a sheet row exists
   * only once submitted). Entries left out by status stay in the input: the pure library drops
   * them and their sheets (and their judges' ZSCORE statistics). The entries' codes, statuses
   * and categories are entries' facts (EntryFactsService).
   */
  async tabulationInput(ctx: RequestCtx, roundId: string): Promise<TabulationInput> {
    const manager = transactionOf(ctx);
    const round = await manager.getRepository(RoundEntity).findOneByOrFail({ id: roundId });
    const [criteria, tiers, roundEntries, sheets, eventEntries] = await Promise.all([
      manager.query(
        'SELECT `key`, weight, max_score, step FROM round_criteria WHERE round_id = ? ORDER BY position',
        [roundId],
      ) as Promise<CriterionRow[]>,
      manager.query(
        'SELECT `key`, quota_mode, quota_value FROM round_award_tiers WHERE round_id = ? ORDER BY `rank`',
        [roundId],
      ) as Promise<TierRow[]>,
      manager.query('SELECT entry_id FROM round_entries WHERE round_id = ?', [roundId]) as Promise<
        Array<{ entry_id: string }>
      >,
      manager.query(
        `SELECT a.entry_id, a.judge_id, s.scores
           FROM score_sheets s JOIN assignments a ON a.id = s.assignment_id
          WHERE s.round_id = ? AND a.status <> 'RECUSED'`,
        [roundId],
      ) as Promise<SheetRow[]>,
      // All of the event's entries in one statement, then this round's kept (see factsOfEvent).
      this.entries.factsOfEvent(ctx, round.eventId),
    ]);
    const inRound = new Set(roundEntries.map((r) => r.entry_id));
    const entries: EntryInput[] = eventEntries
      .filter((e) => inRound.has(e.id))
      .map((e) => ({
        id: e.id,
        // The library refuses an entry without a code (INVALID_ENTRY): every judged entry has one.
        code: e.code ?? '',
        categoryCode: e.categoryCode,
        topCategoryCode: e.topCategoryCode,
        status: e.status,
      }));
    return {
      round: settingsOf(round, criteria, tiers),
      entries,
      sheets: sheets.map(sheetInput),
    };
  }

  /**
   * The round's panels, their judges and the panel of each counted assignment, for the judge
   * quality figures (in the caller's transaction, so in the snapshot of its tabulation input).
   */
  async panelFacts(ctx: RequestCtx, roundId: string): Promise<RoundPanelFacts> {
    const manager = transactionOf(ctx);
    const [panels, seats, assignments] = await Promise.all([
      manager.query('SELECT id, name FROM panels WHERE round_id = ? ORDER BY name, id', [
        roundId,
      ]) as Promise<Array<{ id: string; name: string }>>,
      manager.query('SELECT panel_id, judge_id FROM panel_judges WHERE round_id = ?', [
        roundId,
      ]) as Promise<Array<{ panel_id: string; judge_id: string }>>,
      manager.query(
        "SELECT entry_id, panel_id FROM assignments WHERE round_id = ? AND status <> 'RECUSED'",
        [roundId],
      ) as Promise<Array<{ entry_id: string; panel_id: string | null }>>,
    ]);
    return {
      panels: panels.map((p) => ({ id: p.id, name: p.name })),
      seats: seats.map((s) => ({ panelId: s.panel_id, judgeId: s.judge_id })),
      assignments: assignments.map((a) => ({ entryId: a.entry_id, panelId: a.panel_id })),
    };
  }

  /** CLOSED (or TABULATED) → TABULATED with its audit record: RoundLifecycleService.tabulated. */
  markTabulated(
    ctx: RequestCtx,
    round: RoundForResults,
    trigger: TabulationTrigger,
    figures: TabulatedFigures,
  ): Promise<void> {
    return this.lifecycle.tabulated(ctx, round, trigger, figures);
  }

  /** Rounds CLOSED before `before`, oldest close first, at most `limit`. */
  async closedBefore(ctx: RequestCtx, before: Date, limit: number): Promise<ClosedRound[]> {
    const rounds = await repo(this.dataSource, ctx, RoundEntity).find({
      select: { id: true, updatedAt: true },
      where: { status: RoundStatus.CLOSED, updatedAt: LessThan(before) },
      order: { updatedAt: 'ASC' },
      take: limit,
    });
    return rounds.map((r) => ({
      id: r.id,
      closedAt: r.updatedAt,
      closeRequestKey: closeRequestKey(r.updatedAt),
    }));
  }
}

function transactionOf(ctx: RequestCtx): EntityManager {
  if (!ctx.manager?.queryRunner?.isTransactionActive) {
    throw new Error('RoundsForResults works inside the caller’s transaction (ctx.manager)');
  }
  return ctx.manager;
}

function forResults(round: RoundEntity): RoundForResults {
  return {
    id: round.id,
    eventId: round.eventId,
    status: round.status,
    updatedAt: round.updatedAt,
    closeRequestKey: closeRequestKey(round.updatedAt),
  };
}

function settingsOf(round: RoundEntity, criteria: CriterionRow[], tiers: TierRow[]): RoundSettings {
  const awardTiers: AwardTierInput[] = tiers.map((t) => ({
    key: t.key,
    quota: { mode: t.quota_mode, value: t.quota_value },
  }));
  return {
    criteria: criteria.map((c) => ({
      key: c.key,
      weight: Number(c.weight),
      maxScore: c.max_score,
      step: c.step,
    })),
    judgesPerEntry: round.judgesPerEntry,
    minSheets: round.minSheets,
    aggregation: round.aggregation,
    trimCount: round.trimCount,
    rankingScope: round.rankingScope,
    tieBreakCriteria: JSON.parse(round.tieBreakCriteria) as string[],
    awardTiers,
    tiePolicy: round.tiePolicy,
    advancement:
      round.advancementMode && round.advancementValue !== null
        ? { mode: round.advancementMode, value: round.advancementValue }
        : null,
  };
}

function sheetInput(row: SheetRow): SheetInput {
  const pairs = JSON.parse(row.scores) as [string, string][];
  return {
    entryId: row.entry_id,
    judgeId: row.judge_id,
    scores: pairs.map(([criterionKey, value]) => ({ criterionKey, value })),
  };
}
