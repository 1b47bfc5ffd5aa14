import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Conflict, RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from '../round/round-enums';
import { RoundEntity } from '../round/round.entity';
import { RoundService } from '../round/round.service';
import { ADVANCED_ENTRIES, AdvancedEntries, LatestAdvancement } from './advanced-entries.port';
import { RoundEntriesService } from './round-entries.service';
import { RoundEntrySourceEntity } from './round-entry-source.entity';

/**
 * The entries of a round with a previous round (judging-rules.md §6): exactly those the
 * previous round's latest tabulation advanced, taken when judges are assigned (the
 * tabulation taken is recorded), and checked again when the round opens.
 */
@Injectable()
export class LaterRoundEntriesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly roundEntries: RoundEntriesService,
    @Optional() @Inject(ADVANCED_ENTRIES) private readonly advanced: AdvancedEntries | null,
  ) {}

  /**
   * The advanced entries of the previous round's latest tabulation. CONFLICT /
   * PREVIOUS_ROUND_NOT_TABULATED while the previous round is not TABULATED (also when it was
   * reopened after a tabulation: its results may still change).
   */
  async take(ctx: RequestCtx, round: RoundEntity): Promise<LatestAdvancement> {
    const previous = await this.rounds.mustGet(ctx, round.previousRoundId!);
    const latest =
      previous.status === RoundStatus.TABULATED ? await this.latestOf(ctx, previous.id) : null;
    if (!latest) {
      throw new Conflict(
        JudgingReason.PREVIOUS_ROUND_NOT_TABULATED,
        'the previous round is not tabulated, so no entry has advanced to this one yet',
        { previousRoundId: previous.id, status: previous.status },
      );
    }
    return latest;
  }

  /** Records the tabulation a DRAFT assignment took its entries from (one row per round). */
  async recordSource(ctx: RequestCtx, roundId: string, tabulationId: string): Promise<void> {
    const sources = repo(this.dataSource, ctx, RoundEntrySourceEntity);
    await sources.delete({ roundId });
    await sources.insert({ roundId, tabulationId });
  }

  async sourceOf(ctx: RequestCtx, roundId: string): Promise<RoundEntrySourceEntity | null> {
    return repo(this.dataSource, ctx, RoundEntrySourceEntity).findOneBy({ roundId });
  }

  /**
   * openRound's check: CONFLICT / ROUND_ENTRIES_CHANGED when a tabulation of the previous
   * round newer than the one taken advanced another set of entries (assign judges again).
   * A newer tabulation with the same set changes nothing for this round.
   */
  async assertUnchanged(ctx: RequestCtx, round: RoundEntity): Promise<Record<string, unknown>> {
    if (!round.previousRoundId) return {};
    const source = await this.sourceOf(ctx, round.id);
    const latest = await this.latestOf(ctx, round.previousRoundId);
    if (!source || !latest) return {};
    if (latest.tabulationId !== source.tabulationId) {
      const taken = await this.roundEntries.of(ctx, round.id);
      if (!sameSet(taken, latest.entryIds)) {
        throw new Conflict(
          JudgingReason.ROUND_ENTRIES_CHANGED,
          `tabulation version ${latest.version} of the previous round advanced other entries than the one judges were assigned from; assign judges again`,
          { previousRoundId: round.previousRoundId, latestVersion: latest.version },
        );
      }
    }
    return { entriesFromTabulationId: source.tabulationId };
  }

  private latestOf(ctx: RequestCtx, roundId: string): Promise<LatestAdvancement | null> {
    return this.advanced ? this.advanced.latestOf(ctx, roundId) : Promise.resolve(null);
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}
