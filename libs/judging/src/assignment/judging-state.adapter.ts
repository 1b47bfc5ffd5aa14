import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestCtx } from '@app/core';
import {
  ENTRY_JUDGE_VIEW,
  ENTRY_JUDGING_STATE,
  EntryJudgeView,
  EntryJudgingState,
} from '@app/entries';
import { Role } from '@app/core';

/**
 * Answers the entries domain's question "has this entry's judging started?" (an organiser may
 * change an entry until then): yes once a round that holds it is no longer DRAFT.
 */
@Injectable()
export class JudgingStateAdapter implements EntryJudgingState {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async judgingStarted(ctx: RequestCtx, entryId: string): Promise<boolean> {
    const rows: unknown[] = await (ctx.manager ?? this.dataSource.manager).query(
      `SELECT 1 FROM assignments a JOIN rounds r ON r.id = a.round_id
        WHERE a.entry_id = ? AND r.status <> 'DRAFT' LIMIT 1`,
      [entryId],
    );
    return rows.length > 0;
  }
}

/**
 * Answers how a judge may see an entry: only one it holds an assignment of in a round that is
 * no longer DRAFT (recused ones included: it was shown the entry), blind when every such round
 * is blind.
 */
@Injectable()
export class JudgeEntryViewAdapter implements EntryJudgeView {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async viewOf(ctx: RequestCtx, entryId: string): Promise<{ blind: boolean } | null> {
    if (ctx.viewer?.role !== Role.JUDGE) return null;
    const rows: Array<{ blind: number }> = await (ctx.manager ?? this.dataSource.manager).query(
      `SELECT r.blind FROM assignments a JOIN rounds r ON r.id = a.round_id
        WHERE a.entry_id = ? AND a.judge_id = ? AND r.status <> 'DRAFT'`,
      [entryId, ctx.viewer.userId],
    );
    if (rows.length === 0) return null;
    return { blind: rows.every((row) => Number(row.blind) === 1) };
  }
}

/** Global, so EntryService (below judging) can inject the port without importing judging. */
@Global()
@Module({
  providers: [
    JudgingStateAdapter,
    { provide: ENTRY_JUDGING_STATE, useExisting: JudgingStateAdapter },
    JudgeEntryViewAdapter,
    { provide: ENTRY_JUDGE_VIEW, useExisting: JudgeEntryViewAdapter },
  ],
  exports: [ENTRY_JUDGING_STATE, ENTRY_JUDGE_VIEW],
})
export class JudgingPortsModule {}
