/**
 * Why an input was refused. The caller maps every one to BAD_USER_INPUT with this reason
 * (judging-rules.md §1, §5, §10); the library itself knows nothing of GraphQL.
 */
export type TabulationInputReason =
  | 'SCORE_OUT_OF_RANGE'
  | 'INVALID_CRITERIA'
  | 'INVALID_DECIMAL'
  | 'INVALID_ROUND'
  | 'INVALID_ENTRY'
  | 'UNKNOWN_ENTRY';

export class TabulationInputError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly reason: TabulationInputReason,
    message: string,
  ) {
    super(message);
    this.name = 'TabulationInputError';
  }
}
