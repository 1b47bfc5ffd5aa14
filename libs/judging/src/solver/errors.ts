/**
 * Why an assignment input was refused. The caller maps every one to BAD_USER_INPUT with this
 * reason; the library itself knows nothing of GraphQL or Nest.
 */
export type AssignmentInputReason =
  /** A leaf category is covered by two panels: an entry of it would have two panels. */
  | 'CATEGORY_IN_TWO_PANELS'
  /** A panel without judges. */
  | 'EMPTY_PANEL'
  /** A panel without categories. */
  | 'PANEL_WITHOUT_CATEGORIES'
  /** A panel names a judge that is not among the given judges. */
  | 'UNKNOWN_JUDGE'
  /** A panel lists the same judge or the same category twice. */
  | 'DUPLICATE_IN_PANEL'
  /** Two entries, panels or judges share an id (the result would depend on input order). */
  | 'DUPLICATE_ID'
  /** The same judge holds two existing assignments to the same entry. */
  | 'DUPLICATE_ASSIGNMENT'
  | 'INVALID_JUDGES_PER_ENTRY'
  | 'INVALID_SEED';

export class AssignmentInputError extends Error {
  readonly code = 'BAD_USER_INPUT';

  constructor(
    readonly reason: AssignmentInputReason,
    message: string,
    /** Safe facts for the client: which panel, category, judge or id. */
    readonly details: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = 'AssignmentInputError';
  }
}
