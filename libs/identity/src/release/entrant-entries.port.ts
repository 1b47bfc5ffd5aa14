import type { RequestCtx } from '@app/core';

/**
 * The port through which identity asks how many of an entrant's entries are in play, without
 * depending on entries (which sits above it): the API binds it to the entries lib's answer
 * (`CreditCodeReleaseModule.register({ imports, useExisting })`, as audit's event lookup).
 */
export const ENTRANT_ENTRIES = Symbol('ENTRANT_ENTRIES');

export interface EntrantEntries {
  /**
   * How many of the entrant's entries are SUBMITTED or ACCEPTED (being screened, judged or
   * awarded), read in the caller's transaction.
   */
  entriesInPlay(ctx: RequestCtx, entrantId: string): Promise<number>;
}
