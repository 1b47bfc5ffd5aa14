import fc from 'fast-check';
import { patentCheckCharacter } from '@app/validators';
import { EntriesReason } from '../entries.errors';
import {
  ENTRY_LIMITS,
  EntryFields,
  EntryFieldsResult,
  FieldProblem,
  validateEntryFields,
} from './entry-rules';

const YEAR = 2026;

const valid: EntryFields = {
  title: '坭兴陶茶具',
  description: '手工拉坯，雕刻填泥。',
  materials: '钦州坭兴陶土',
  techniques: '手工拉坯',
  dimensions: '30×20×15 cm',
  creators: ['李明', '阿依古丽·买买提'],
  itemCount: 3,
  yearCreated: 2025,
  patentNumbers: ['ZL201310123456.2'],
};

function problemsOf(result: EntryFieldsResult): FieldProblem[] {
  return result.ok ? [] : result.problems;
}

function reasonsOf(input: Partial<EntryFields>, year = YEAR): string[] {
  return problemsOf(validateEntryFields({ ...valid, ...input }, year)).map((p) => p.reason);
}

function valueOf(input: Partial<EntryFields>, year = YEAR) {
  const result = validateEntryFields({ ...valid, ...input }, year);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.problems)}`);
  return result.value;
}

describe('validateEntryFields', () => {
  it('accepts a complete entry and answers its normalised fields', () => {
    expect(validateEntryFields(valid, YEAR)).toEqual({
      ok: true,
      value: {
        title: '坭兴陶茶具',
        description: '手工拉坯，雕刻填泥。',
        materials: '钦州坭兴陶土',
        techniques: '手工拉坯',
        dimensions: '30×20×15 cm',
        creators: ['李明', '阿依古丽·买买提'],
        itemCount: 3,
        yearCreated: 2025,
        patentNumbers: ['ZL201310123456.2'],
      },
    });
  });

  it('fills the defaults of a bare entry: one item, no year, no creators, no patents', () => {
    expect(validateEntryFields({ title: '竹编' }, YEAR)).toEqual({
      ok: true,
      value: {
        title: '竹编',
        description: null,
        materials: null,
        techniques: null,
        dimensions: null,
        creators: [],
        itemCount: 1,
        yearCreated: null,
        patentNumbers: [],
      },
    });
  });

  describe('title', () => {
    it.each(['', '   ', '\u3000\t\n '])('TITLE_REQUIRED for %j', (title) => {
      expect(reasonsOf({ title })).toEqual([EntriesReason.TITLE_REQUIRED]);
    });

    it('TITLE_REQUIRED when the title is missing altogether', () => {
      const result = validateEntryFields({ title: undefined as unknown as string }, YEAR);
      expect(problemsOf(result).map((p) => p.reason)).toEqual([EntriesReason.TITLE_REQUIRED]);
    });

    it('counts code points: 200 × 𠮷 is fine, 201 is TEXT_TOO_LONG', () => {
      expect('𠮷'.length).toBe(2); // two UTF-16 units, one character
      expect(valueOf({ title: '𠮷'.repeat(200) }).title).toBe('𠮷'.repeat(200));
      const result = validateEntryFields({ ...valid, title: '𠮷'.repeat(201) }, YEAR);
      expect(problemsOf(result)).toEqual([
        expect.objectContaining({ field: 'title', reason: EntriesReason.TEXT_TOO_LONG }),
      ]);
    });

    it('trims and collapses whitespace runs to one space', () => {
      expect(valueOf({ title: '  坭兴陶 \u3000 茶具\t套装 ' }).title).toBe('坭兴陶 茶具 套装');
      // a line break in a one-line field is whitespace: it becomes a space, never stored
      expect(valueOf({ title: '坭兴陶\r\n茶具' }).title).toBe('坭兴陶 茶具');
    });

    it.each(['\u0000', '\u0001', '\u0008', '\u001b', '\u001f', '\u007f'])(
      'INVALID_TEXT for a title holding control character %j',
      (c) => {
        expect(reasonsOf({ title: `坭兴陶${c}茶具` })).toEqual([EntriesReason.INVALID_TEXT]);
      },
    );
  });

  describe('long and short texts', () => {
    it.each([
      ['description', ENTRY_LIMITS.description],
      ['materials', ENTRY_LIMITS.shortText],
      ['techniques', ENTRY_LIMITS.shortText],
      ['dimensions', ENTRY_LIMITS.shortText],
    ] as const)('%s: %i code points are fine, one more is TEXT_TOO_LONG', (field, max) => {
      expect(valueOf({ [field]: '𠮷'.repeat(max) })[field]).toBe('𠮷'.repeat(max));
      const result = validateEntryFields({ ...valid, [field]: '𠮷'.repeat(max + 1) }, YEAR);
      expect(problemsOf(result)).toEqual([
        expect.objectContaining({ field, reason: EntriesReason.TEXT_TOO_LONG }),
      ]);
    });

    it('allows line breaks and tabs in the description only', () => {
      const text = '第一段\r\n第二段\n\t缩进';
      expect(valueOf({ description: `  ${text}\n` }).description).toBe(text);
      for (const field of ['materials', 'techniques', 'dimensions'] as const) {
        for (const breakChar of ['\n', '\r', '\t']) {
          const problems = problemsOf(
            validateEntryFields({ ...valid, [field]: `竹${breakChar}木` }, YEAR),
          );
          expect(problems).toEqual([
            expect.objectContaining({ field, reason: EntriesReason.INVALID_TEXT }),
          ]);
        }
      }
    });

    it.each(['\u0000', '\u0007', '\u000b', '\u000c', '\u001b', '\u007f'])(
      'INVALID_TEXT for control character %j in every text field, the description included',
      (c) => {
        for (const field of ['description', 'materials', 'techniques', 'dimensions'] as const) {
          const problems = problemsOf(validateEntryFields({ ...valid, [field]: `竹${c}木` }, YEAR));
          expect(problems).toEqual([
            expect.objectContaining({ field, reason: EntriesReason.INVALID_TEXT }),
          ]);
        }
      },
    );

    it('treats C1 control characters (U+0080–U+009F) as control characters too', () => {
      for (const c of ['\u0085', '\u009b']) {
        expect(reasonsOf({ title: `坭兴陶${c}茶具` })).toEqual([EntriesReason.INVALID_TEXT]);
        expect(reasonsOf({ materials: `竹${c}木` })).toEqual([EntriesReason.INVALID_TEXT]);
      }
    });

    it('trims short texts and collapses runs of spaces and ideographic spaces', () => {
      expect(valueOf({ materials: ' 竹  \u3000 木 ' }).materials).toBe('竹 木');
    });

    it('stores a blank optional text as null', () => {
      const value = valueOf({ description: ' \n ', materials: '', techniques: null });
      expect(value).toMatchObject({ description: null, materials: null, techniques: null });
    });
  });

  describe('creators', () => {
    it.each([
      ['李明2'],
      ['2'],
      ['li.ming@example.com'],
      ['李明@坭兴'],
      [''],
      ['   '],
      ['-李明'],
      ['x'.repeat(ENTRY_LIMITS.creatorName + 1)],
    ])('INVALID_CREATOR_NAME for %j', (name) => {
      const problems = problemsOf(validateEntryFields({ ...valid, creators: [name] }, YEAR));
      expect(problems).toEqual([
        expect.objectContaining({
          field: 'creators',
          reason: EntriesReason.INVALID_CREATOR_NAME,
          value: name,
        }),
      ]);
    });

    it.each(['李明', '阿依古丽·买买提', "Seán O'Brien", 'Jean-Luc Picard', '𠮷田 太郎', 'A. B'])(
      'accepts the name %j',
      (name) => {
        expect(valueOf({ creators: [name] }).creators).toEqual([name]);
      },
    );

    it('normalises names (trim, whitespace collapse) before comparing them: DUPLICATE_CREATOR', () => {
      const result = validateEntryFields(
        { ...valid, creators: ['李明', '  李明 ', 'Jean  Luc', 'Jean Luc'] },
        YEAR,
      );
      expect(problemsOf(result)).toEqual([
        expect.objectContaining({ reason: EntriesReason.DUPLICATE_CREATOR, value: '李明' }),
        expect.objectContaining({ reason: EntriesReason.DUPLICATE_CREATOR, value: 'Jean Luc' }),
      ]);
      expect(valueOf({ creators: ['  李明 ', 'Jean \u3000 Luc'] }).creators).toEqual([
        '李明',
        'Jean Luc',
      ]);
    });

    it(`allows ${ENTRY_LIMITS.creators} creators; one more is TOO_MANY_CREATORS`, () => {
      const names = (n: number) =>
        Array.from({ length: n }, (_, i) => `作者${String.fromCharCode(0x4e00 + i)}`);
      expect(valueOf({ creators: names(ENTRY_LIMITS.creators) }).creators).toHaveLength(
        ENTRY_LIMITS.creators,
      );
      expect(reasonsOf({ creators: names(ENTRY_LIMITS.creators + 1) })).toEqual([
        EntriesReason.TOO_MANY_CREATORS,
      ]);
    });
  });

  describe('item count and year', () => {
    it.each([0, -1, 1.5, ENTRY_LIMITS.itemCount + 1, Number.NaN, Infinity])(
      'INVALID_ITEM_COUNT for %p',
      (itemCount) => {
        expect(reasonsOf({ itemCount })).toEqual([EntriesReason.INVALID_ITEM_COUNT]);
      },
    );

    it.each([1, 2, ENTRY_LIMITS.itemCount])('accepts %p items', (itemCount) => {
      expect(valueOf({ itemCount }).itemCount).toBe(itemCount);
    });

    it('INVALID_YEAR before 1900 and after the current year; 1900 and the current year are fine', () => {
      expect(reasonsOf({ yearCreated: 1899 })).toEqual([EntriesReason.INVALID_YEAR]);
      expect(reasonsOf({ yearCreated: YEAR + 1 })).toEqual([EntriesReason.INVALID_YEAR]);
      expect(reasonsOf({ yearCreated: 2000.5 })).toEqual([EntriesReason.INVALID_YEAR]);
      expect(valueOf({ yearCreated: 1900 }).yearCreated).toBe(1900);
      expect(valueOf({ yearCreated: YEAR }).yearCreated).toBe(YEAR);
      // the caller's year is the rule, not the machine's clock
      expect(valueOf({ yearCreated: 2031 }, 2031).yearCreated).toBe(2031);
      expect(reasonsOf({ yearCreated: 2026 }, 2025)).toEqual([EntriesReason.INVALID_YEAR]);
    });
  });

  describe('patent numbers', () => {
    it('accepts both forms of docs/roles-and-rules.md, an X check character, and normalises the spelling', () => {
      expect(
        valueOf({
          patentNumbers: ['ZL201310123456.2', ' zl98123456.9 ', 'ZL95115608.X', '201811564288.x'],
        }).patentNumbers,
      ).toEqual(['ZL201310123456.2', 'ZL98123456.9', 'ZL95115608.X', 'ZL201811564288.X']);
    });

    it.each([
      'ZL201310123456.3', // wrong check character
      'ZL98123456.8', // wrong check character, 8-digit form
      'ZL201310123456.X', // X where the check is 2
      'ZL98123456.X', // X where the check is 9
      'ZL2013101234.2', // 10 digits
      'CN201310123456.2',
      'ZL201310123456',
      '专利',
    ])('INVALID_PATENT_NUMBER for %j, with the raw value', (n) => {
      const problems = problemsOf(validateEntryFields({ ...valid, patentNumbers: [n] }, YEAR));
      expect(problems).toEqual([
        expect.objectContaining({
          field: 'patentNumbers',
          reason: EntriesReason.INVALID_PATENT_NUMBER,
          value: n,
        }),
      ]);
    });

    it('DUPLICATE_PATENT_NUMBER after normalisation (zl… vs ZL…)', () => {
      const result = validateEntryFields(
        { ...valid, patentNumbers: ['zl201310123456.2', 'ZL201310123456.2'] },
        YEAR,
      );
      expect(problemsOf(result)).toEqual([
        expect.objectContaining({
          field: 'patentNumbers',
          reason: EntriesReason.DUPLICATE_PATENT_NUMBER,
          value: 'ZL201310123456.2',
        }),
      ]);
    });

    it(`allows ${ENTRY_LIMITS.patentNumbers} numbers; one more is TOO_MANY_PATENT_NUMBERS`, () => {
      const numbers = (n: number) =>
        Array.from({ length: n }, (_, i) => {
          const digits = `2013101${String(i).padStart(5, '0')}`;
          return `ZL${digits}.${patentCheckCharacter(digits)}`;
        });
      expect(valueOf({ patentNumbers: numbers(ENTRY_LIMITS.patentNumbers) }).patentNumbers).toEqual(
        numbers(ENTRY_LIMITS.patentNumbers),
      );
      expect(reasonsOf({ patentNumbers: numbers(ENTRY_LIMITS.patentNumbers + 1) })).toEqual([
        EntriesReason.TOO_MANY_PATENT_NUMBERS,
      ]);
    });
  });

  it('reports every problem at once, each with its field', () => {
    const result = validateEntryFields(
      {
        title: ' ',
        description: `a${'\u0000'}`,
        materials: '竹\n木',
        techniques: 'x'.repeat(ENTRY_LIMITS.shortText + 1),
        creators: ['李明', '李明', 'a@b.cn'],
        itemCount: 0,
        yearCreated: 1899,
        patentNumbers: ['ZL201310123456.3', 'ZL98123456.9', 'zl98123456.9'],
      },
      YEAR,
    );
    expect(result.ok).toBe(false);
    expect(problemsOf(result).map((p) => [p.field, p.reason])).toEqual([
      ['title', EntriesReason.TITLE_REQUIRED],
      ['description', EntriesReason.INVALID_TEXT],
      ['materials', EntriesReason.INVALID_TEXT],
      ['techniques', EntriesReason.TEXT_TOO_LONG],
      ['creators', EntriesReason.DUPLICATE_CREATOR],
      ['creators', EntriesReason.INVALID_CREATOR_NAME],
      ['itemCount', EntriesReason.INVALID_ITEM_COUNT],
      ['yearCreated', EntriesReason.INVALID_YEAR],
      ['patentNumbers', EntriesReason.INVALID_PATENT_NUMBER],
      ['patentNumbers', EntriesReason.DUPLICATE_PATENT_NUMBER],
    ]);
    for (const p of problemsOf(result)) expect(p.message).toEqual(expect.any(String));
  });

  describe('properties', () => {
    const hanChar = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCodePoint(c));
    const wideChar = fc.integer({ min: 0x20000, max: 0x2a6d6 }).map((c) => String.fromCodePoint(c));
    const letter = fc.oneof(hanChar, wideChar, fc.constantFrom(...'abcXYZéü'.split('')));
    const space = fc.constantFrom(' ', '  ', '\u3000', ' \u3000 ');
    const pad = fc.constantFrom('', ' ', '\u3000', '  ');
    const word = fc.string({ unit: letter, minLength: 1, maxLength: 6 });
    /** words separated by runs of spaces, padded at both ends */
    const phrase = (maxWords: number) =>
      fc
        .tuple(
          pad,
          fc.array(fc.tuple(word, space), { minLength: 1, maxLength: maxWords }),
          word,
          pad,
        )
        .map(([l, parts, last, r]) => l + parts.map(([w, s]) => w + s).join('') + last + r);
    const creatorName = fc
      .tuple(pad, word, fc.option(fc.tuple(fc.constantFrom(' ', '·', '-', ' \u3000'), word)), pad)
      .map(([l, a, rest, r]) => l + a + (rest ? rest[0] + rest[1] : '') + r);
    const patent = fc
      .tuple(
        fc.oneof(
          fc
            .tuple(
              fc.integer({ min: 1985, max: 2099 }),
              fc.constantFrom(...'12389'),
              fc.integer({ min: 0, max: 9_999_999 }),
            )
            .map(([y, t, s]) => `${y}${t}${String(s).padStart(7, '0')}`),
          fc
            .tuple(
              fc.integer({ min: 0, max: 99 }),
              fc.constantFrom(...'12389'),
              fc.integer({ min: 0, max: 99_999 }),
            )
            .map(([y, t, s]) => `${String(y).padStart(2, '0')}${t}${String(s).padStart(5, '0')}`),
        ),
        fc.boolean(),
      )
      .map(([d, lower]) => {
        const n = `ZL${d}.${patentCheckCharacter(d)}`;
        return lower ? ` ${n.toLowerCase()} ` : n;
      });

    const validInput: fc.Arbitrary<EntryFields> = fc.record({
      title: phrase(5),
      description: fc.option(
        fc.array(phrase(3), { minLength: 1, maxLength: 3 }).map((ls) => ls.join('\n')),
      ),
      materials: fc.option(phrase(4)),
      techniques: fc.option(phrase(4)),
      dimensions: fc.option(phrase(4)),
      creators: fc.option(
        fc.uniqueArray(creatorName, {
          maxLength: ENTRY_LIMITS.creators,
          selector: (n) => n.trim().replace(/\s+/gu, ' '),
        }),
      ),
      itemCount: fc.option(fc.integer({ min: 1, max: ENTRY_LIMITS.itemCount })),
      yearCreated: fc.option(fc.integer({ min: ENTRY_LIMITS.earliestYear, max: YEAR })),
      patentNumbers: fc.option(
        fc.uniqueArray(patent, {
          maxLength: ENTRY_LIMITS.patentNumbers,
          selector: (n) => n.trim().toUpperCase(),
        }),
      ),
    });

    it('valid input is ok, and validating the normalised output gives the same output', () => {
      fc.assert(
        fc.property(validInput, (input) => {
          const first = validateEntryFields(input, YEAR);
          expect(problemsOf(first)).toEqual([]);
          if (!first.ok) return;
          const second = validateEntryFields(first.value, YEAR);
          expect(second).toEqual(first);
        }),
        { numRuns: 300 },
      );
    });

    it('normalised text has no leading or trailing whitespace and no doubled spaces', () => {
      fc.assert(
        fc.property(validInput, (input) => {
          const result = validateEntryFields(input, YEAR);
          if (!result.ok) return;
          const v = result.value;
          for (const text of [v.title, v.materials, v.techniques, v.dimensions, ...v.creators]) {
            if (text === null) continue;
            expect(text).toBe(text.trim());
            expect(text).not.toMatch(/[ \u3000]{2}|\u3000/u);
          }
        }),
        { numRuns: 200 },
      );
    });

    it('never throws, and any text field holding a C0 control character other than line breaks and tabs is INVALID_TEXT', () => {
      const control = fc
        .integer({ min: 0, max: 0x1f })
        .filter((c) => ![0x09, 0x0a, 0x0b, 0x0c, 0x0d].includes(c))
        .map((c) => String.fromCharCode(c));
      fc.assert(
        fc.property(
          fc.constantFrom('title', 'description', 'materials', 'techniques', 'dimensions'),
          word,
          control,
          word,
          (field, a, c, b) => {
            const result = validateEntryFields({ ...valid, [field]: a + c + b }, YEAR);
            expect(problemsOf(result)).toEqual([
              expect.objectContaining({ field, reason: EntriesReason.INVALID_TEXT }),
            ]);
          },
        ),
      );
    });
  });
});
