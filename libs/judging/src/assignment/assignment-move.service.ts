import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  BadUserInput,
  CommonReason,
  Conflict,
  Forbidden,
  NotFound,
  orderedUuid,
  RequestCtx,
} from '@app/core';
import { inTransaction, isDeadlock, repo } from '@app/db';
import { EntryQueryService } from '@app/entries';
import { CategoryService } from '@app/events';
import { isOrganiser, UserService } from '@app/identity';
import { JudgingReason } from '../judging.errors';
import { leavesCovered } from '../panel/panel-leaves';
import { ConflictEntity } from '../panel/panel.entity';
import { PanelService } from '../panel/panel.service';
import { RoundStatus } from '../round/round-enums';
import { RoundEntity } from '../round/round.entity';
import { RoundService } from '../round/round.service';
import { ScoreSheetEntity } from '../sheet/score-sheet.entity';
import { AssignmentEntity } from './assignment.entity';
import { AssignmentStatus } from './assignment-status';
import { MoveRefusal, moveRefusalError, MoveTargetFacts, whyNotMoveTo } from './move-rules';

const REASON_MAX = 1000;
/** A move that InnoDB picked as a deadlock's victim (a sheet claiming the row) runs again. */
const ATTEMPTS = 3;

/** A judge who might take an assignment, and why not (null: it may). */
export interface MoveCandidate {
  judgeId: string;
  refusal: MoveRefusal | null;
  /** its PENDING assignments in the round, to spread the work */
  pending: number;
}

/**
 * Moving an assignment from one judge to another before a sheet exists (issue 21): only a
 * PENDING assignment without a sheet, of a DRAFT or OPEN round, to a judge `whyNotMoveTo`
 * accepts. The move deletes the row and inserts the new judge's (a new id): the old judge's
 * list loses it, and a sheet the old judge sends meanwhile finds no row to claim (the
 * `score_sheet_write` claim matches nothing and the submission answers ASSIGNMENT_NOT_FOUND),
 * instead of landing on the new judge's assignment. Under the round's lock, so two moves of one
 * assignment take turns (the second finds it gone: ASSIGNMENT_NOT_FOUND), as do a move and a
 * panel edit or a top-up. Audited as `assignment.moved` on the old assignment.
 */
@Injectable()
export class AssignmentMoveService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly panels: PanelService,
    private readonly categories: CategoryService,
    private readonly users: UserService,
    private readonly entries: EntryQueryService,
    private readonly audit: AuditService,
  ) {}

  /**
   * One judge's assignments in a round, oldest first, each with whether a sheet exists: what
   * the organiser chooses from when moving work away from a judge.
   */
  async heldBy(
    ctx: RequestCtx,
    roundId: string,
    judgeId: string,
  ): Promise<Array<{ assignment: AssignmentEntity; hasSheet: boolean }>> {
    assertOrganiser(ctx);
    const assignments = await repo(this.dataSource, ctx, AssignmentEntity).find({
      where: { roundId, judgeId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const sheets =
      assignments.length === 0
        ? []
        : await repo(this.dataSource, ctx, ScoreSheetEntity).find({
            select: { assignmentId: true },
            where: { assignmentId: In(assignments.map((a) => a.id)) },
          });
    const scored = new Set(sheets.map((s) => s.assignmentId));
    return assignments.map((assignment) => ({ assignment, hasSheet: scored.has(assignment.id) }));
  }

  /** The judges seated on the round's panels (the holder aside), each with `whyNotMoveTo`'s answer. */
  async candidates(ctx: RequestCtx, assignmentId: string): Promise<MoveCandidate[]> {
    assertOrganiser(ctx);
    const assignment = await this.find(ctx, assignmentId);
    const round = await this.rounds.mustGet(ctx, assignment.roundId);
    const seats = await this.panels.judgesOf(
      ctx,
      (await this.panels.panelsOf(ctx, [round.id])).map((p) => p.id),
    );
    const judgeIds = seats.map((s) => s.judgeId).filter((id) => id !== assignment.judgeId);
    const [facts, pending] = await Promise.all([
      this.targetFacts(ctx, round, assignment, judgeIds),
      this.pendingOf(ctx, round.id, judgeIds),
    ]);
    return judgeIds.map((judgeId) => ({
      judgeId,
      refusal: whyNotMoveTo(facts.byJudge.get(judgeId)!),
      pending: pending.get(judgeId) ?? 0,
    }));
  }

  async move(
    ctx: RequestCtx,
    assignmentId: string,
    judgeId: string,
    reason: string | null,
  ): Promise<AssignmentEntity> {
    assertOrganiser(ctx);
    const text = (reason ?? '').trim();
    if ([...text].length > REASON_MAX) {
      throw new BadUserInput(
        JudgingReason.TEXT_TOO_LONG,
        `a reason is at most ${REASON_MAX} characters`,
      );
    }
    // Outside the transaction: an assignment never changes round (see lockForChange).
    const found = await this.find(ctx, assignmentId);
    for (let attempt = 1; ; attempt++) {
      try {
        return await inTransaction(this.dataSource, ctx, (tx) =>
          this.moveLocked(tx, found.roundId, assignmentId, judgeId, text || null),
        );
      } catch (error) {
        if (!isDeadlock(error) || attempt >= ATTEMPTS || ctx.manager) throw error;
      }
    }
  }

  private async moveLocked(
    tx: RequestCtx,
    roundId: string,
    assignmentId: string,
    judgeId: string,
    reason: string | null,
  ): Promise<AssignmentEntity> {
    const round = await this.rounds.lockForChange(tx, roundId);
    if (round.status !== RoundStatus.DRAFT && round.status !== RoundStatus.OPEN) {
      throw new Conflict(JudgingReason.ROUND_CLOSED, `the round is ${round.status}`);
    }
    const manager = tx.manager!;
    const assignment = await manager.getRepository(AssignmentEntity).findOne({
      where: { id: assignmentId },
      lock: { mode: 'pessimistic_write' },
    });
    if (!assignment) {
      throw new NotFound(
        JudgingReason.ASSIGNMENT_NOT_FOUND,
        'no such assignment (moved or removed meanwhile?)',
      );
    }
    if (assignment.status === AssignmentStatus.RECUSED) {
      throw new Conflict(JudgingReason.ASSIGNMENT_RECUSED, 'a recused assignment is not moved');
    }
    const sheet = await manager.getRepository(ScoreSheetEntity).countBy({ assignmentId });
    if (assignment.status === AssignmentStatus.SUBMITTED || sheet > 0) {
      throw new Conflict(
        JudgingReason.ALREADY_SUBMITTED,
        'the judge has scored this entry; a scored assignment is not moved',
      );
    }
    const facts = await this.targetFacts(tx, round, assignment, [judgeId], true);
    const target = facts.byJudge.get(judgeId);
    if (!target) throw new BadUserInput(JudgingReason.NOT_A_JUDGE, `no user ${judgeId}`);
    const refusal = whyNotMoveTo(target);
    if (refusal) throw moveRefusalError(refusal);

    const moved = Object.assign(new AssignmentEntity(), {
      id: orderedUuid(),
      roundId: round.id,
      entryId: assignment.entryId,
      judgeId,
      panelId: facts.coveringPanelId!,
      status: AssignmentStatus.PENDING,
      recuseReason: null,
    });
    await manager.getRepository(AssignmentEntity).delete({ id: assignment.id });
    await manager.getRepository(AssignmentEntity).insert(moved);
    await this.audit.append(tx, {
      eventId: round.eventId,
      action: 'assignment.moved',
      subjectType: 'Assignment',
      subjectId: assignment.id,
      detail: {
        roundId: round.id,
        entryId: assignment.entryId,
        fromJudgeId: assignment.judgeId,
        toJudgeId: judgeId,
        newAssignmentId: moved.id,
        ...(reason && { reason }),
      },
    });
    return manager.getRepository(AssignmentEntity).findOneByOrFail({ id: moved.id });
  }

  /**
   * `whyNotMoveTo`'s facts for these judges and the assignment's entry; `locked` (the move)
   * reads the declared conflicts with a shared lock, so a conflict declared meanwhile either
   * waits for the move (and then recuses the moved assignment) or is seen by it.
   */
  private async targetFacts(
    ctx: RequestCtx,
    round: RoundEntity,
    assignment: AssignmentEntity,
    judgeIds: readonly string[],
    locked = false,
  ): Promise<{ byJudge: Map<string, MoveTargetFacts>; coveringPanelId: string | null }> {
    const [[entry], categories, panels, users, holders] = await Promise.all([
      this.entries.byIds(ctx, [assignment.entryId]),
      this.categories.ofEvents(ctx, [round.eventId]),
      this.panels.panelsOf(ctx, [round.id]),
      this.users.byIds(ctx, judgeIds),
      repo(this.dataSource, ctx, AssignmentEntity).find({
        select: { judgeId: true },
        where: { roundId: round.id, entryId: assignment.entryId },
      }),
    ]);
    const panelIds = panels.map((p) => p.id);
    const [given, seats] = await Promise.all([
      this.panels.categoriesOf(ctx, panelIds),
      this.panels.judgesOf(ctx, panelIds),
    ]);
    const covering = panels.find((panel) =>
      leavesCovered(
        categories,
        given.filter((g) => g.panelId === panel.id).map((g) => g.categoryId),
      ).has(entry.categoryId),
    );
    const onCovering = new Set(
      seats.filter((s) => s.panelId === covering?.id).map((s) => s.judgeId),
    );
    const declared = new Set(
      (await this.declaredConflicts(ctx, judgeIds, entry.entrantId, locked)).map((c) => c.judgeId),
    );
    const held = new Set(holders.map((h) => h.judgeId));
    const byJudge = new Map(
      users.map((user): [string, MoveTargetFacts] => [
        user.id,
        {
          role: user.role,
          active: user.active,
          onCoveringPanel: onCovering.has(user.id),
          holdsEntry: held.has(user.id),
          conflict: {
            judgeAffiliationEntrantId: user.affiliationEntrantId,
            entrantId: entry.entrantId,
            declared: declared.has(user.id),
          },
        },
      ]),
    );
    return { byJudge, coveringPanelId: covering?.id ?? null };
  }

  private declaredConflicts(
    ctx: RequestCtx,
    judgeIds: readonly string[],
    entrantId: string,
    locked: boolean,
  ): Promise<ConflictEntity[]> {
    if (judgeIds.length === 0) return Promise.resolve([]);
    return repo(this.dataSource, ctx, ConflictEntity).find({
      where: { judgeId: In([...judgeIds]), entrantId },
      ...(locked && { lock: { mode: 'pessimistic_read' as const } }),
    });
  }

  private async pendingOf(
    ctx: RequestCtx,
    roundId: string,
    judgeIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (judgeIds.length === 0) return new Map();
    const rows = await repo(this.dataSource, ctx, AssignmentEntity)
      .createQueryBuilder('a')
      .select('a.judge_id', 'judgeId')
      .addSelect('COUNT(*)', 'n')
      .where('a.round_id = :roundId AND a.status = :status', {
        roundId,
        status: AssignmentStatus.PENDING,
      })
      .andWhere('a.judge_id IN (:...judgeIds)', { judgeIds })
      .groupBy('a.judge_id')
      .getRawMany<{ judgeId: string; n: string }>();
    return new Map(rows.map((r) => [r.judgeId, Number(r.n)]));
  }

  private async find(ctx: RequestCtx, id: string): Promise<AssignmentEntity> {
    const found = /^[0-9a-f-]{36}$/i.test(id)
      ? await repo(this.dataSource, ctx, AssignmentEntity).findOneBy({ id })
      : null;
    if (!found) throw new NotFound(JudgingReason.ASSIGNMENT_NOT_FOUND, `no assignment ${id}`);
    return found;
  }
}

function assertOrganiser(ctx: RequestCtx): void {
  if (!isOrganiser(ctx.viewer)) {
    throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers move assignments');
  }
}
