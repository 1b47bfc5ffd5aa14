import { BadUserInput, Conflict, DomainError, NotFound } from '@app/core';
import { EventEntity, EventStatus, submissionWindowState } from '@app/events';
import { EntriesReason } from '../entries.errors';
import { EntryActor } from './entry-access';

/**
 * The rules of filing an entry, one definition for one entry (`EntryService.create`, an entrant
 * or an organiser on its behalf) and for many (`EntryBatchService.createMany`, the import):
 * which events take entries from whom and when, which categories an entry may be filed in, and
 * how many live entries an entrant may hold. Pure: the facts are read under the event's lock by
 * `EntryStore.filingCheck`.
 */

export interface FilingProblem {
  field: 'categoryId' | 'entrantId';
  reason: EntriesReason;
  message: string;
}

export interface FilingItem {
  entrantId: string;
  categoryId: string;
}

export interface FilingFacts {
  /** The event's per-entrant limit of live entries (COUNTED_STATUSES). */
  limit: number;
  /** Every category of the event, with its parent. */
  categories: ReadonlyArray<{ id: string; code: string; parentId: string | null }>;
  /** The entrants that exist, by id, with the region their entries are filed under. */
  entrants: ReadonlyMap<string, { regionCode: string }>;
  /** Each entrant's live entries in the event before this filing. */
  live: ReadonlyMap<string, number>;
}

/**
 * Checks items one after another: each checked item counts towards its entrant's limit, so a
 * batch of 3 for an entrant with 4 of 5 reports the second and third.
 */
export class FilingCheck {
  private readonly inEvent: ReadonlyMap<string, { code: string }>;
  private readonly parents: ReadonlySet<string>;
  private readonly counted: Map<string, number>;

  constructor(private readonly facts: FilingFacts) {
    this.inEvent = new Map(facts.categories.map((c) => [c.id, c]));
    this.parents = new Set(facts.categories.flatMap((c) => (c.parentId ? [c.parentId] : [])));
    this.counted = new Map(facts.live);
  }

  /** The item's problems, category first; an item without problems is counted as filed. */
  problemsOf(item: FilingItem): FilingProblem[] {
    const problems = this.categoryProblems(item.categoryId);
    if (!this.facts.entrants.has(item.entrantId)) {
      return [
        ...problems,
        { field: 'entrantId', reason: EntriesReason.ENTRANT_NOT_FOUND, message: 'no such entrant' },
      ];
    }
    const count = (this.counted.get(item.entrantId) ?? 0) + 1;
    this.counted.set(item.entrantId, count);
    if (count > this.facts.limit) {
      problems.push({
        field: 'entrantId',
        reason: EntriesReason.TOO_MANY_ENTRIES,
        message: `an entrant may have at most ${this.facts.limit} entries in this event`,
      });
    }
    return problems;
  }

  /** Whether an entry may be filed in this category: a leaf category of the event. */
  categoryProblems(categoryId: string): FilingProblem[] {
    const category = this.inEvent.get(categoryId);
    if (!category) {
      return [
        {
          field: 'categoryId',
          reason: EntriesReason.CATEGORY_NOT_IN_EVENT,
          message: 'the category is not a category of this event',
        },
      ];
    }
    if (this.parents.has(categoryId)) {
      return [
        {
          field: 'categoryId',
          reason: EntriesReason.CATEGORY_NOT_LEAF,
          message: `${category.code} has sub-categories; choose one of them`,
        },
      ];
    }
    return [];
  }

  regionOf(entrantId: string): string {
    return this.facts.entrants.get(entrantId)!.regionCode;
  }
}

/** A filing problem as the error a single request answers (the batch lists them instead). */
export function filingError(problem: FilingProblem, limit: number): DomainError {
  switch (problem.reason) {
    case EntriesReason.ENTRANT_NOT_FOUND:
      return new NotFound(problem.reason, problem.message);
    case EntriesReason.TOO_MANY_ENTRIES:
      return new Conflict(problem.reason, problem.message, { limit });
    default:
      return new BadUserInput(problem.reason, problem.message, { field: problem.field });
  }
}

/**
 * Whether the event takes changes to entries from this actor now: organisers until the event
 * is archived, entrants inside the submission window of an open event.
 */
export function assertEventAllows(actor: EntryActor, event: EventEntity, now: Date): void {
  if (actor === 'ORGANISER') {
    if (event.status === EventStatus.ARCHIVED) {
      throw new Conflict(EntriesReason.EVENT_NOT_OPEN, 'the event is archived');
    }
    return;
  }
  const state = submissionWindowState(event, now);
  if (state === 'EVENT_NOT_OPEN') {
    throw new Conflict(
      EntriesReason.EVENT_NOT_OPEN,
      `the event is ${event.status}, not open for entries`,
    );
  }
  if (state === 'NOT_STARTED') {
    throw new Conflict(EntriesReason.SUBMISSION_NOT_STARTED, 'submissions have not opened yet', {
      opensAt: event.submissionOpensAt?.toISOString(),
    });
  }
  if (state === 'CLOSED') {
    throw new Conflict(EntriesReason.SUBMISSION_CLOSED, 'submissions have closed', {
      closedAt: event.submissionClosesAt?.toISOString(),
    });
  }
}
