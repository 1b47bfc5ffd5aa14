/** The reasons the events domain gives, as they reach clients in `extensions.reason`. */
export const EventsReason = {
  // BAD_USER_INPUT
  INVALID_SLUG: 'INVALID_SLUG',
  INVALID_NAME: 'INVALID_NAME',
  INVALID_WINDOW: 'INVALID_WINDOW',
  INVALID_LIMIT: 'INVALID_LIMIT',
  INVALID_CODE: 'INVALID_CODE',
  EVENT_REQUIRED: 'EVENT_REQUIRED',
  PARENT_NOT_IN_EVENT: 'PARENT_NOT_IN_EVENT',
  TOO_DEEP: 'TOO_DEEP',
  // NOT_FOUND
  EVENT_NOT_FOUND: 'EVENT_NOT_FOUND',
  CATEGORY_NOT_FOUND: 'CATEGORY_NOT_FOUND',
  // CONFLICT
  SLUG_TAKEN: 'SLUG_TAKEN',
  DUPLICATE_CODE: 'DUPLICATE_CODE',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  EVENT_ARCHIVED: 'EVENT_ARCHIVED',
  CATEGORY_HAS_ENTRIES: 'CATEGORY_HAS_ENTRIES',
  EVENT_HAS_NO_CATEGORIES: 'EVENT_HAS_NO_CATEGORIES',
} as const;
export type EventsReason = (typeof EventsReason)[keyof typeof EventsReason];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainErrorReasons extends Record<EventsReason, true> {}
}
