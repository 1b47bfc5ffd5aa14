import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, Forbidden, NotFound, RequestCtx, CommonReason } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { EventStatus, EventService } from '@app/events';
import { isOrganiser } from '@app/identity';
import { JudgeViewService } from '../assignment/judge-view.service';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from './round-enums';
import {
  checkRoundSettings,
  hundredthsToDecimal,
  RoundSettings,
  RoundSettingsInput,
} from './round-rules';
import { RoundAwardTierEntity, RoundCriterionEntity, RoundEntity } from './round.entity';

/**
 * Judging rounds: created and changed by organisers, their settings checked by the rules of
 * judging-rules.md before anything is stored, and changeable only while DRAFT. Every change is
 * audited in the event's chain.
 */
@Injectable()
export class RoundService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly audit: AuditService,
    private readonly judgeView: JudgeViewService,
  ) {}

  async create(ctx: RequestCtx, eventId: string, input: RoundSettingsInput): Promise<RoundEntity> {
    assertOrganiser(ctx);
    const settings = checked(input);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const event = await this.events.lock(tx, eventId);
      if (event.status === EventStatus.ARCHIVED) {
        throw new Conflict(JudgingReason.EVENT_ARCHIVED, 'the event is archived');
      }
      await this.assertPrevious(tx, eventId, settings.previousRoundId, null);
      const rounds = repo(this.dataSource, tx, RoundEntity);
      const last = await rounds
        .createQueryBuilder('r')
        .select('COALESCE(MAX(r.sequence), 0)', 'last')
        .where('r.event_id = :eventId', { eventId })
        .getRawOne<{ last: string }>();
      const round = rounds.create({
        id: randomUUID(),
        eventId,
        sequence: Number(last?.last ?? 0) + 1,
        status: RoundStatus.DRAFT,
        ...columnsOf(settings),
      });
      await rounds.insert(round);
      await this.writeParts(tx, round.id, settings);
      await this.record(tx, round, 'round.created', { name: round.name, sequence: round.sequence });
      return this.mustGet(tx, round.id);
    });
  }

  /** Replaces a DRAFT round's settings (the whole CreateRoundInput again, as the contract has it). */
  async update(
    ctx: RequestCtx,
    id: string,
    eventId: string,
    input: RoundSettingsInput,
  ): Promise<RoundEntity> {
    assertOrganiser(ctx);
    const settings = checked(input);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const found = await this.mustGet(tx, id);
      if (found.eventId !== eventId) {
        throw new BadUserInput(JudgingReason.EVENT_MISMATCH, 'the round belongs to another event');
      }
      await this.events.lock(tx, eventId);
      const round = await this.lock(tx, id);
      if (round.status !== RoundStatus.DRAFT) {
        throw new Conflict(
          JudgingReason.ROUND_NOT_DRAFT,
          `a ${round.status} round's settings cannot change`,
          { status: round.status },
        );
      }
      await this.assertPrevious(tx, eventId, settings.previousRoundId, round);
      await repo(this.dataSource, tx, RoundEntity).update({ id }, columnsOf(settings));
      await repo(this.dataSource, tx, RoundCriterionEntity).delete({ roundId: id });
      await repo(this.dataSource, tx, RoundAwardTierEntity).delete({ roundId: id });
      await this.writeParts(tx, id, settings);
      await this.record(tx, round, 'round.updated', { name: settings.name });
      return this.mustGet(tx, id);
    });
  }

  /** The round if this viewer may read it: organisers any, a judge those it is assigned in (open). */
  async visible(ctx: RequestCtx, id: string): Promise<RoundEntity | null> {
    if (isOrganiser(ctx.viewer)) return repo(this.dataSource, ctx, RoundEntity).findOneBy({ id });
    // A judge reads the rounds it is assigned in once they are open (their criteria; panels,
    // progress and results are organisers' only); anyone else reads none.
    return this.judgeView.round(ctx, id);
  }

  /** An event's rounds in order. */
  ofEvent(ctx: RequestCtx, eventId: string): Promise<RoundEntity[]> {
    return repo(this.dataSource, ctx, RoundEntity).find({
      where: { eventId },
      order: { sequence: 'ASC' },
    });
  }

  /** Rounds' names by id, one statement for any number (the audit log's subject labels). */
  async namesOf(ctx: RequestCtx, ids: readonly string[]): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await repo(this.dataSource, ctx, RoundEntity).find({
      select: { id: true, name: true },
      where: { id: In([...ids]) },
    });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async mustGet(ctx: RequestCtx, id: string): Promise<RoundEntity> {
    const round = await repo(this.dataSource, ctx, RoundEntity).findOneBy({ id });
    if (!round) throw new NotFound(JudgingReason.ROUND_NOT_FOUND, `no round ${id}`);
    return round;
  }

  /** The criteria of rounds, in their order: one statement for any number of rounds. */
  criteriaOf(ctx: RequestCtx, roundIds: readonly string[]): Promise<RoundCriterionEntity[]> {
    if (roundIds.length === 0) return Promise.resolve([]);
    return repo(this.dataSource, ctx, RoundCriterionEntity).find({
      where: { roundId: In([...roundIds]) },
      order: { roundId: 'ASC', position: 'ASC' },
    });
  }

  /** The award tiers of rounds, highest first. */
  tiersOf(ctx: RequestCtx, roundIds: readonly string[]): Promise<RoundAwardTierEntity[]> {
    if (roundIds.length === 0) return Promise.resolve([]);
    return repo(this.dataSource, ctx, RoundAwardTierEntity).find({
      where: { roundId: In([...roundIds]) },
      order: { roundId: 'ASC', rank: 'ASC' },
    });
  }

  /**
   * Locks the round for a change, inside the caller's transaction, in the order every change to
   * a round takes its locks: the event first, then the round. Event-wide changes (screening,
   * publication) lock the event alone, so this order never deadlocks with them, and the round is
   * read with a locking read after the event's lock (not from the transaction's older snapshot).
   */
  async lockForChange(tx: RequestCtx, id: string): Promise<RoundEntity> {
    await this.events.lock(tx, await this.eventIdBeforeLocks(tx, id));
    return this.lock(tx, id);
  }

  /**
   * The round's event, read outside the caller's transaction: under REPEATABLE READ the first
   * plain read fixes the transaction's snapshot, and one taken before the locks would answer
   * every later plain read (the assignments a top-up counts, a conflict declared meanwhile)
   * as it was before the wait. A round never changes event, so this read is safe; a round
   * created in this very transaction is only visible inside it.
   */
  private async eventIdBeforeLocks(tx: RequestCtx, id: string): Promise<string> {
    const outside = await this.dataSource
      .getRepository(RoundEntity)
      .findOne({ select: { id: true, eventId: true }, where: { id } });
    return outside?.eventId ?? (await this.mustGet(tx, id)).eventId;
  }

  private async lock(ctx: RequestCtx, id: string): Promise<RoundEntity> {
    const round = await ctx.manager!.getRepository(RoundEntity).findOne({
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!round) throw new NotFound(JudgingReason.ROUND_NOT_FOUND, `no round ${id}`);
    return round;
  }

  /**
   * A round follows an earlier round of the same event whose advancement quota says who goes
   * on (judging-rules.md §6); without one, nobody would.
   */
  private async assertPrevious(
    ctx: RequestCtx,
    eventId: string,
    previousId: string | null,
    self: RoundEntity | null,
  ): Promise<void> {
    if (!previousId) return;
    const previous = await repo(this.dataSource, ctx, RoundEntity).findOneBy({ id: previousId });
    if (
      !previous ||
      previous.eventId !== eventId ||
      (self !== null && previous.sequence >= self.sequence)
    ) {
      throw new BadUserInput(
        JudgingReason.PREVIOUS_ROUND_NOT_IN_EVENT,
        'previousRoundId must be an earlier round of the same event',
        { field: 'previousRoundId' },
      );
    }
    if (!previous.advancementMode) {
      throw new BadUserInput(
        JudgingReason.PREVIOUS_ROUND_HAS_NO_ADVANCEMENT,
        `${previous.name} has no advancement quota, so no entry would go on to this round`,
        { field: 'previousRoundId' },
      );
    }
  }

  private async writeParts(ctx: RequestCtx, roundId: string, settings: RoundSettings) {
    await repo(this.dataSource, ctx, RoundCriterionEntity).insert(
      settings.criteria.map((c, position) => ({
        id: randomUUID(),
        roundId,
        position,
        key: c.key,
        name: c.name,
        weight: c.weight,
        maxScore: hundredthsToDecimal(c.maxScoreHundredths),
        step: hundredthsToDecimal(c.stepHundredths),
      })),
    );
    if (settings.awardTiers.length > 0) {
      await repo(this.dataSource, ctx, RoundAwardTierEntity).insert(
        settings.awardTiers.map((t, index) => ({
          roundId,
          rank: index + 1,
          key: t.key,
          name: t.name,
          quotaMode: t.quota.mode,
          quotaValue: hundredthsToDecimal(t.quota.hundredths),
        })),
      );
    }
  }

  private record(
    ctx: RequestCtx,
    round: RoundEntity,
    action: string,
    detail: Record<string, unknown>,
  ) {
    return this.audit.append(ctx, {
      eventId: round.eventId,
      action,
      subjectType: 'Round',
      subjectId: round.id,
      detail,
    });
  }
}

function assertOrganiser(ctx: RequestCtx): void {
  if (!isOrganiser(ctx.viewer)) {
    throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers set up rounds');
  }
}

/** The rules' verdict, as BAD_USER_INPUT with the first problem's reason and all problems listed. */
function checked(input: RoundSettingsInput): RoundSettings {
  const result = checkRoundSettings(input);
  if (result.ok) return result.settings;
  const [first] = result.problems;
  throw new BadUserInput(first.reason, first.message, {
    field: first.field,
    problems: result.problems,
  });
}

function columnsOf(settings: RoundSettings) {
  return {
    name: settings.name,
    previousRoundId: settings.previousRoundId,
    judgesPerEntry: settings.judgesPerEntry,
    minSheets: settings.minSheets,
    aggregation: settings.aggregation,
    trimCount: settings.trimCount,
    rankingScope: settings.rankingScope,
    tieBreakCriteria: JSON.stringify(settings.tieBreakCriteria),
    blind: settings.blind,
    tiePolicy: settings.tiePolicy,
    advancementMode: settings.advancement?.mode ?? null,
    advancementValue: settings.advancement
      ? hundredthsToDecimal(settings.advancement.hundredths)
      : null,
  };
}
