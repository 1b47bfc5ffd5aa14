/** Why a sheet of exhibit labels is refused (docs/errors.md, "Exhibit labels"). */
export const LabelSheetReason = {
  /** BAD_USER_INPUT: a layout the documents do not have (2x4 and 3x7 do). */
  INVALID_LABEL_LAYOUT: 'INVALID_LABEL_LAYOUT',
  /** NOT_FOUND: no sheet of this event with this id, made or being made. */
  LABEL_SHEET_NOT_FOUND: 'LABEL_SHEET_NOT_FOUND',
  /** CONFLICT: the sheet is still queued or being drawn. */
  LABEL_SHEET_NOT_READY: 'LABEL_SHEET_NOT_READY',
  /** CONFLICT: no accepted entry with an exhibit code in the event (or the category). */
  NO_LABELS_TO_PRINT: 'NO_LABELS_TO_PRINT',
  /** INTERNAL_SERVER_ERROR (503): the job queue (Redis) did not answer; nothing was queued. */
  QUEUE_UNAVAILABLE: 'QUEUE_UNAVAILABLE',
} as const;
export type LabelSheetReason = (typeof LabelSheetReason)[keyof typeof LabelSheetReason];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainErrorReasons extends Record<LabelSheetReason, true> {}
}
