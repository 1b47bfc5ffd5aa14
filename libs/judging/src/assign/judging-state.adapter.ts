import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestCtx } from '@app/core';
import { ENTRY_JUDGING_STATE, EntryJudgingState } from '@app/entries';

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

/** Global, so EntryService (below judging) can inject the port without importing judging. */
@Global()
@Module({
  providers: [
    JudgingStateAdapter,
    { provide: ENTRY_JUDGING_STATE, useExisting: JudgingStateAdapter },
  ],
  exports: [ENTRY_JUDGING_STATE],
})
export class JudgingPortsModule {}
