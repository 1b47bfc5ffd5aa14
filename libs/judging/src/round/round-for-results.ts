import type { RoundStatus } from './round-enums';

/**
 * A round as results and publication see it (RoundsForResults): a plain model, not the entity.
 * Read with the round's row locked, inside the caller's transaction.
 */
export interface RoundForResults {
  id: string;
  eventId: string;
  status: RoundStatus;
  /** the last change of the round's row; for a CLOSED round, the moment of its close */
  updatedAt: Date;
  /** names this close for its tabulation (closeRequestKey of `updatedAt`) */
  closeRequestKey: string;
}

/** `close`: the job a close queues (only a CLOSED round); `retabulate`: an organiser's request. */
export type TabulationTrigger = 'close' | 'retabulate';

/** What the audit record of a tabulation says of the version it wrote. */
export interface TabulatedFigures {
  version: number;
  hash: string;
  entries: number;
  complete: number;
  sheets: number;
}

/** A round CLOSED with no tabulation yet, for the sweep that re-queues a lost job. */
export interface ClosedRound {
  id: string;
  closedAt: Date;
  closeRequestKey: string;
}

/** A round's panels, who sits on them and which panel holds each counted assignment. */
export interface RoundPanelFacts {
  /** ordered by name, then id */
  panels: Array<{ id: string; name: string }>;
  seats: Array<{ panelId: string; judgeId: string }>;
  /** the round's assignments that are not RECUSED */
  assignments: Array<{ entryId: string; panelId: string | null }>;
}
