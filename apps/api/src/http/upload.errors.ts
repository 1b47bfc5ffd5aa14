/** The reasons a multipart upload is refused for, before any domain sees the file. */
export const UploadReason = {
  NOT_MULTIPART: 'NOT_MULTIPART',
  INVALID_MULTIPART: 'INVALID_MULTIPART',
  FILE_REQUIRED: 'FILE_REQUIRED',
  TOO_MANY_FILES: 'TOO_MANY_FILES',
  UPLOAD_ABORTED: 'UPLOAD_ABORTED',
} as const;
export type UploadReason = (typeof UploadReason)[keyof typeof UploadReason];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface DomainErrorReasons extends Record<UploadReason, true> {}
}
