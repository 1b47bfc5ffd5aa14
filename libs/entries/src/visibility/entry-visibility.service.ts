import { Inject, Injectable, Optional } from '@nestjs/common';
import { RequestCtx, Role } from '@app/core';
import { mayViewEntry } from '../entry/entry-access';
import { ENTRY_JUDGE_VIEW, EntryJudgeView } from '../entry/entry-ports';
import { EntryQueryService } from '../entry/entry-query.service';
import { EntryEntity } from '../entry/entry.entity';

/**
 * What each role sees of an entry (docs/roles-and-rules.md, "Who sees an entry"), in one place:
 *
 * | viewer                                              | sees the entry | as     |
 * | --------------------------------------------------- | -------------- | ------ |
 * | ADMIN, ORGANISER                                    | yes            | FULL   |
 * | COORDINATOR of the entry's region                   | yes            | FULL   |
 * | the ENTRANT that filed it                           | yes            | FULL   |
 * | JUDGE assigned it in an open round that is not blind| yes            | FULL   |
 * | JUDGE assigned it only in blind rounds              | yes            | BLIND  |
 * | anyone else (another entrant or region, the public) | no (NOT_FOUND) | —      |
 *
 * Who sees an entry at all, for every role but judges, is `mayViewEntry`; a judge's facts
 * (its assignments, whether their rounds are blind) come from judging through the
 * ENTRY_JUDGE_VIEW port. Resolvers ask this service and decide nothing themselves.
 */
export type EntrySight = 'FULL' | 'BLIND';

/**
 * What a judge in a blind round is not shown of an entry: what names the entrant. The one list.
 * `entrant` is a field resolved through a loader (null when hidden); the lists come empty.
 *
 * Still shown in a blind round although they may locate or identify the entrant: `regionCode`
 * and `patentNumbers` (with `patented`). Unchanged here on purpose (the contract and the tests
 * expect them); hiding them is a decision for the security review — add them to this list.
 */
export const HIDDEN_IN_BLIND_ROUND = ['entrant', 'creators'] as const;
export type BlindHiddenField = (typeof HIDDEN_IN_BLIND_ROUND)[number];

/** Whether a viewer who sees an entry with `sight` is shown this field (unset: FULL). */
export function shows(sight: EntrySight | undefined, field: BlindHiddenField): boolean {
  return sight !== 'BLIND' || !(HIDDEN_IN_BLIND_ROUND as readonly string[]).includes(field);
}

/** The entry as `sight` allows: the hidden lists empty, `sight` kept for its field resolvers. */
export function asSeen<T extends { creators: string[]; sight?: EntrySight }>(
  entry: T,
  sight: EntrySight,
): T {
  return { ...entry, sight, creators: shows(sight, 'creators') ? entry.creators : [] };
}

/** How a judge assigned an entry in this round sees it. */
export function sightInRound(round: { blind: boolean }): EntrySight {
  return round.blind ? 'BLIND' : 'FULL';
}

@Injectable()
export class EntryVisibilityService {
  constructor(
    private readonly queries: EntryQueryService,
    @Optional() @Inject(ENTRY_JUDGE_VIEW) private readonly judgeView: EntryJudgeView | null,
  ) {}

  /**
   * The entry with how this viewer sees it; null when it may not see it at all (NOT_FOUND to
   * it: existence is not revealed). A judge's assignments are asked before the entry is read.
   */
  async visible(
    ctx: RequestCtx,
    id: string,
  ): Promise<{ entry: EntryEntity; sight: EntrySight } | null> {
    if (ctx.viewer?.role === Role.JUDGE) {
      // Only an entry it holds an assignment of in a round no longer DRAFT; BLIND when every
      // such round is blind.
      const view = this.judgeView ? await this.judgeView.viewOf(ctx, id) : null;
      if (!view) return null;
      const [entry] = await this.queries.byIds(ctx, [id]);
      return entry ? { entry, sight: sightInRound(view) } : null;
    }
    const [entry] = await this.queries.byIds(ctx, [id]);
    return entry && mayViewEntry(ctx.viewer, entry) ? { entry, sight: 'FULL' } : null;
  }

  /** How a judge sees an entry it is assigned in this round (its assignment list). */
  inRound(round: { blind: boolean }): EntrySight {
    return sightInRound(round);
  }
}
