import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommonReason, Forbidden, RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { isOrganiser } from '@app/identity';
import { RoundStatus } from '../round/round-enums';
import { RoundEntity } from '../round/round.entity';
import { AssignmentEntity } from './assignment.entity';
import { AssignmentStatus } from './assignment-status';

/** The sheets a judge still owes in one open round. */
export interface OpenRoundWorkload {
  roundId: string;
  roundName: string;
  eventId: string;
  pending: number;
}

/**
 * What a judge still owes: PENDING assignments in OPEN rounds, per round. Asked before the
 * judge's account is deactivated (people screen), so the organiser can move the work first; a
 * closed or draft round's assignments are no longer (or not yet) owed.
 */
@Injectable()
export class JudgeWorkloadService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement; rounds by event, then in their order. Organisers only. */
  async openOf(ctx: RequestCtx, judgeId: string): Promise<OpenRoundWorkload[]> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, "only organisers read a judge's workload");
    }
    const rows = await repo(this.dataSource, ctx, AssignmentEntity)
      .createQueryBuilder('a')
      .innerJoin(RoundEntity, 'r', 'r.id = a.roundId')
      .select('r.id', 'roundId')
      .addSelect('r.name', 'roundName')
      .addSelect('r.eventId', 'eventId')
      .addSelect('COUNT(*)', 'pending')
      .where('a.judgeId = :judgeId', { judgeId })
      .andWhere('a.status = :pending', { pending: AssignmentStatus.PENDING })
      .andWhere('r.status = :open', { open: RoundStatus.OPEN })
      .groupBy('r.id')
      .addGroupBy('r.name')
      .addGroupBy('r.eventId')
      .addGroupBy('r.sequence')
      .orderBy('r.eventId')
      .addOrderBy('r.sequence')
      .getRawMany<{ roundId: string; roundName: string; eventId: string; pending: string }>();
    return rows.map((r) => ({ ...r, pending: Number(r.pending) }));
  }
}
