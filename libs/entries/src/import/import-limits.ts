/**
 * How much one import file may hold. The file arrives whole (at most IMPORT_MAX_BYTES, in the
 * import service), and everything read from it is bounded by these, so one request's memory
 * is bounded whatever the file claims: an XLSX's parts are checked against its ZIP directory
 * before anything is unpacked, held to what they declared while they unpack, and read as a
 * stream of rows (docs/decisions.md, "Imports that stream").
 */
export interface ImportLimits {
  /** data rows (the header row and empty rows not counted) */
  readonly maxRows: number;
  /** what all the parts of an XLSX unpack to, together, as its ZIP directory declares */
  readonly maxUnpackedBytes: number;
  /** files inside an XLSX (a workbook has a dozen or so) */
  readonly maxParts: number;
  /** the rightmost column a value may be in (the template has 12) */
  readonly maxColumns: number;
}

export const IMPORT_LIMITS: ImportLimits = {
  // An edition's 12,000 entries in one file, with room to spare.
  maxRows: 20_000,
  // 20,000 rows with 200-character descriptions unpack to about 25 MiB; what is unpacked is
  // held while the import runs (the shared strings, then each row's interpretation), and the
  // API must stay under 400 MB (test/hostile/import-bomb.e2e-spec.ts).
  maxUnpackedBytes: 32 * 1024 * 1024,
  maxParts: 500,
  maxColumns: 256,
};

/** At most this many data rows (the header row not counted) in one file. */
export const IMPORT_MAX_ROWS = IMPORT_LIMITS.maxRows;

/** How many non-empty rows above the header row may be titles and notes (they are skipped). */
export const IMPORT_MAX_TITLE_ROWS = 10;

const MIB = 1024 * 1024;

/** Bytes as the organiser reads them: "64 MiB", "1.5 MiB", "900 kB". */
export function sizeText(bytes: number): string {
  if (bytes >= MIB) return `${Number((bytes / MIB).toFixed(bytes >= 10 * MIB ? 0 : 1))} MiB`;
  return `${Math.ceil(bytes / 1024)} kB`;
}
