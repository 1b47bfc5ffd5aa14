import { Injectable } from '@nestjs/common';
import { BadUserInput, Forbidden, RequestCtx, CommonReason } from '@app/core';
import { CategoryService } from '@app/events';
import { isOrganiser } from '@app/identity';
import { RoundAwardTierEntity, RoundEntity, RoundService } from '@app/judging';
import { StoredEntryResult } from '../tabulations/stored-result';
import { TabulationEntity } from '../tabulations/tabulation.entity';
import { TabulationReadService } from '../tabulations/tabulation-read.service';

export interface RoundResults {
  round: RoundEntity;
  /** null before the round's first tabulation (then `results` is empty) */
  tabulation: TabulationEntity | null;
  /** the latest version's results in §7's order */
  results: StoredEntryResult[];
  /** the round's award tiers by key, for `award` */
  tiers: Map<string, RoundAwardTierEntity>;
}

/**
 * The latest results of a round, for organisers only (roundResults, the exports). A category
 * filter matches the entries of the category and of everything under it.
 */
@Injectable()
export class RoundResultsService {
  constructor(
    private readonly rounds: RoundService,
    private readonly categories: CategoryService,
    private readonly reads: TabulationReadService,
  ) {}

  async latest(
    ctx: RequestCtx,
    roundId: string,
    categoryId?: string | null,
  ): Promise<RoundResults> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(
        CommonReason.ROLE_NOT_ALLOWED,
        'only organisers see results before publication',
      );
    }
    const round = await this.rounds.mustGet(ctx, roundId);
    let categoryIds: string[] | undefined;
    if (categoryId) {
      const subtree = await this.categories.subtreeIds(ctx, round.eventId, categoryId);
      if (!subtree) {
        throw new BadUserInput('CATEGORY_NOT_IN_EVENT', "not a category of this round's event");
      }
      categoryIds = subtree;
    }
    const tabulation = await this.reads.latestOf(ctx, roundId);
    const results = tabulation
      ? await this.reads.resultsOf(ctx, tabulation.id, { categoryIds })
      : [];
    const tiers = new Map(
      (await this.rounds.tiersOf(ctx, [roundId])).map((tier) => [tier.key, tier]),
    );
    return { round, tabulation, results, tiers };
  }
}
