import { getNullableType, isListType } from 'graphql';
import type { ComplexityEstimator } from 'graphql-query-complexity';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from '@app/audit';
import { PAGE_SIZE } from '@app/entries';

/**
 * What a list costs (docs/decisions.md, "GraphQL cost: lists count by their size"). A field
 * costs 1 plus what it selects; a list field costs 1 plus what it selects times the number of
 * items it is counted at, so the cost estimates how many values the answer can hold before
 * anything runs, and a hundred aliases of a long list cost a hundred long lists.
 *
 * - A paged list (an argument `first`) counts at its page size: `first` when given, clamped to
 *   the page sizes the field accepts (a size outside them is the resolver's INVALID_PAGE_SIZE,
 *   not a cost refusal), else its default page.
 * - Any other list counts at the size a full one has in a large event (LIST_SIZES), or
 *   DEFAULT_LIST_SIZE when nobody said (deliberately large). The sizes are estimates, not limits: a longer list is
 *   still answered; they only have to make a legitimate query cheap and a pile of aliases dear.
 *
 * `apps/api/src/graphql/list-cost.spec.ts` checks that every key names a list field of the schema
 * and that every operation the web app sends costs at most half of MAX_QUERY_COST at these sizes.
 */

/** The argument that sets a page's size; a variable given to it can change an operation's cost. */
export const PAGE_SIZE_ARGUMENT = 'first';

/** Lists paged by `first`, by `Type.field`: the page when `first` is left out, and the largest. */
export const PAGED_LISTS: Readonly<Record<string, { default: number; max: number }>> = {
  // The connection as a whole counts per item (totalCount and pageInfo with it: a little over).
  'Query.entries': PAGE_SIZE,
  'Query.auditLog': { default: AUDIT_PAGE_DEFAULT, max: AUDIT_PAGE_MAX },
};

/**
 * A list nobody sized counts as this many items: on the dear side, so that a new list is never
 * the cheap way to a large answer. Every operation of the web app is held to half the limit
 * (list-cost.spec.ts): a screen that a new list makes too dear fails that test, and the list
 * gets its real size in LIST_SIZES.
 */
export const DEFAULT_LIST_SIZE = 50;

/** The other lists of object types, by `Type.field`: how many items a full one holds. */
export const LIST_SIZES: Readonly<Record<string, number>> = {
  // Query and Mutation
  'Query.events': 20,
  'Query.regions': 400, // prefecture-level cities of every province
  'Query.users': 200,
  'Query.myRounds': 5,
  'Query.myAssignments': 50, // a judge's load in one round
  'Query.myEntries': 10, // maxEntriesPerEntrant's default
  'Query.publishedResults': 5, // NOTICE and FINAL lists of an event's rounds, with versions
  'Query.roundResults': 200,
  'Mutation.upsertRegions': 400, // as many as were sent
  'Mutation.reorderImages': 8, // maxImagesPerEntry's default
  // Events, categories, rounds, panels
  'Event.categories': 10,
  'Category.children': 5,
  'Event.rounds': 3,
  'Round.awardTiers': 4,
  'Round.criteria': 6,
  'Round.judgeProgress': 20,
  'Round.panels': 5,
  'Panel.categories': 5,
  'Panel.judges': 5,
  'ScoreSheet.scores': 6, // one per criterion
  // Entries and photos
  'EntryConnection.edges': 1, // counted by Query.entries' page size already
  'Entry.images': 8,
  'Image.renditions': 3, // THUMB, MEDIUM, LARGE
  'EntrySummary.byStatus': 6, // one per entry status
  'EntrySummary.byCategory': 20,
  'EntryCategoryCount.byStatus': 6,
  // Results and publications
  'EntryResult.criterionScores': 6,
  'RoundQuality.judges': 20,
  'RoundQuality.panels': 5,
  'RoundQuality.cusps': 10,
  'PanelQuality.icc': 6, // the six intraclass correlations at most
  'RoundAgreement.icc': 6,
  'RoundWhatIf.methods': 5, // the four aggregations and the judge-bias model
  'RoundWhatIf.entries': 200, // as roundResults; the screen asks for the changing ones only
  'WhatIfEntry.outcomes': 5, // one per method
  'RoundWhatIf.judgeBiases': 20, // as RoundQuality.judges
  'Publication.items': 200, // every ranked entry of a round
  'Publication.objections': 10,
  'PublicationChanges.changes': 20,
  'PublicationChanges.auditRecords': 20,
};

function pageSize(first: unknown, page: { default: number; max: number }): number {
  if (typeof first !== 'number' || !Number.isFinite(first)) return page.default;
  return Math.min(Math.max(Math.trunc(first), 1), page.max);
}

/**
 * The estimator for graphql-query-complexity: list fields as above; any other field is left to
 * the next estimator (1 plus its selection).
 */
export function listCostEstimator(): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const key = `${type.name}.${field.name}`;
    const paged = PAGED_LISTS[key];
    if (paged) return 1 + pageSize(args[PAGE_SIZE_ARGUMENT], paged) * childComplexity;
    if (!isListType(getNullableType(field.type))) return undefined;
    // A list of scalars or enums has no selection (childComplexity 0): it costs 1, as a leaf.
    return 1 + (LIST_SIZES[key] ?? DEFAULT_LIST_SIZE) * childComplexity;
  };
}
