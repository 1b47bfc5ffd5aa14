import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestCtx } from '@app/core';
import { RoundAwardTierEntity, RoundCriterionEntity } from '../round/round.entity';
import { RoundService } from '../round/round.service';

export interface JudgingLoaderSet {
  criteriaOfRound: DataLoader<string, RoundCriterionEntity[]>;
  tiersOfRound: DataLoader<string, RoundAwardTierEntity[]>;
}

/** Per-request loaders of the judging domain. */
@Injectable()
export class JudgingLoaders {
  constructor(private readonly rounds: RoundService) {}

  create(ctx: RequestCtx): JudgingLoaderSet {
    return {
      criteriaOfRound: new DataLoader(async (ids) => {
        const rows = await this.rounds.criteriaOf(ctx, ids);
        return ids.map((id) => rows.filter((row) => row.roundId === id));
      }),
      tiersOfRound: new DataLoader(async (ids) => {
        const rows = await this.rounds.tiersOf(ctx, ids);
        return ids.map((id) => rows.filter((row) => row.roundId === id));
      }),
    };
  }
}

export interface JudgingGqlContext {
  loaders: { judging: JudgingLoaderSet };
}
