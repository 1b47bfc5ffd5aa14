import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommonReason, Forbidden, RequestCtx } from '@app/core';
import { isOrganiser } from '@app/identity';
import { roundProgress, RoundProgressFigures } from '../round/round-progress';
import { sheetsPerHour, SheetHourFigures } from './round-activity';

export interface JudgeProgressFigures {
  judgeId: string;
  /** every assignment, recused ones included */
  assigned: number;
  submitted: number;
  recused: number;
}

/**
 * How far a round's judging has come, for organisers only (a judge reads its round's criteria,
 * not its progress; docs/roles-and-rules.md): anyone else is FORBIDDEN before a statement is
 * sent.
 */
@Injectable()
export class RoundProgressService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Round.progress: the figures of the whole round, in one statement. */
  async ofRound(
    ctx: RequestCtx,
    roundId: string,
    minSheets: number,
  ): Promise<RoundProgressFigures> {
    assertOrganiser(ctx, 'progress');
    return roundProgress(this.dataSource, ctx, roundId, minSheets);
  }

  /** Round.judgeProgress: each judge's counts, by judge id, in one statement. */
  async ofJudges(ctx: RequestCtx, roundId: string): Promise<JudgeProgressFigures[]> {
    assertOrganiser(ctx, 'judgeProgress');
    const rows: Array<{ judge_id: string; assigned: string; submitted: string; recused: string }> =
      await (ctx.manager ?? this.dataSource.manager).query(
        `SELECT judge_id, COUNT(*) AS assigned, SUM(status = 'SUBMITTED') AS submitted,
                SUM(status = 'RECUSED') AS recused
           FROM assignments WHERE round_id = ? GROUP BY judge_id ORDER BY judge_id`,
        [roundId],
      );
    return rows.map((row) => ({
      judgeId: row.judge_id,
      assigned: Number(row.assigned),
      submitted: Number(row.submitted),
      recused: Number(row.recused),
    }));
  }

  /** Round.activity: the sheets per panel and hour, in one statement (round-activity.ts). */
  async perHour(ctx: RequestCtx, roundId: string): Promise<SheetHourFigures[]> {
    assertOrganiser(ctx, 'activity');
    return sheetsPerHour(this.dataSource, ctx, roundId);
  }
}

/** A judge reads its round's criteria, not its progress (docs/roles-and-rules.md): FORBIDDEN. */
function assertOrganiser(ctx: RequestCtx, field: string): void {
  if (!isOrganiser(ctx.viewer)) {
    throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, `${field} is for organisers only`);
  }
}
