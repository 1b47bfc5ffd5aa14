import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestCtx } from '@app/core';
import { groupsInKeyOrder, inKeyOrder } from '@app/identity';
import { PanelCategoryEntity, PanelEntity, PanelJudgeEntity } from '../panel/panel.entity';
import { PanelService } from '../panel/panel.service';
import { RoundAwardTierEntity, RoundCriterionEntity } from '../round/round.entity';
import { RoundService } from '../round/round.service';
import { ScoreSheetEntity } from '../sheet/score-sheet.entity';
import { ScoreSheetService } from '../sheet/score-sheet.service';

export interface JudgingLoaderSet {
  criteriaOfRound: DataLoader<string, RoundCriterionEntity[]>;
  tiersOfRound: DataLoader<string, RoundAwardTierEntity[]>;
  panelsOfRound: DataLoader<string, PanelEntity[]>;
  categoriesOfPanel: DataLoader<string, PanelCategoryEntity[]>;
  judgesOfPanel: DataLoader<string, PanelJudgeEntity[]>;
  /** an assignment's sheet (null before one is submitted): a judge's whole list in one statement */
  sheetOfAssignment: DataLoader<string, ScoreSheetEntity | null>;
}

/** Per-request loaders of the judging domain. */
@Injectable()
export class JudgingLoaders {
  constructor(
    private readonly rounds: RoundService,
    private readonly panels: PanelService,
    private readonly sheets: ScoreSheetService,
  ) {}

  create(ctx: RequestCtx): JudgingLoaderSet {
    return {
      criteriaOfRound: new DataLoader(async (ids) =>
        groupsInKeyOrder(ids, await this.rounds.criteriaOf(ctx, ids), (row) => row.roundId),
      ),
      tiersOfRound: new DataLoader(async (ids) =>
        groupsInKeyOrder(ids, await this.rounds.tiersOf(ctx, ids), (row) => row.roundId),
      ),
      panelsOfRound: new DataLoader(async (ids) =>
        groupsInKeyOrder(ids, await this.panels.panelsOf(ctx, ids), (row) => row.roundId),
      ),
      categoriesOfPanel: new DataLoader(async (ids) =>
        groupsInKeyOrder(ids, await this.panels.categoriesOf(ctx, ids), (row) => row.panelId),
      ),
      judgesOfPanel: new DataLoader(async (ids) =>
        groupsInKeyOrder(ids, await this.panels.judgesOf(ctx, ids), (row) => row.panelId),
      ),
      sheetOfAssignment: new DataLoader(async (ids) =>
        inKeyOrder(ids, await this.sheets.sheetsOf(ctx, ids), (row) => row.assignmentId),
      ),
    };
  }
}

export interface JudgingGqlContext {
  loaders: { judging: JudgingLoaderSet };
}
