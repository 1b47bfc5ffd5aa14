import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, Forbidden, RequestCtx, CommonReason } from '@app/core';
import { inTransaction, isDuplicateKey, repo } from '@app/db';
import { CategoryService } from '@app/events';
import { isOrganiser, UserService } from '@app/identity';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from '../round/round-enums';
import { RoundService } from '../round/round.service';
import { checkPanelSetup, panelMembers, panelName, readPanelSetupFacts } from './panel-setup';
import { ConflictEntity, PanelCategoryEntity, PanelEntity, PanelJudgeEntity } from './panel.entity';

export interface NewPanel {
  roundId: string;
  name: string;
  categoryIds: readonly string[];
  judgeIds: readonly string[];
}

/**
 * Panels of judges and conflicts of interest. A leaf category is covered by at most one panel
 * of a round, and a judge sits on at most one; both are checked with the round locked, and
 * the second is also a unique index.
 */
@Injectable()
export class PanelService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly categories: CategoryService,
    private readonly users: UserService,
    private readonly audit: AuditService,
  ) {}

  /** How the panel checks read categories and users: through their domains' services. */
  readonly setupReaders = {
    categoriesOf: (tx: RequestCtx, eventIds: string[]) => this.categories.ofEvents(tx, eventIds),
    usersOf: (tx: RequestCtx, ids: string[]) => this.users.byIds(tx, ids),
  };

  async create(ctx: RequestCtx, input: NewPanel): Promise<PanelEntity> {
    assertOrganiser(ctx);
    const name = panelName(input.name);
    const { categoryIds, judgeIds } = panelMembers(input.categoryIds, input.judgeIds);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const round = await this.rounds.lockForChange(tx, input.roundId);
      if (round.status === RoundStatus.CLOSED || round.status === RoundStatus.TABULATED) {
        throw new Conflict(JudgingReason.ROUND_CLOSED, `the round is ${round.status}`);
      }
      const facts = await readPanelSetupFacts(tx, this.setupReaders, round, null, judgeIds);
      checkPanelSetup({ name, categoryIds, judgeIds }, facts);
      const panel = Object.assign(new PanelEntity(), { id: randomUUID(), roundId: round.id, name });
      try {
        await repo(this.dataSource, tx, PanelEntity).insert(panel);
      } catch (error) {
        if (isDuplicateKey(error, 'UQ_panels_round_name')) {
          throw new BadUserInput(
            JudgingReason.DUPLICATE_PANEL_NAME,
            `the round has a panel ${name}`,
          );
        }
        throw error;
      }
      await repo(this.dataSource, tx, PanelCategoryEntity).insert(
        categoryIds.map((categoryId, position) => ({ panelId: panel.id, categoryId, position })),
      );
      await repo(this.dataSource, tx, PanelJudgeEntity).insert(
        judgeIds.map((judgeId, position) => ({
          panelId: panel.id,
          judgeId,
          roundId: round.id,
          position,
        })),
      );
      await this.audit.append(tx, {
        eventId: round.eventId,
        action: 'panel.created',
        subjectType: 'Round',
        subjectId: round.id,
        detail: { panelId: panel.id, name, categoryIds, judgeIds },
      });
      return repo(this.dataSource, tx, PanelEntity).findOneByOrFail({ id: panel.id });
    });
  }

  panelsOf(ctx: RequestCtx, roundIds: readonly string[]): Promise<PanelEntity[]> {
    if (roundIds.length === 0) return Promise.resolve([]);
    return repo(this.dataSource, ctx, PanelEntity).find({
      where: { roundId: In([...roundIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  categoriesOf(ctx: RequestCtx, panelIds: readonly string[]): Promise<PanelCategoryEntity[]> {
    if (panelIds.length === 0) return Promise.resolve([]);
    return repo(this.dataSource, ctx, PanelCategoryEntity).find({
      where: { panelId: In([...panelIds]) },
      order: { panelId: 'ASC', position: 'ASC' },
    });
  }

  judgesOf(ctx: RequestCtx, panelIds: readonly string[]): Promise<PanelJudgeEntity[]> {
    if (panelIds.length === 0) return Promise.resolve([]);
    return repo(this.dataSource, ctx, PanelJudgeEntity).find({
      where: { panelId: In([...panelIds]) },
      order: { panelId: 'ASC', position: 'ASC' },
    });
  }

  /** Declared conflicts of these judges (the assignment reads them). */
  conflictsOf(ctx: RequestCtx, judgeIds: readonly string[]): Promise<ConflictEntity[]> {
    if (judgeIds.length === 0) return Promise.resolve([]);
    return repo(this.dataSource, ctx, ConflictEntity).findBy({ judgeId: In([...judgeIds]) });
  }
}

export function assertOrganiser(ctx: RequestCtx): void {
  if (!isOrganiser(ctx.viewer)) {
    throw new Forbidden(
      CommonReason.ROLE_NOT_ALLOWED,
      'only organisers set up panels and conflicts',
    );
  }
}
