/** The lines from the heading `title` (any level, exact text) to the next heading of that level or higher. */
export function section(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`no heading "${title}"`);
  const level = /^#+/.exec(lines[start])![0].length;
  const end = lines.findIndex(
    (line, i) => i > start && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level,
  );
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The cells of the table rows among `lines` (header and separator rows left out). */
export function tableRows(lines: string[]): string[][] {
  const rows = lines
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
  return rows.filter((cells, i) => {
    const separator = cells.every((cell) => /^:?-+:?$/.test(cell));
    const header = i + 1 < rows.length && rows[i + 1].every((cell) => /^:?-+:?$/.test(cell));
    return !separator && !header;
  });
}

/** The text of a cell that is one code span: `` `X` `` → X; anything else → null. */
export function codeSpan(cell: string): string | null {
  return /^`([^`]+)`$/.exec(cell)?.[1] ?? null;
}

/** The entries that occur more than once. */
export function duplicates(values: readonly string[]): string[] {
  return [...new Set(values.filter((value, i) => values.indexOf(value) !== i))];
}
