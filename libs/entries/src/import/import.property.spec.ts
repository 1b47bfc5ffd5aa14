import ExcelJS from 'exceljs';
import fc from 'fast-check';
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_AUTHORITIES,
  PATENT_TYPE_DIGITS,
  completeCreditCode,
  patentCheckCharacter,
} from '@app/validators';
import { IMPORT_COLUMNS, ImportColumnKey, mapColumns, templateHeaders } from './import-columns';
import { readImportFile } from './import-file';
import { ImportRow, LIST_SEPARATORS, interpretRows } from './import-rows';
import { buildTemplateXlsx } from './import-template';
import { YEAR, csvOf, gb18030, utf8 } from './test/import-fixtures';

type Values = Partial<Record<ImportColumnKey, string | number>>;

const chars = (text: string) => fc.constantFrom(...[...text]);
/** Letters of several scripts, 𠮷 (outside the BMP) and an emoji among them. */
const letter = chars('abcXYZé坭兴陶茶具竹编李明王芳𠮷한ñ');
/** What a CSV writer must quote, and full-width punctuation. */
const punctuation = chars(' ",;\'=-+()（），。：“”😀\u3000');

const textOf = (unit: fc.Arbitrary<string>, maxLength: number) =>
  fc
    .string({ unit, minLength: 1, maxLength })
    .map((s) => s.trim())
    .filter((s) => s !== '');

const shortText = textOf(fc.oneof(letter, punctuation), 30);
const longText = textOf(fc.oneof(letter, punctuation, fc.constant('\n'), fc.constant('\t')), 60);

const name = fc
  .tuple(textOf(letter, 6), fc.option(fc.tuple(chars(' ·.-'), textOf(letter, 6))))
  .map(([first, rest]) => (rest ? `${first}${rest[0]}${rest[1]}` : first));

const alphabet = chars(CREDIT_CODE_ALPHABET);
const creditCode = fc
  .tuple(
    chars(CREDIT_CODE_AUTHORITIES),
    alphabet,
    fc.constantFrom('110000', '440100', '450103', '100000'),
    fc.string({ unit: alphabet, minLength: 8, maxLength: 8 }),
  )
  .map((parts) => completeCreditCode(parts.join('')));

const patentNumber = fc
  .tuple(fc.integer({ min: 1985, max: 2025 }), chars(PATENT_TYPE_DIGITS), fc.nat(9_999_999))
  .map(([year, type, serial]) => {
    const digits = `${year}${type}${String(serial).padStart(7, '0')}`;
    return `ZL${digits}.${patentCheckCharacter(digits)}`;
  });

const categoryCode = fc
  .stringMatching(/^[A-Z0-9](?:[A-Z0-9-]{0,6}[A-Z0-9])?$/u)
  .chain((code) => fc.constantFrom(code, code.toLowerCase()));

const separator = fc.constantFrom('、', ',', '，', ';', '；', '/', '\n', ' 、 ');

const row: fc.Arbitrary<Values> = fc
  .record({
    entrant: fc.oneof(
      fc.record({ creditCode, entrantName: fc.option(name, { nil: undefined }) }),
      fc.record({ entrantName: name }),
    ),
    categoryCode,
    title: shortText,
    description: fc.option(longText, { nil: undefined }),
    materials: fc.option(shortText, { nil: undefined }),
    techniques: fc.option(shortText, { nil: undefined }),
    dimensions: fc.option(shortText, { nil: undefined }),
    creators: fc.uniqueArray(name, { maxLength: 4 }),
    patents: fc.uniqueArray(patentNumber, { maxLength: 3 }),
    separator,
    itemCount: fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
    yearCreated: fc.option(fc.integer({ min: 1900, max: YEAR }), { nil: undefined }),
  })
  .map(({ entrant, creators, patents, separator: sep, ...rest }) => ({
    ...entrant,
    ...rest,
    creators: creators.join(sep),
    patentNumbers: patents.join(sep),
  }));

/** Rows of distinct titles, so that no two are the same entry. */
const rows = fc.uniqueArray(row, {
  minLength: 1,
  maxLength: 12,
  selector: (r) => String(r.title).replace(/\s+/gu, ' '),
});

const text = (value: string | number | undefined) => (value === undefined ? '' : String(value));
const cellsOf = (values: Values) => IMPORT_COLUMNS.map((c) => text(values[c.key]));

/** What interpreting the values directly gives, rows numbered from 2 under the header row. */
function direct(values: readonly Values[]): ImportRow[] {
  const { map } = mapColumns(templateHeaders());
  return interpretRows(
    values.map((v, i) => ({ rowNumber: i + 2, cells: cellsOf(v) })),
    map,
    YEAR,
  );
}

async function readBack(bytes: Buffer): Promise<ImportRow[]> {
  const file = await readImportFile(bytes, 'entries');
  const { map, problems } = mapColumns(file.headers);
  expect(problems).toEqual([]);
  return interpretRows(file.rows, map, YEAR);
}

function expectValid(result: ImportRow[], values: readonly Values[]): void {
  expect(result.flatMap((r) => r.problems)).toEqual([]);
  expect(result.map((r) => r.fields?.title)).toEqual(
    values.map((v) => String(v.title).replace(/\s+/gu, ' ')),
  );
  result.forEach((r, i) => {
    const expected = splitCount(values[i].creators);
    expect(r.fields?.creators).toHaveLength(expected);
  });
}

const splitCount = (value: string | number | undefined) =>
  text(value)
    .split(LIST_SEPARATORS)
    .filter((p) => p.trim() !== '').length;

describe('import round trip (property)', () => {
  it('valid rows written to CSV (any delimiter, UTF-8, BOM, GB18030, UTF-16) read back as the same interpreted rows', async () => {
    await fc.assert(
      fc.asyncProperty(
        rows,
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('utf8', 'utf8-bom', 'gb18030', 'utf16le'),
        async (values, delimiter, encoding) => {
          const csv = csvOf([templateHeaders(), ...values.map(cellsOf)], delimiter);
          const bytes =
            encoding === 'gb18030'
              ? gb18030(csv)
              : encoding === 'utf16le'
                ? Buffer.from(`\uFEFF${csv}`, 'utf16le')
                : utf8(csv, encoding === 'utf8-bom');
          const expected = direct(values);
          expectValid(expected, values);
          expect(await readBack(bytes)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('valid rows filled into the XLSX template read back as the same interpreted rows', async () => {
    const template = await buildTemplateXlsx([], 'x');
    await fc.assert(
      fc.asyncProperty(rows, async (values) => {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(template as unknown as ArrayBuffer);
        const sheet = workbook.worksheets[0];
        values.forEach((v, r) => {
          IMPORT_COLUMNS.forEach((c, col) => {
            const value = v[c.key];
            if (value !== undefined) sheet.getCell(r + 2, col + 1).value = value;
          });
        });
        const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
        const expected = direct(values);
        expectValid(expected, values);
        expect(await readBack(bytes)).toEqual(expected);
      }),
      { numRuns: 25 },
    );
  });
});
