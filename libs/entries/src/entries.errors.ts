import type { ImportFileReason } from './import/import-file-error';

/** The reasons the entries domain gives, as they reach clients in `extensions.reason`. */
export const EntriesReason = {
  // BAD_USER_INPUT: a field
  TITLE_REQUIRED: 'TITLE_REQUIRED',
  TEXT_TOO_LONG: 'TEXT_TOO_LONG',
  INVALID_TEXT: 'INVALID_TEXT',
  INVALID_CREATOR_NAME: 'INVALID_CREATOR_NAME',
  DUPLICATE_CREATOR: 'DUPLICATE_CREATOR',
  TOO_MANY_CREATORS: 'TOO_MANY_CREATORS',
  INVALID_ITEM_COUNT: 'INVALID_ITEM_COUNT',
  INVALID_YEAR: 'INVALID_YEAR',
  INVALID_PATENT_NUMBER: 'INVALID_PATENT_NUMBER',
  DUPLICATE_PATENT_NUMBER: 'DUPLICATE_PATENT_NUMBER',
  TOO_MANY_PATENT_NUMBERS: 'TOO_MANY_PATENT_NUMBERS',
  CATEGORY_NOT_LEAF: 'CATEGORY_NOT_LEAF',
  CATEGORY_NOT_IN_EVENT: 'CATEGORY_NOT_IN_EVENT',
  REASON_REQUIRED: 'REASON_REQUIRED',
  ENTRANT_REQUIRED: 'ENTRANT_REQUIRED',
  INVALID_PAGE_SIZE: 'INVALID_PAGE_SIZE',
  INVALID_CURSOR: 'INVALID_CURSOR',
  /** More entries in one bulk screening than it takes (PAGE_SIZE.max). */
  TOO_MANY_ITEMS: 'TOO_MANY_ITEMS',
  // BAD_USER_INPUT: an uploaded photo (docs/http.md)
  UNSUPPORTED_FORMAT: 'UNSUPPORTED_FORMAT',
  INVALID_IMAGE: 'INVALID_IMAGE',
  TOO_MANY_PIXELS: 'TOO_MANY_PIXELS',
  ANIMATED_IMAGE: 'ANIMATED_IMAGE',
  FILE_TOO_LARGE: 'FILE_TOO_LARGE',
  IMAGE_LIST_MISMATCH: 'IMAGE_LIST_MISMATCH',
  // BAD_USER_INPUT: bulk photos (docs/http.md); the first three also as a file's reason in the report
  /** A file sent as a ZIP that cannot be read as one (damaged, ZIP64, split, a huge directory). */
  INVALID_ZIP: 'INVALID_ZIP',
  /** A file inside a ZIP that cannot be unpacked: encrypted, damaged, an unknown compression. */
  ZIP_ENTRY_UNREADABLE: 'ZIP_ENTRY_UNREADABLE',
  /** The batch already holds BULK_PHOTO_LIMITS.filesPerBatch distinct files. */
  TOO_MANY_FILES_IN_BATCH: 'TOO_MANY_FILES_IN_BATCH',
  /** A commit's choice of entry for a file names no file of the batch or no entry it may reach. */
  INVALID_ASSIGNMENT: 'INVALID_ASSIGNMENT',
  // NOT_FOUND
  ENTRY_NOT_FOUND: 'ENTRY_NOT_FOUND',
  ENTRANT_NOT_FOUND: 'ENTRANT_NOT_FOUND',
  IMAGE_NOT_FOUND: 'IMAGE_NOT_FOUND',
  RENDITION_NOT_FOUND: 'RENDITION_NOT_FOUND',
  /** No bulk photo upload of the caller's with this id (another's, committed and gone, expired). */
  PHOTO_BATCH_NOT_FOUND: 'PHOTO_BATCH_NOT_FOUND',
  /** No import of the caller's with this progress id is running or recently ended. */
  IMPORT_PROGRESS_NOT_FOUND: 'IMPORT_PROGRESS_NOT_FOUND',
  // FORBIDDEN
  NOT_YOUR_ENTRY: 'NOT_YOUR_ENTRY',
  NOT_YOUR_REGION: 'NOT_YOUR_REGION',
  // CONFLICT
  EVENT_NOT_OPEN: 'EVENT_NOT_OPEN',
  SUBMISSION_NOT_STARTED: 'SUBMISSION_NOT_STARTED',
  SUBMISSION_CLOSED: 'SUBMISSION_CLOSED',
  ENTRY_NOT_EDITABLE: 'ENTRY_NOT_EDITABLE',
  /** deleteEntry on an entry that is no longer a draft (withdraw it instead). */
  ENTRY_NOT_DRAFT: 'ENTRY_NOT_DRAFT',
  TOO_MANY_ENTRIES: 'TOO_MANY_ENTRIES',
  NO_IMAGES: 'NO_IMAGES',
  TOO_MANY_IMAGES: 'TOO_MANY_IMAGES',
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  JUDGING_STARTED: 'JUDGING_STARTED',
  /** An import whose header row lacks a required column or repeats one. */
  INVALID_COLUMNS: 'INVALID_COLUMNS',
  /** An import with a row in error: nothing of it is stored. */
  IMPORT_HAS_ERRORS: 'IMPORT_HAS_ERRORS',
} as const;
export type EntriesReason = (typeof EntriesReason)[keyof typeof EntriesReason];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainErrorReasons extends Record<EntriesReason | ImportFileReason, true> {}
}
