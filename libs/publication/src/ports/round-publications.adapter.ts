import { Global, Injectable, Module } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestCtx } from '@app/core';
import { ROUND_PUBLICATIONS, RoundPublications } from '@app/judging';

/** Answers judging's ROUND_PUBLICATIONS port: reopenRound refuses a round published as FINAL. */
@Injectable()
export class RoundPublicationsAdapter implements RoundPublications {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async finalOf(ctx: RequestCtx, roundId: string): Promise<{ id: string; version: number } | null> {
    const rows = (await (ctx.manager ?? this.dataSource.manager).query(
      "SELECT id, version FROM publications WHERE round_id = ? AND status = 'FINAL' LIMIT 1",
      [roundId],
    )) as Array<{ id: string; version: number }>;
    return rows[0] ?? null;
  }
}

/** Global, so judging's services inject the port without importing publications. */
@Global()
@Module({
  providers: [
    RoundPublicationsAdapter,
    { provide: ROUND_PUBLICATIONS, useExisting: RoundPublicationsAdapter },
  ],
  exports: [ROUND_PUBLICATIONS],
})
export class RoundPublicationsPortModule {}
