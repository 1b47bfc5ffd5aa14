/**
 * A LIKE pattern matching text that contains `text` anywhere, the text's own `%`, `_` and `\`
 * taken literally (MariaDB's default escape character is `\`).
 */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
