import { BadUserInput, RequestCtx, Role } from '@app/core';
import type { CategoryEntity } from '@app/events';
import type { UserEntity } from '@app/identity';
import { JudgingReason } from '../judging.errors';
import { RoundEntity } from '../round/round.entity';
import { leavesCovered } from './panel-leaves';
import { PanelCategoryEntity, PanelJudgeEntity } from './panel.entity';

const TEXT_MAX = 200;

/** A panel's name, judges and categories as asked: trimmed, each id once, in the order given. */
export interface PanelSetup {
  name: string;
  categoryIds: string[];
  judgeIds: string[];
}

/** The name, trimmed: NAME_REQUIRED unless 1 to 200 characters. */
export function panelName(raw: string | null | undefined): string {
  const name = (raw ?? '').trim();
  if (name === '' || name.length > TEXT_MAX) {
    throw new BadUserInput(JudgingReason.NAME_REQUIRED, `a name of 1 to ${TEXT_MAX} characters`);
  }
  return name;
}

/** Each id once; CATEGORIES_REQUIRED / JUDGES_REQUIRED for an empty list. */
export function panelMembers(
  categoryIds: readonly string[],
  judgeIds: readonly string[],
): Pick<PanelSetup, 'categoryIds' | 'judgeIds'> {
  const categories = [...new Set(categoryIds)];
  const judges = [...new Set(judgeIds)];
  if (categories.length === 0) {
    throw new BadUserInput(
      JudgingReason.CATEGORIES_REQUIRED,
      'a panel covers at least one category',
    );
  }
  if (judges.length === 0) {
    throw new BadUserInput(JudgingReason.JUDGES_REQUIRED, 'a panel has at least one judge');
  }
  return { categoryIds: categories, judgeIds: judges };
}

/** What the checks read, inside the caller's transaction with the round locked. */
export interface PanelSetupFacts {
  /** the categories of the round's event */
  categories: readonly CategoryEntity[];
  /** the users named as judges */
  users: readonly UserEntity[];
  /** the categories given to the round's other panels */
  otherCategories: readonly PanelCategoryEntity[];
  /** seats the named judges hold on the round's other panels */
  otherSeats: readonly PanelJudgeEntity[];
  /** judges already on this panel (an edit): their seats stand even when deactivated since */
  seatedHere: ReadonlySet<string>;
}

/**
 * What a panel of a round may be given, for createPanel and updatePanel alike (in this order):
 * categories of the round's event (CATEGORY_NOT_IN_EVENT), JUDGE users (NOT_A_JUDGE), active
 * ones (JUDGE_INACTIVE: a deactivated judge joins no panel; one seated before it was
 * deactivated keeps its seat, its assignments are the organiser's to move), leaves no other
 * panel covers (CATEGORY_IN_TWO_PANELS) and judges on no other panel (JUDGE_IN_TWO_PANELS).
 */
export function checkPanelSetup(setup: PanelSetup, facts: PanelSetupFacts): void {
  const known = new Set(facts.categories.map((c) => c.id));
  const foreign = setup.categoryIds.filter((id) => !known.has(id));
  if (foreign.length > 0) {
    throw new BadUserInput(
      JudgingReason.CATEGORY_NOT_IN_EVENT,
      'every category of a panel is a category of the round’s event',
      { categoryIds: foreign },
    );
  }
  const byId = new Map(facts.users.map((u) => [u.id, u]));
  const notJudges = setup.judgeIds.filter((id) => byId.get(id)?.role !== Role.JUDGE);
  if (notJudges.length > 0) {
    throw new BadUserInput(JudgingReason.NOT_A_JUDGE, 'every member of a panel is a JUDGE user', {
      judgeIds: notJudges,
    });
  }
  const inactive = setup.judgeIds.filter(
    (id) => !byId.get(id)!.active && !facts.seatedHere.has(id),
  );
  if (inactive.length > 0) {
    throw new BadUserInput(
      JudgingReason.JUDGE_INACTIVE,
      'a deactivated judge joins no panel; reactivate the account first',
      { judgeIds: inactive },
    );
  }
  const mine = leavesCovered(facts.categories, setup.categoryIds);
  const taken = leavesCovered(
    facts.categories,
    facts.otherCategories.map((c) => c.categoryId),
  );
  const overlap = [...mine].filter((id) => taken.has(id));
  if (overlap.length > 0) {
    throw new BadUserInput(
      JudgingReason.CATEGORY_IN_TWO_PANELS,
      'a category is already covered by another panel of this round',
      { categoryIds: overlap },
    );
  }
  if (facts.otherSeats.length > 0) {
    throw new BadUserInput(
      JudgingReason.JUDGE_IN_TWO_PANELS,
      'a judge sits on one panel of a round',
      {
        judgeIds: facts.otherSeats.map((s) => s.judgeId),
      },
    );
  }
}

/** Reads PanelSetupFacts; `self` is the panel being edited (null for a new one). */
export async function readPanelSetupFacts(
  tx: RequestCtx,
  deps: {
    categoriesOf: (tx: RequestCtx, eventIds: string[]) => Promise<CategoryEntity[]>;
    usersOf: (tx: RequestCtx, ids: string[]) => Promise<UserEntity[]>;
  },
  round: RoundEntity,
  self: string | null,
  judgeIds: readonly string[],
): Promise<PanelSetupFacts> {
  const manager = tx.manager!;
  const [categories, users, seats] = await Promise.all([
    deps.categoriesOf(tx, [round.eventId]),
    deps.usersOf(tx, [...judgeIds]),
    manager.getRepository(PanelJudgeEntity).findBy({ roundId: round.id }),
  ]);
  const panelCategories = await manager
    .getRepository(PanelCategoryEntity)
    .createQueryBuilder('pc')
    .innerJoin('panels', 'p', 'p.id = pc.panel_id')
    .where('p.round_id = :roundId', { roundId: round.id })
    .getMany();
  const named = new Set(judgeIds);
  return {
    categories,
    users,
    otherCategories: panelCategories.filter((c) => c.panelId !== self),
    otherSeats: seats.filter((s) => s.panelId !== self && named.has(s.judgeId)),
    seatedHere: new Set(seats.filter((s) => s.panelId === self).map((s) => s.judgeId)),
  };
}
