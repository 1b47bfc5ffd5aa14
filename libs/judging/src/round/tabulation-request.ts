/**
 * What names one close of a round, for its tabulation: the moment of the close (the round's
 * `updatedAt` as the close left it; a CLOSED round changes no more until it is tabulated or
 * reopened). closeRound queues the job under this id and the sweep re-queues under the same
 * one, so a job that is merely late is not doubled; the results library stores the key with
 * the version it makes, unique per round.
 */
export function closeRequestKey(closedAt: Date): string {
  return `close-${closedAt.getTime()}`;
}

/** BullMQ job id of the tabulation of one close (no ':', which BullMQ refuses). */
export function tabulationJobId(roundId: string, closedAt: Date): string {
  return `tabulate-${roundId}-${closeRequestKey(closedAt)}`;
}
