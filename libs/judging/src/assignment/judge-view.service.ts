import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import { RequestCtx, Role } from '@app/core';
import { repo } from '@app/db';
import { EntryEntity, EntryQueryService } from '@app/entries';
import { RoundStatus } from '../round/round-enums';
import { RoundEntity } from '../round/round.entity';
import { AssignmentEntity } from './assignment.entity';

/**
 * What a judge sees (docs/roles-and-rules.md): the rounds it is assigned in, once they are no
 * longer DRAFT, and its own assignments there with their entries. Never another judge's.
 */
@Injectable()
export class JudgeViewService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entries: EntryQueryService,
  ) {}

  async rounds(ctx: RequestCtx): Promise<RoundEntity[]> {
    const judgeId = judgeOf(ctx);
    if (!judgeId) return [];
    const roundIds = await repo(this.dataSource, ctx, AssignmentEntity)
      .createQueryBuilder('a')
      .select('DISTINCT a.round_id', 'roundId')
      .where('a.judge_id = :judgeId', { judgeId })
      .getRawMany<{ roundId: string }>();
    if (roundIds.length === 0) return [];
    return repo(this.dataSource, ctx, RoundEntity).find({
      where: { id: In(roundIds.map((r) => r.roundId)), status: Not(RoundStatus.DRAFT) },
      order: { eventId: 'ASC', sequence: 'ASC' },
    });
  }

  /** The round when the signed-in judge is assigned in it and it is no longer DRAFT; else null. */
  async round(ctx: RequestCtx, roundId: string): Promise<RoundEntity | null> {
    const judgeId = judgeOf(ctx);
    if (!judgeId) return null;
    const assigned = await repo(this.dataSource, ctx, AssignmentEntity).existsBy({
      judgeId,
      roundId,
    });
    if (!assigned) return null;
    return repo(this.dataSource, ctx, RoundEntity).findOneBy({
      id: roundId,
      status: Not(RoundStatus.DRAFT),
    });
  }

  /** The judge's assignments of a round with their entries; empty while DRAFT or not its round. */
  async assignments(
    ctx: RequestCtx,
    roundId: string,
  ): Promise<{
    round: RoundEntity | null;
    rows: Array<{ assignment: AssignmentEntity; entry: EntryEntity }>;
  }> {
    const judgeId = judgeOf(ctx);
    const round = judgeId
      ? await repo(this.dataSource, ctx, RoundEntity).findOneBy({ id: roundId })
      : null;
    if (!judgeId || !round || round.status === RoundStatus.DRAFT) return { round: null, rows: [] };
    const assignments = await repo(this.dataSource, ctx, AssignmentEntity).find({
      where: { roundId, judgeId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const entries = await this.entries.byIds(
      ctx,
      assignments.map((a) => a.entryId),
    );
    const byId = new Map(entries.map((e) => [e.id, e]));
    return {
      round,
      rows: assignments
        .filter((a) => byId.has(a.entryId))
        .map((assignment) => ({ assignment, entry: byId.get(assignment.entryId)! })),
    };
  }

  /** Whether the signed-in judge holds an assignment of this entry (entry(id) for judges). */
  async holds(ctx: RequestCtx, entryId: string): Promise<boolean> {
    const judgeId = judgeOf(ctx);
    if (!judgeId) return false;
    return repo(this.dataSource, ctx, AssignmentEntity).existsBy({ judgeId, entryId });
  }
}

function judgeOf(ctx: RequestCtx): string | null {
  return ctx.viewer?.role === Role.JUDGE ? ctx.viewer.userId : null;
}
