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
 *
 * BLIND: the work without its entrant (BLIND_ROUND_FIELDS below).
 * | anyone else (another entrant or region, the public) | no (NOT_FOUND) | —      |
 *
 * Who sees an entry at all, for every role but judges, is `mayViewEntry`; a judge's facts
 * (its assignments, whether their rounds are blind) come from judging through the
 * ENTRY_JUDGE_VIEW port. Resolvers ask this service and decide nothing themselves.
 */
export type EntrySight = 'FULL' | 'BLIND';

/**
 * Every field of the API's `Entry`, and what a judge in a blind round is shown of it: the work
 * (its exhibit code, what it is, its photos), never what names or locates its entrant. A field
 * is SHOWN, or HIDDEN with the value that stands in for it (`null`, `[]`; `regionCode`, a
 * non-null String in the contract, is `''`). `entrant` and `category` are resolved through
 * loaders; `shows(sight, 'entrant')` decides the first.
 *
 * Complete on purpose: entry-visibility.spec fails when `Entry` in apps/api/schema.gql has a
 * field this table does not list, so a field added later is decided here before it ships.
 */
export const BLIND_ROUND_FIELDS = {
  id: 'SHOWN',
  eventId: 'SHOWN',
  code: 'SHOWN',
  status: 'SHOWN',
  title: 'SHOWN',
  description: 'SHOWN',
  materials: 'SHOWN',
  techniques: 'SHOWN',
  dimensions: 'SHOWN',
  itemCount: 'SHOWN',
  yearCreated: 'SHOWN',
  category: 'SHOWN',
  images: 'SHOWN',
  submittedAt: 'SHOWN',
  /** yes/no only: whether the entry lists a patent, which the criteria may ask about */
  patented: 'SHOWN',
  entrant: { hidden: null },
  creators: { hidden: [] },
  /** the region locates the entrant (a county's only porcelain works) */
  regionCode: { hidden: '' },
  /** a patent number names its holder in the public register */
  patentNumbers: { hidden: [] },
  /** the organisers' screening note may name the entrant */
  screeningReason: { hidden: null },
} as const satisfies Record<string, 'SHOWN' | { hidden: null | readonly [] | '' }>;

type BlindField = keyof typeof BLIND_ROUND_FIELDS;
type HiddenField = {
  [F in BlindField]: (typeof BLIND_ROUND_FIELDS)[F] extends 'SHOWN' ? never : F;
}[BlindField];

/** The fields a blind round's judge is not shown. */
export const HIDDEN_IN_BLIND_ROUND = (Object.keys(BLIND_ROUND_FIELDS) as BlindField[]).filter(
  (field) => BLIND_ROUND_FIELDS[field] !== 'SHOWN',
) as HiddenField[];

/** Whether a viewer who sees an entry with `sight` is shown this field (unset: FULL). */
export function shows(sight: EntrySight | undefined, field: BlindField): boolean {
  return sight !== 'BLIND' || BLIND_ROUND_FIELDS[field] === 'SHOWN';
}

/** The entry as `sight` allows: each hidden field replaced by its stand-in, `sight` kept. */
export function asSeen<T extends object & { sight?: EntrySight }>(entry: T, sight: EntrySight): T {
  const seen: Record<string, unknown> = { ...entry, sight };
  if (sight === 'BLIND') {
    for (const field of HIDDEN_IN_BLIND_ROUND) {
      if (field in seen) {
        const { hidden } = BLIND_ROUND_FIELDS[field] as { hidden: unknown };
        seen[field] = Array.isArray(hidden) ? [] : hidden;
      }
    }
  }
  return seen as T;
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
