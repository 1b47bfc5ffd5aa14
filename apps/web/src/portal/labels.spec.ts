import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LOCALES, translator } from '../i18n';
import { ENUM_LABEL_PREFIX, LabelledEnum } from './labels';
import { labelOf } from './labelOf';

/** The enums of the contract (apps/api/schema.gql), each value in words in both languages. */
const SCHEMA = readFileSync(join(__dirname, '../../../api/schema.gql'), 'utf8');
const ENUMS = new Map(
  [...SCHEMA.matchAll(/^enum (\w+) \{([^}]*)\}/gm)].map(([, name, body]) => [
    name,
    body
      .replace(/"""[\s\S]*?"""|#.*$/gm, '')
      .split(/\s+/)
      .filter((value) => /^[A-Z][A-Z0-9_]*$/.test(value)),
  ]),
);

describe('labels of the enums (apps/web/src/portal/labels.ts)', () => {
  it('reads the enums of the schema (the scan still works)', () => {
    expect(ENUMS.get('Aggregation')).toEqual(['MEAN', 'MEDIAN', 'TRIMMED_MEAN', 'ZSCORE']);
    expect(ENUMS.size).toBeGreaterThan(15);
  });

  it('has a label table for every enum of the schema', () => {
    const without = [...ENUMS.keys()].filter((name) => !(name in ENUM_LABEL_PREFIX));
    expect(without).toEqual([]);
  });

  it('labels every value of every enum in zh-CN and English, never by the value itself', () => {
    const missing: string[] = [];
    for (const [name, values] of ENUMS) {
      const prefix = ENUM_LABEL_PREFIX[name as LabelledEnum];
      if (!prefix) continue;
      for (const value of values) {
        for (const [locale, table] of Object.entries(LOCALES)) {
          const label = (table as Record<string, string | undefined>)[`${prefix}${value}`];
          if (!label?.trim() || label === value) missing.push(`${name}.${value} ${locale}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('says a value it does not know as "unknown", not as the value', () => {
    const t = translator('zh-CN');
    expect(labelOf(t, 'Aggregation', 'TRIMMED_MEAN')).toBe('去极值平均');
    expect(labelOf(t, 'Aggregation', 'GEOMETRIC_MEAN')).toBe('未知');
    expect(labelOf(translator('en'), 'TiePolicy', 'EXCLUDE_TIES')).not.toMatch(/_/);
  });
});
