import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { EntryResultEntity, TabulationEntity } from './tabulation.entity';
import { StoredEntryResult, toStoredResult } from './stored-result';

export interface ResultsFilter {
  /** only entries whose own category is one of these (a parent category: pass its subtree) */
  categoryIds?: readonly string[];
  /** only these entries */
  entryIds?: readonly string[];
}

/**
 * Reads stored tabulations. No permission checks: callers (resolvers' services, exports,
 * publications) decide who may see what. Reads join the ctx's transaction when there is one.
 */
@Injectable()
export class TabulationReadService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The round's newest version, or null before its first tabulation. */
  async latestOf(ctx: RequestCtx, roundId: string): Promise<TabulationEntity | null> {
    return repo(this.dataSource, ctx, TabulationEntity).findOne({
      where: { roundId },
      order: { version: 'DESC' },
    });
  }

  /** The newest version of each of these rounds (one query; for loaders). */
  async latestOfRounds(
    ctx: RequestCtx,
    roundIds: readonly string[],
  ): Promise<Map<string, TabulationEntity>> {
    const latest = new Map<string, TabulationEntity>();
    if (roundIds.length === 0) return latest;
    const rows = await repo(this.dataSource, ctx, TabulationEntity)
      .createQueryBuilder('t')
      .where('t.round_id IN (:...roundIds)', { roundIds: [...new Set(roundIds)] })
      .andWhere(
        't.version = (SELECT MAX(t2.version) FROM tabulations t2 WHERE t2.round_id = t.round_id)',
      )
      .getMany();
    for (const row of rows) latest.set(row.roundId, row);
    return latest;
  }

  async versionOf(
    ctx: RequestCtx,
    roundId: string,
    version: number,
  ): Promise<TabulationEntity | null> {
    return repo(this.dataSource, ctx, TabulationEntity).findOneBy({ roundId, version });
  }

  async byId(ctx: RequestCtx, tabulationId: string): Promise<TabulationEntity | null> {
    return repo(this.dataSource, ctx, TabulationEntity).findOneBy({ id: tabulationId });
  }

  /** Whether the entry was judged in this version (it has a result, awarded or not). */
  hasResult(ctx: RequestCtx, tabulationId: string, entryId: string): Promise<boolean> {
    return repo(this.dataSource, ctx, EntryResultEntity).existsBy({ tabulationId, entryId });
  }

  /** A version's results in §7's order (scope, rank with nulls last, entry code). */
  async resultsOf(
    ctx: RequestCtx,
    tabulationId: string,
    filter: ResultsFilter = {},
  ): Promise<StoredEntryResult[]> {
    if (filter.categoryIds?.length === 0 || filter.entryIds?.length === 0) return [];
    const query = repo(this.dataSource, ctx, EntryResultEntity)
      .createQueryBuilder('r')
      .where('r.tabulation_id = :tabulationId', { tabulationId })
      .orderBy('r.position', 'ASC');
    if (filter.categoryIds) {
      query
        .innerJoin('entries', 'e', 'e.id = r.entry_id')
        .andWhere('e.category_id IN (:...categoryIds)', { categoryIds: [...filter.categoryIds] });
    }
    if (filter.entryIds) {
      query.andWhere('r.entry_id IN (:...entryIds)', { entryIds: [...filter.entryIds] });
    }
    return (await query.getMany()).map(toStoredResult);
  }
}
