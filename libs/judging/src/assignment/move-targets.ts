import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { EntryQueryService } from '@app/entries';
import { CategoryService } from '@app/events';
import { UserService } from '@app/identity';
import { leavesCovered } from '../panel/panel-leaves';
import { ConflictEntity } from '../panel/panel.entity';
import { PanelService } from '../panel/panel.service';
import { RoundEntity } from '../round/round.entity';
import { AssignmentEntity } from './assignment.entity';
import { AssignmentStatus } from './assignment-status';
import { MoveTargetFacts } from './move-rules';

/**
 * What `whyNotMoveTo` decides on, read for an assignment and the judges it might go to (the
 * entry, the round's panels and the one covering the entry's category, the judges' accounts,
 * who holds the entry already, declared conflicts), and the judges' loads for the picker.
 */
@Injectable()
export class MoveTargets {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly panels: PanelService,
    private readonly categories: CategoryService,
    private readonly users: UserService,
    private readonly entries: EntryQueryService,
  ) {}

  /**
   * `whyNotMoveTo`'s facts for these judges and the assignment's entry; `locked` (the move)
   * reads the declared conflicts with a shared lock, so a conflict declared meanwhile either
   * waits for the move (and then recuses the moved assignment) or is seen by it.
   */
  async of(
    ctx: RequestCtx,
    round: RoundEntity,
    assignment: AssignmentEntity,
    judgeIds: readonly string[],
    locked = false,
  ): Promise<{ byJudge: Map<string, MoveTargetFacts>; coveringPanelId: string | null }> {
    const [[entry], categories, panels, users, holders] = await Promise.all([
      this.entries.byIds(ctx, [assignment.entryId]),
      this.categories.ofEvents(ctx, [round.eventId]),
      this.panels.panelsOf(ctx, [round.id]),
      this.users.byIds(ctx, judgeIds),
      repo(this.dataSource, ctx, AssignmentEntity).find({
        select: { judgeId: true },
        where: { roundId: round.id, entryId: assignment.entryId },
      }),
    ]);
    const panelIds = panels.map((p) => p.id);
    const [given, seats] = await Promise.all([
      this.panels.categoriesOf(ctx, panelIds),
      this.panels.judgesOf(ctx, panelIds),
    ]);
    const covering = panels.find((panel) =>
      leavesCovered(
        categories,
        given.filter((g) => g.panelId === panel.id).map((g) => g.categoryId),
      ).has(entry.categoryId),
    );
    const onCovering = new Set(
      seats.filter((s) => s.panelId === covering?.id).map((s) => s.judgeId),
    );
    const declared = new Set(
      (await this.declaredConflicts(ctx, judgeIds, entry.entrantId, locked)).map((c) => c.judgeId),
    );
    const held = new Set(holders.map((h) => h.judgeId));
    const byJudge = new Map(
      users.map((user): [string, MoveTargetFacts] => [
        user.id,
        {
          role: user.role,
          active: user.active,
          onCoveringPanel: onCovering.has(user.id),
          holdsEntry: held.has(user.id),
          conflict: {
            judgeAffiliationEntrantId: user.affiliationEntrantId,
            entrantId: entry.entrantId,
            declared: declared.has(user.id),
          },
        },
      ]),
    );
    return { byJudge, coveringPanelId: covering?.id ?? null };
  }

  private declaredConflicts(
    ctx: RequestCtx,
    judgeIds: readonly string[],
    entrantId: string,
    locked: boolean,
  ): Promise<ConflictEntity[]> {
    if (judgeIds.length === 0) return Promise.resolve([]);
    return repo(this.dataSource, ctx, ConflictEntity).find({
      where: { judgeId: In([...judgeIds]), entrantId },
      ...(locked && { lock: { mode: 'pessimistic_read' as const } }),
    });
  }

  async pendingOf(
    ctx: RequestCtx,
    roundId: string,
    judgeIds: readonly string[],
  ): Promise<Map<string, number>> {
    if (judgeIds.length === 0) return new Map();
    const rows = await repo(this.dataSource, ctx, AssignmentEntity)
      .createQueryBuilder('a')
      .select('a.judge_id', 'judgeId')
      .addSelect('COUNT(*)', 'n')
      .where('a.round_id = :roundId AND a.status = :status', {
        roundId,
        status: AssignmentStatus.PENDING,
      })
      .andWhere('a.judge_id IN (:...judgeIds)', { judgeIds })
      .groupBy('a.judge_id')
      .getRawMany<{ judgeId: string; n: string }>();
    return new Map(rows.map((r) => [r.judgeId, Number(r.n)]));
  }
}
