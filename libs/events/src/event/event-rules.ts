import { EventStatus } from './event-status';

/**
 * The events domain's rules as pure functions: no clock (callers pass `now`), no database.
 */

export const EVENT_DEFAULTS = { maxEntriesPerEntrant: 10, maxImagesPerEntry: 8 } as const;
export const EVENT_LIMITS = {
  maxEntriesPerEntrant: 10_000,
  maxImagesPerEntry: 50,
  name: 200,
  categoryDepth: 4,
} as const;

/** URL-safe: lower-case letters, digits and single hyphens, 3–64 characters. */
export const SLUG = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,63}$/;

/** docs/roles-and-rules.md: category and exhibit codes use only A–Z, 0–9 and `-`. */
export const CODE = /^[A-Z0-9](?:[A-Z0-9-]{0,30}[A-Z0-9])?$/;

export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/** Who may move an event from one status to another: reopening a closed event is allowed. */
const TRANSITIONS: Readonly<Record<EventStatus, readonly EventStatus[]>> = {
  [EventStatus.DRAFT]: [EventStatus.OPEN],
  [EventStatus.OPEN]: [EventStatus.CLOSED],
  [EventStatus.CLOSED]: [EventStatus.OPEN, EventStatus.ARCHIVED],
  [EventStatus.ARCHIVED]: [],
};

export function canMoveEvent(from: EventStatus, to: EventStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export type SubmissionWindowState = 'OPEN' | 'EVENT_NOT_OPEN' | 'NOT_STARTED' | 'CLOSED';

/** Whether entrants may create, change, submit or withdraw entries right now. */
export function submissionWindowState(
  event: { status: EventStatus; submissionOpensAt: Date | null; submissionClosesAt: Date | null },
  now: Date,
): SubmissionWindowState {
  if (event.status !== EventStatus.OPEN) return 'EVENT_NOT_OPEN';
  if (event.submissionOpensAt && now < event.submissionOpensAt) return 'NOT_STARTED';
  if (event.submissionClosesAt && now >= event.submissionClosesAt) return 'CLOSED';
  return 'OPEN';
}
