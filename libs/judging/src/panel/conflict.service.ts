import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, CommonReason, Forbidden, RequestCtx, Role } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { EntryQueryService } from '@app/entries';
import { EntrantService, isOrganiser, UserService } from '@app/identity';
import { AssignmentEntity } from '../assignment/assignment.entity';
import { AssignmentStatus } from '../assignment/assignment-status';
import { markRecused } from '../assignment/recusal';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from '../round/round-enums';
import { RoundEntity } from '../round/round.entity';
import { ConflictEntity } from './panel.entity';

const REASON_MAX = 1000;
/** Rounds whose assignments a declared conflict still changes: their results are not yet made. */
const STILL_JUDGING: readonly RoundStatus[] = [RoundStatus.DRAFT, RoundStatus.OPEN];

/**
 * `declareConflict`: records that a judge must never judge an entrant's entries (any event;
 * the rule itself is conflict-of-interest.ts), and turns the judge's assignments to that
 * entrant's entries in rounds still judging (DRAFT, OPEN) RECUSED, audited, sheets included:
 * they stop counting, and a top-up gives those entries other judges. Rounds already CLOSED or
 * TABULATED keep their assignments: reopen the round and declare again (idempotent) to change
 * them. Declaring again changes nothing already done and answers true.
 */
@Injectable()
export class ConflictService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly entrants: EntrantService,
    private readonly entries: EntryQueryService,
    private readonly audit: AuditService,
  ) {}

  async declare(
    ctx: RequestCtx,
    judgeId: string,
    entrantId: string,
    reason: string | null,
  ): Promise<{ recused: number }> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers declare conflicts');
    }
    const text = (reason ?? '').trim();
    if ([...text].length > REASON_MAX) {
      throw new BadUserInput(
        JudgingReason.TEXT_TOO_LONG,
        `a reason is at most ${REASON_MAX} characters`,
      );
    }
    const [judge] = await this.users.byIds(ctx, [judgeId]);
    if (!judge || judge.role !== Role.JUDGE) {
      throw new BadUserInput(JudgingReason.NOT_A_JUDGE, 'conflicts are declared for JUDGE users');
    }
    if (!(await this.entrants.byId(ctx, entrantId))) {
      throw new BadUserInput(JudgingReason.ENTRANT_NOT_FOUND, `no entrant ${entrantId}`);
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      await repo(this.dataSource, tx, ConflictEntity)
        .createQueryBuilder()
        .insert()
        .values({ judgeId, entrantId, reason: text || null, declaredBy: tx.viewer?.userId ?? null })
        .orIgnore()
        .execute();
      const held = await this.heldInStillJudgingRounds(tx, judgeId, entrantId);
      for (const { assignment, eventId } of held) {
        await markRecused(tx, this.audit, eventId, assignment, recusalReason(text), {
          conflictOfInterest: true,
          entrantId,
          wasSubmitted: assignment.status === AssignmentStatus.SUBMITTED,
        });
      }
      return { recused: held.length };
    });
  }

  /**
   * The judge's assignments to the entrant's entries that are not RECUSED, in DRAFT or OPEN
   * rounds, locked (a sheet being submitted for one waits, then finds it RECUSED).
   */
  private async heldInStillJudgingRounds(
    tx: RequestCtx,
    judgeId: string,
    entrantId: string,
  ): Promise<Array<{ assignment: AssignmentEntity; eventId: string }>> {
    const candidates = await repo(this.dataSource, tx, AssignmentEntity).find({
      select: { id: true, entryId: true, roundId: true },
      where: { judgeId },
    });
    if (candidates.length === 0) return [];
    const entrantsEntries = new Set(
      (await this.entries.byIds(tx, [...new Set(candidates.map((a) => a.entryId))]))
        .filter((entry) => entry.entrantId === entrantId)
        .map((entry) => entry.id),
    );
    const ids = candidates.filter((a) => entrantsEntries.has(a.entryId)).map((a) => a.id);
    if (ids.length === 0) return [];
    const rounds = new Map(
      (
        await repo(this.dataSource, tx, RoundEntity).find({
          where: { id: In([...new Set(candidates.map((a) => a.roundId))]) },
          lock: { mode: 'pessimistic_read' },
        })
      ).map((round) => [round.id, round]),
    );
    const locked = await tx.manager!.getRepository(AssignmentEntity).find({
      where: { id: In(ids) },
      order: { id: 'ASC' },
      lock: { mode: 'pessimistic_write' },
    });
    return locked
      .filter((a) => a.status !== AssignmentStatus.RECUSED)
      .filter((a) => STILL_JUDGING.includes(rounds.get(a.roundId)!.status))
      .map((assignment) => ({ assignment, eventId: rounds.get(assignment.roundId)!.eventId }));
  }
}

/** The assignment's recuse reason (a column of REASON_MAX characters). */
function recusalReason(reason: string): string {
  const full = reason
    ? `conflict of interest declared: ${reason}`
    : 'conflict of interest declared';
  return [...full].slice(0, REASON_MAX).join('');
}
