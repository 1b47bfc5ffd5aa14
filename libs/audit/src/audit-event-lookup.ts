import type { RequestCtx } from '@app/core';

/**
 * The port through which audit asks whether an event exists, without depending on events (the
 * events lib provides it: `AuditGraphqlModule.register({ imports, useExisting })`).
 */
export const AUDIT_EVENT_LOOKUP = Symbol('AUDIT_EVENT_LOOKUP');

export interface AuditEventLookup {
  eventExists(ctx: RequestCtx, eventId: string): Promise<boolean>;
}
