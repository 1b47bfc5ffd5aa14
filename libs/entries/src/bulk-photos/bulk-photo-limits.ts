/**
 * The bounds of a bulk photo upload (docs/http.md, "Bulk photos"). Each photo inside is held to
 * the single upload's limits (UPLOAD_MAX_BYTES, UPLOAD_MAX_PIXELS) by the same checks.
 */
export const BULK_PHOTO_LIMITS = {
  /** distinct files one batch holds: a big office sends an edition in several batches */
  filesPerBatch: 10_000,
  /** parts of one multipart request (photos or ZIPs) */
  partsPerRequest: 10_000,
  /** one ZIP archive: without ZIP64, an archive cannot pass 4 GiB anyway */
  zipBytes: 2 * 1024 ** 3,
  /** the ZIP's table of contents, read into memory (10,000 names of 1,000 bytes fit) */
  zipDirectoryBytes: 16 * 1024 ** 2,
  /**
   * A file in a ZIP may declare at most this many times its packed size (plus zipSlackBytes)
   * before it is refused unread: photos are compressed already, so they barely shrink in a ZIP,
   * while a zip bomb shrinks a thousandfold.
   */
  zipRatio: 20,
  zipSlackBytes: 64 * 1024,
  /** a batch no one has added to or committed for this long is removed with its files */
  keepMs: 7 * 24 * 3600_000,
} as const;
