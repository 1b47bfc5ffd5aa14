import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, Not } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, NotFound, RequestCtx } from '@app/core';
import { inTransaction, isDuplicateKey } from '@app/db';
import { EntryQueryService } from '@app/entries';
import type { CategoryEntity } from '@app/events';
import type { UserEntity } from '@app/identity';
import { AssignmentEntity } from '../assignment/assignment.entity';
import { AssignmentStatus } from '../assignment/assignment-status';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from '../round/round-enums';
import { RoundEntity } from '../round/round.entity';
import { RoundService } from '../round/round.service';
import { leavesCovered } from './panel-leaves';
import { checkPanelSetup, panelMembers, panelName, readPanelSetupFacts } from './panel-setup';
import { PanelCategoryEntity, PanelEntity, PanelJudgeEntity } from './panel.entity';
import { assertOrganiser, PanelService } from './panel.service';

/** What updatePanel changes: a field left out (null) stays as it is. */
export interface PanelChange {
  name?: string | null;
  categoryIds?: readonly string[] | null;
  judgeIds?: readonly string[] | null;
}

/**
 * `updatePanel`: a panel's name, judges and categories after its creation, by the round's
 * status (docs/roles-and-rules.md, Rounds; docs/decisions.md):
 * - DRAFT: anything, by the same checks as a new panel. The draft assignments the change
 *   leaves without ground (held by a judge who leaves, or of an entry whose category leaves)
 *   are deleted; the next `assignJudges` fills the gaps.
 * - OPEN: the same, except that work in progress never vanishes: a judge who still holds
 *   PENDING or SUBMITTED assignments stays (JUDGE_HAS_ASSIGNMENTS: move them first), and so does
 *   a category with such assignments (CATEGORY_HAS_ASSIGNMENTS). A judge or category whose
 *   assignments are all RECUSED may go; the recused rows stay, as history.
 * - CLOSED, TABULATED: ROUND_CLOSED.
 * Under the round's lock (`RoundService.lockForChange`), so two edits, an edit and a move, or an
 * edit and a top-up take turns; audited as `panel.updated` with what changed.
 */
@Injectable()
export class PanelEditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly panels: PanelService,
    private readonly entries: EntryQueryService,
    private readonly audit: AuditService,
  ) {}

  async update(ctx: RequestCtx, id: string, change: PanelChange): Promise<PanelEntity> {
    assertOrganiser(ctx);
    // Read outside the transaction: a panel never changes round, and a plain read inside it
    // before the locks would fix its snapshot before the wait (see lockForChange).
    const found = await this.dataSource.getRepository(PanelEntity).findOneBy({ id });
    if (!found) throw new NotFound(JudgingReason.PANEL_NOT_FOUND, `no panel ${id}`);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const round = await this.rounds.lockForChange(tx, found.roundId);
      if (round.status === RoundStatus.CLOSED || round.status === RoundStatus.TABULATED) {
        throw new Conflict(JudgingReason.ROUND_CLOSED, `the round is ${round.status}`);
      }
      const manager = tx.manager!;
      const panel = await manager.getRepository(PanelEntity).findOneBy({ id });
      if (!panel) throw new NotFound(JudgingReason.PANEL_NOT_FOUND, `no panel ${id}`);
      const before = await this.membersOf(tx, id);
      const name = change.name == null ? panel.name : panelName(change.name);
      const next = panelMembers(
        change.categoryIds ?? before.categoryIds,
        change.judgeIds ?? before.judgeIds,
      );
      const facts = await readPanelSetupFacts(
        tx,
        this.panels.setupReaders,
        round,
        id,
        next.judgeIds,
      );
      checkPanelSetup({ name, ...next }, facts);

      const leavingJudges = before.judgeIds.filter((j) => !next.judgeIds.includes(j));
      const leavingLeaves = difference(
        leavesCovered(facts.categories, before.categoryIds),
        leavesCovered(facts.categories, next.categoryIds),
      );
      const held = await this.heldAssignments(tx, id, leavingJudges, leavingLeaves);
      if (round.status === RoundStatus.OPEN && held.judges.length + held.entries.length > 0) {
        const holders = await this.panels.setupReaders.usersOf(tx, [
          ...new Set(held.judges.map((a) => a.judgeId)),
        ]);
        refuseVanishingWork(held, before.categoryIds, { ...facts, holders });
      }

      if (name !== panel.name) await this.rename(tx, panel, name);
      await this.seat(tx, round, id, next);
      const dropped = held.judges.length + held.entries.length;
      if (dropped > 0) {
        await manager.getRepository(AssignmentEntity).delete({
          id: In([...new Set([...held.judges, ...held.entries].map((a) => a.id))]),
        });
      }
      await this.audit.append(tx, {
        eventId: round.eventId,
        action: 'panel.updated',
        subjectType: 'Round',
        subjectId: round.id,
        detail: {
          panelId: id,
          ...(name !== panel.name && { name: { from: panel.name, to: name } }),
          ...(!sameList(before.categoryIds, next.categoryIds) && {
            categoryIds: { from: before.categoryIds, to: next.categoryIds },
          }),
          ...(!sameList(before.judgeIds, next.judgeIds) && {
            judgeIds: { from: before.judgeIds, to: next.judgeIds },
          }),
          ...(dropped > 0 && { draftAssignmentsDeleted: dropped }),
        },
      });
      return manager.getRepository(PanelEntity).findOneByOrFail({ id });
    });
  }

  private async membersOf(tx: RequestCtx, panelId: string) {
    const [categories, judges] = await Promise.all([
      this.panels.categoriesOf(tx, [panelId]),
      this.panels.judgesOf(tx, [panelId]),
    ]);
    return {
      categoryIds: categories.map((c) => c.categoryId),
      judgeIds: judges.map((j) => j.judgeId),
    };
  }

  /**
   * The panel's assignments (not RECUSED) that the change would leave without ground: those of
   * judges leaving, and those of entries in leaves the panel no longer covers.
   */
  private async heldAssignments(
    tx: RequestCtx,
    panelId: string,
    leavingJudges: readonly string[],
    leavingLeaves: ReadonlySet<string>,
  ): Promise<{
    judges: AssignmentEntity[];
    entries: AssignmentEntity[];
    categoryOf: Map<string, string>;
  }> {
    const assignments = tx.manager!.getRepository(AssignmentEntity);
    const notRecused = Not(AssignmentStatus.RECUSED);
    const judges =
      leavingJudges.length === 0
        ? []
        : await assignments.findBy({
            panelId,
            judgeId: In([...leavingJudges]),
            status: notRecused,
          });
    if (leavingLeaves.size === 0) return { judges, entries: [], categoryOf: new Map() };
    const all = await assignments.find({
      select: { id: true, entryId: true, judgeId: true, status: true },
      where: { panelId, status: notRecused },
    });
    const entryIds = [...new Set(all.map((a) => a.entryId))];
    const categoryOf = new Map(
      (await this.entries.byIds(tx, entryIds)).map((e) => [e.id, e.categoryId]),
    );
    const entries = all.filter((a) => leavingLeaves.has(categoryOf.get(a.entryId) ?? ''));
    return { judges, entries, categoryOf };
  }

  private async rename(tx: RequestCtx, panel: PanelEntity, name: string): Promise<void> {
    try {
      await tx.manager!.getRepository(PanelEntity).update({ id: panel.id }, { name });
    } catch (error) {
      if (isDuplicateKey(error, 'UQ_panels_round_name')) {
        throw new BadUserInput(JudgingReason.DUPLICATE_PANEL_NAME, `the round has a panel ${name}`);
      }
      throw error;
    }
  }

  /** The panel's categories and judges become exactly `next`, in its order. */
  private async seat(
    tx: RequestCtx,
    round: RoundEntity,
    panelId: string,
    next: { categoryIds: string[]; judgeIds: string[] },
  ): Promise<void> {
    const manager = tx.manager!;
    await manager.getRepository(PanelCategoryEntity).delete({ panelId });
    await manager
      .getRepository(PanelCategoryEntity)
      .insert(next.categoryIds.map((categoryId, position) => ({ panelId, categoryId, position })));
    await manager.getRepository(PanelJudgeEntity).delete({ panelId });
    await manager.getRepository(PanelJudgeEntity).insert(
      next.judgeIds.map((judgeId, position) => ({
        panelId,
        judgeId,
        roundId: round.id,
        position,
      })),
    );
  }
}

/**
 * OPEN: JUDGE_HAS_ASSIGNMENTS for judges leaving with work, CATEGORY_HAS_ASSIGNMENTS for given
 * categories leaving with work (those whose leaves hold an assignment), with the counts.
 */
function refuseVanishingWork(
  held: {
    judges: AssignmentEntity[];
    entries: AssignmentEntity[];
    categoryOf: Map<string, string>;
  },
  givenBefore: readonly string[],
  facts: { categories: readonly CategoryEntity[]; holders: readonly UserEntity[] },
): void {
  if (held.judges.length > 0) {
    const judgeIds = [...new Set(held.judges.map((a) => a.judgeId))];
    throw new Conflict(
      JudgingReason.JUDGE_HAS_ASSIGNMENTS,
      'a judge who still holds PENDING or SUBMITTED assignments stays on the panel; move its pending assignments first',
      {
        judgeIds,
        // names for the organiser's screen (refusal.ts says "涉及：…"); organisers only call this
        names: judgeIds.map((id) => facts.holders.find((u) => u.id === id)?.name ?? id),
        pending: held.judges.filter((a) => a.status === AssignmentStatus.PENDING).length,
        submitted: held.judges.filter((a) => a.status === AssignmentStatus.SUBMITTED).length,
      },
    );
  }
  if (held.entries.length > 0) {
    const leaves = new Set(held.entries.map((a) => held.categoryOf.get(a.entryId)!));
    const categoryIds = givenBefore.filter((given) =>
      [...leavesCovered(facts.categories, [given])].some((leaf) => leaves.has(leaf)),
    );
    throw new Conflict(
      JudgingReason.CATEGORY_HAS_ASSIGNMENTS,
      'a category whose entries hold PENDING or SUBMITTED assignments stays with the panel',
      {
        categoryIds,
        names: categoryIds.map((id) => {
          const category = facts.categories.find((c) => c.id === id);
          return category ? `${category.code} ${category.name}` : id;
        }),
        assignments: held.entries.length,
      },
    );
  }
}

function difference(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((x) => !b.has(x)));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
