import type { TabulationInputReason } from '@app/tabulation';

/** The reasons the results domain gives, beside the tabulation's refusals of a round's input. */
export const ResultsReason = {
  /** An export or figure asked of a round that has no tabulation yet. */
  NOT_TABULATED: 'NOT_TABULATED',
  /** The judge-quality margin is not a number in range. */
  INVALID_MARGIN: 'INVALID_MARGIN',
  /** A what-if asked of a round still DRAFT or OPEN: its sheets are not final yet. */
  ROUND_NOT_CLOSED: 'ROUND_NOT_CLOSED',
} as const;
export type ResultsReason = (typeof ResultsReason)[keyof typeof ResultsReason];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainErrorReasons extends Record<ResultsReason | TabulationInputReason, true> {}
}
