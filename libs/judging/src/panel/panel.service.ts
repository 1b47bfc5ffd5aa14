import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, Forbidden, RequestCtx, Role, CommonReason } from '@app/core';
import { inTransaction, isDuplicateKey, repo } from '@app/db';
import { CategoryService } from '@app/events';
import { isOrganiser, UserService } from '@app/identity';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from '../round/round-enums';
import { RoundService } from '../round/round.service';
import { leavesCovered } from './panel-leaves';
import { ConflictEntity, PanelCategoryEntity, PanelEntity, PanelJudgeEntity } from './panel.entity';

const TEXT_MAX = 200;
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

  async create(ctx: RequestCtx, input: NewPanel): Promise<PanelEntity> {
    assertOrganiser(ctx);
    const name = (input.name ?? '').trim();
    if (name === '' || name.length > TEXT_MAX) {
      throw new BadUserInput(JudgingReason.NAME_REQUIRED, `a name of 1 to ${TEXT_MAX} characters`);
    }
    const categoryIds = [...new Set(input.categoryIds)];
    const judgeIds = [...new Set(input.judgeIds)];
    if (categoryIds.length === 0) {
      throw new BadUserInput(
        JudgingReason.CATEGORIES_REQUIRED,
        'a panel covers at least one category',
      );
    }
    if (judgeIds.length === 0) {
      throw new BadUserInput(JudgingReason.JUDGES_REQUIRED, 'a panel has at least one judge');
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const round = await this.rounds.lockForChange(tx, input.roundId);
      if (round.status === RoundStatus.CLOSED || round.status === RoundStatus.TABULATED) {
        throw new Conflict(JudgingReason.ROUND_CLOSED, `the round is ${round.status}`);
      }
      const all = await this.categories.ofEvents(tx, [round.eventId]);
      const known = new Set(all.map((c) => c.id));
      const foreign = categoryIds.filter((id) => !known.has(id));
      if (foreign.length > 0) {
        throw new BadUserInput(
          JudgingReason.CATEGORY_NOT_IN_EVENT,
          'every category of a panel is a category of the round’s event',
          { categoryIds: foreign },
        );
      }
      const judges = await this.users.byIds(tx, judgeIds);
      const notJudges = judgeIds.filter(
        (id) => !judges.some((user) => user.id === id && user.role === Role.JUDGE),
      );
      if (notJudges.length > 0) {
        throw new BadUserInput(
          JudgingReason.NOT_A_JUDGE,
          'every member of a panel is a JUDGE user',
          {
            judgeIds: notJudges,
          },
        );
      }
      const others = await this.panelsOf(tx, [round.id]);
      const otherCategories = await this.categoriesOf(
        tx,
        others.map((p) => p.id),
      );
      const mine = leavesCovered(all, categoryIds);
      const taken = leavesCovered(
        all,
        otherCategories.map((c) => c.categoryId),
      );
      const overlap = [...mine].filter((id) => taken.has(id));
      if (overlap.length > 0) {
        throw new BadUserInput(
          JudgingReason.CATEGORY_IN_TWO_PANELS,
          'a category is already covered by another panel of this round',
          { categoryIds: overlap },
        );
      }
      const seated = await repo(this.dataSource, tx, PanelJudgeEntity).findBy({
        roundId: round.id,
        judgeId: In(judgeIds),
      });
      if (seated.length > 0) {
        throw new BadUserInput(
          JudgingReason.JUDGE_IN_TWO_PANELS,
          'a judge sits on one panel of a round',
          { judgeIds: seated.map((s) => s.judgeId) },
        );
      }
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

function assertOrganiser(ctx: RequestCtx): void {
  if (!isOrganiser(ctx.viewer)) {
    throw new Forbidden(
      CommonReason.ROLE_NOT_ALLOWED,
      'only organisers set up panels and conflicts',
    );
  }
}
