import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { codeSpan, section, tableRows } from './docs/markdown';

const ROOT = resolve(__dirname, '../../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The README's map of the rules stays true: each file exists and defines the name it gives. */
describe('README: where each rule lives', () => {
  const rows = tableRows(section(README, 'Where each rule lives'));

  it('lists the rules a newcomer looks for first', () => {
    expect(rows.length).toBeGreaterThanOrEqual(10);
  });

  it.each(rows.map((cells) => [cells[0], cells[1], cells[2]]))(
    '%s: %s defines %s',
    (_rule, fileCell, nameCell) => {
      const file = codeSpan(fileCell);
      const name = codeSpan(nameCell);
      expect(file).not.toBeNull();
      expect(name).not.toBeNull();
      expect(existsSync(join(ROOT, file!))).toBe(true);
      const source = readFileSync(join(ROOT, file!), 'utf8');
      const defines = new RegExp(
        `(export\\s+(async\\s+)?(const|function|class|enum|type|interface)\\s+${name}\\b)|(^\\s+(async\\s+)?${name}\\()`,
        'm',
      );
      expect(source).toMatch(defines);
    },
  );
});
