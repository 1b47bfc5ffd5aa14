/** Why an audit operation was refused (extensions.reason). */
export const AuditReason = {
  /** `first` outside 1..1000. */
  INVALID_PAGE_SIZE: 'INVALID_PAGE_SIZE',
  /** `after` names no record of that event's chain. */
  INVALID_CURSOR: 'INVALID_CURSOR',
  /** The eventId names no event (answered by the resolver through AuditEventLookup). */
  EVENT_NOT_FOUND: 'EVENT_NOT_FOUND',
} as const;
export type AuditReason = (typeof AuditReason)[keyof typeof AuditReason];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainErrorReasons extends Record<AuditReason, true> {}
}
