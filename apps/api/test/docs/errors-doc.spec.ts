import { HTTP_STATUS_OF } from '@app/core';
import { collectReasons } from './error-reasons';
import { codeSpan, duplicates, section, tableRows } from './markdown';
import { doc } from './source-files';

/** docs/errors.md against the code: every code with its status, every reason, nothing more. */
describe('docs/errors.md', () => {
  const markdown = doc('errors.md');
  const found = collectReasons();

  const codeRows = tableRows(section(markdown, 'Codes'));
  const documentedReasons = tableRows(section(markdown, 'Reasons'))
    .map((cells) => codeSpan(cells[0]))
    .filter((reason): reason is string => reason !== null);

  it('lists every error code with its HTTP status', () => {
    const documented = Object.fromEntries(
      codeRows.map((cells) => [codeSpan(cells[0]), Number(cells[1])]),
    );
    expect(documented).toEqual(HTTP_STATUS_OF);
  });

  it('finds the reasons in the code (the scan still works)', () => {
    for (const reason of ['ROLE_NOT_ALLOWED', 'VERSION_MISMATCH', 'QUERY_TOO_DEEP', 'EMPTY_FILE']) {
      expect(found.has(reason)).toBe(true);
    }
  });

  it('documents every reason the server can give', () => {
    const documented = new Set(documentedReasons);
    const missing = [...found.keys()]
      .filter((reason) => !documented.has(reason))
      .map((reason) => `${reason} (${[...found.get(reason)!].join(', ')})`);
    expect(missing).toEqual([]);
  });

  it('documents no reason the code no longer gives', () => {
    expect(documentedReasons.filter((reason) => !found.has(reason))).toEqual([]);
  });

  it('documents each reason once', () => {
    expect(duplicates(documentedReasons)).toEqual([]);
  });
});
