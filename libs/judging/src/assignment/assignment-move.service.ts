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
import { isOrganiser } from '@app/identity';
import { JudgingReason } from '../judging.errors';
import { PanelService } from '../panel/panel.service';
import { RoundStatus } from '../round/round-enums';
import { RoundService } from '../round/round.service';
import { ScoreSheetEntity } from '../sheet/score-sheet.entity';
import { AssignmentEntity } from './assignment.entity';
import { AssignmentStatus } from './assignment-status';
import { MoveRefusal, moveRefusalError, whyNotMoveTo } from './move-rules';
import { MoveTargets } from './move-targets';

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
    private readonly targets: MoveTargets,
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
      this.targets.of(ctx, round, assignment, judgeIds),
      this.targets.pendingOf(ctx, round.id, judgeIds),
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
    const facts = await this.targets.of(tx, round, assignment, [judgeId], true);
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
