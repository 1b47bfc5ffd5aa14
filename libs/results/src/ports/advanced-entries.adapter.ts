import { Global, Injectable, Module } from '@nestjs/common';
import type { RequestCtx } from '@app/core';
import { ADVANCED_ENTRIES, AdvancedEntries, LatestAdvancement } from '@app/judging';
import { TabulationReadService } from '../tabulations/tabulation-read.service';

/**
 * Answers judging's ADVANCED_ENTRIES port (a later round's entries, judging-rules.md §6)
 * from the stored tabulations: judging cannot import this library, which depends on it.
 */
@Injectable()
export class AdvancedEntriesAdapter implements AdvancedEntries {
  constructor(private readonly tabulations: TabulationReadService) {}

  async latestOf(ctx: RequestCtx, roundId: string): Promise<LatestAdvancement | null> {
    const latest = await this.tabulations.latestOf(ctx, roundId);
    if (!latest) return null;
    const results = await this.tabulations.resultsOf(ctx, latest.id);
    return {
      tabulationId: latest.id,
      version: latest.version,
      entryIds: results
        .filter((r) => r.advanced)
        .map((r) => r.entryId)
        .sort(),
    };
  }
}

/** Global, so judging's services inject the port without importing results. */
@Global()
@Module({
  providers: [
    TabulationReadService,
    AdvancedEntriesAdapter,
    { provide: ADVANCED_ENTRIES, useExisting: AdvancedEntriesAdapter },
  ],
  exports: [ADVANCED_ENTRIES],
})
export class AdvancedEntriesPortModule {}
