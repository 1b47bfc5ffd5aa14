import { parse } from 'csv-parse';
import { isUtf8 } from 'node:buffer';
import { pipeline, Readable } from 'node:stream';
import { ImportFileError, SAVE_AS } from './import-file-error';
import { IMPORT_MAX_TITLE_ROWS } from './import-limits';
import type { TableRow } from './xlsx-rows';

/** Bytes decoded at a time: the text is never held whole, only the file's bytes are. */
const CHUNK = 64 * 1024;

/**
 * The records of a CSV file, one at a time, through csv-parse's stream: UTF-8 (a BOM is
 * dropped), UTF-16 with a BOM (Excel's "Unicode text"), else GB18030, which covers GBK and
 * GB2312 (what Chinese Excel and WPS save as "CSV"); `,`, `;` or tab separated, an Excel
 * `sep=` line honoured. Excel shows one record as one row, line breaks inside quotes included,
 * so a record's row number is its position.
 *
 * @throws ImportFileError
 */
export async function* csvRows(bytes: Buffer, fileName: string): AsyncGenerator<TableRow> {
  const chunks = textChunks(bytes, encodingOf(bytes), fileName);
  let first = chunks.next().value ?? '';
  if (/^\s*<(?:!doctype|html|\?xml|table|head|body|meta)/iu.test(first)) {
    throw new ImportFileError(
      'UNSUPPORTED_FILE',
      `${fileName} is a web page or XML file, not a workbook (some systems save tables this ` +
        `way with an .xls name); ${SAVE_AS}`,
    );
  }
  // Excel's "sep=;" first line names the delimiter; Excel does not show it as a row.
  let delimiter: string | undefined;
  const sep = /^sep=(.)\r?\n/u.exec(first);
  if (sep) {
    delimiter = sep[1];
    first = first.slice(sep[0].length);
  }
  delimiter ??= sniffDelimiter(first);

  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: false,
  });
  const text = Readable.from(
    (function* () {
      yield first;
      yield* chunks;
    })(),
  );
  // A failure of the decoding (not a text file after all) reaches the records' reader.
  pipeline(text, parser, () => undefined);
  let rowNumber = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      yield { rowNumber: ++rowNumber, cells };
    }
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(
      'INVALID_FILE',
      `the CSV file cannot be read: ${(error as Error).message}`,
    );
  }
}

function startsWith(bytes: Buffer, ...prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

function encodingOf(bytes: Buffer): string {
  if (startsWith(bytes, 0xff, 0xfe)) return 'utf-16le';
  if (startsWith(bytes, 0xfe, 0xff)) return 'utf-16be';
  return isUtf8(bytes) ? 'utf-8' : 'gb18030';
}

/**
 * The text, a chunk at a time. Bytes that are not of the encoding, or text with control
 * characters in it, are not a CSV file.
 */
function* textChunks(bytes: Buffer, encoding: string, fileName: string): Generator<string> {
  const decoder = new TextDecoder(encoding, { fatal: true });
  const notText = () =>
    new ImportFileError(
      'UNSUPPORTED_FILE',
      `${fileName} is neither an Excel workbook (.xlsx) nor a CSV text file; ${SAVE_AS}`,
    );
  for (let at = 0; at < bytes.length; at += CHUNK) {
    const end = Math.min(at + CHUNK, bytes.length);
    let text: string;
    try {
      text = decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
    } catch {
      throw notText();
    }
    // eslint-disable-next-line no-control-regex -- control characters mean a binary file
    if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/u.test(text)) throw notText();
    if (at === 0) text = text.replace(/^\uFEFF/u, '');
    if (text !== '') yield text;
  }
}

/**
 * The delimiter of the first line that has one: the most frequent of `,` `;` and tab outside
 * quotes, `,` on a tie.
 */
function sniffDelimiter(text: string): string {
  const lines = text.split(/\r?\n/u).slice(0, IMPORT_MAX_TITLE_ROWS + 1);
  for (const line of lines) {
    const counts = new Map<string, number>([
      [',', 0],
      [';', 0],
      ['\t', 0],
    ]);
    let quoted = false;
    for (const char of line) {
      if (char === '"') quoted = !quoted;
      else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
    }
    let best = ',';
    for (const [delimiter, count] of counts) {
      if (count > counts.get(best)!) best = delimiter;
    }
    if (counts.get(best)! > 0) return best;
  }
  return ',';
}
