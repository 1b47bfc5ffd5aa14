import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommonReason, Forbidden, isUuid, RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { isOrganiser } from '@app/identity';
import { ObjectionStatus } from './publication-enums';
import { ObjectionEntity } from './publication.entity';

/** The OPEN objections of one round, counted: what the organiser's flag shows. */
export interface OpenObjectionCount {
  eventId: string;
  roundId: string;
  open: number;
  oldestFiledAt: Date;
  newestFiledAt: Date;
}

/**
 * The objections nobody has answered yet, for the organisers' flag (a count per round, read
 * every few seconds by every open organiser screen, so one grouped statement) and for the
 * round's publication stage (the objections themselves, of every version of the round: one
 * filed against a version since superseded still holds finalising back, §8).
 */
@Injectable()
export class OpenObjectionsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Per round with at least one OPEN objection; of one event when `eventId` is given. */
  async counts(ctx: RequestCtx, eventId: string | null): Promise<OpenObjectionCount[]> {
    this.organisersOnly(ctx);
    if (eventId !== null && !isUuid(eventId)) return [];
    const query = repo(this.dataSource, ctx, ObjectionEntity)
      .createQueryBuilder('o')
      .innerJoin('o.publication', 'p')
      .select('p.event_id', 'eventId')
      .addSelect('o.round_id', 'roundId')
      .addSelect('COUNT(*)', 'open')
      .addSelect('MIN(o.created_at)', 'oldest')
      .addSelect('MAX(o.created_at)', 'newest')
      .where('o.status = :open', { open: ObjectionStatus.OPEN })
      .groupBy('p.event_id')
      .addGroupBy('o.round_id')
      .orderBy('oldest', 'ASC')
      .addOrderBy('o.round_id', 'ASC');
    if (eventId !== null) query.andWhere('p.event_id = :eventId', { eventId });
    const rows = await query.getRawMany<{
      eventId: string;
      roundId: string;
      open: string | number;
      oldest: Date;
      newest: Date;
    }>();
    return rows.map((r) => ({
      eventId: r.eventId,
      roundId: r.roundId,
      open: Number(r.open),
      oldestFiledAt: new Date(r.oldest),
      newestFiledAt: new Date(r.newest),
    }));
  }

  /** The round's OPEN objections, to any of its versions, oldest first. */
  async ofRound(ctx: RequestCtx, roundId: string): Promise<ObjectionEntity[]> {
    this.organisersOnly(ctx);
    if (!isUuid(roundId)) return [];
    return repo(this.dataSource, ctx, ObjectionEntity).find({
      where: { roundId, status: ObjectionStatus.OPEN },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  private organisersOnly(ctx: RequestCtx): void {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers read open objections');
    }
  }
}
