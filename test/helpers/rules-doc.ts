import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The scoring rules, whose worked examples the unit tests recompute with the real code. */
export const RULES_DOC = join(__dirname, '../../docs/judging-rules.md');

export interface RulesDocExample {
  name: string;
  /** The fenced block's language: `json` is parsed by `rulesDocJson`, `text` read as is. */
  lang: string;
  body: string;
}

const MARKER = /^<!-- example: ([a-z0-9-]+) -->$/gm;
const FENCE = /^\s*```([a-z]*)\n([\s\S]*?)\n```/;

/**
 * Every worked example of docs/judging-rules.md: an `<!-- example: name -->` line followed by a
 * fenced block. A marker without a block right after it, or a name used twice, is an error,
 * so an example cannot drop out of the tests unnoticed.
 */
export function rulesDocExamples(
  text: string = readFileSync(RULES_DOC, 'utf8'),
): Map<string, RulesDocExample> {
  const examples = new Map<string, RulesDocExample>();
  for (const marker of text.matchAll(MARKER)) {
    const name = marker[1];
    const fence = FENCE.exec(text.slice(marker.index + marker[0].length));
    if (!fence) throw new Error(`judging-rules.md: example ${name} has no fenced block after it`);
    if (examples.has(name)) throw new Error(`judging-rules.md: example ${name} appears twice`);
    examples.set(name, { name, lang: fence[1], body: fence[2] });
  }
  return examples;
}

/** One example's block, which must be in the given language. */
export function rulesDocExample(name: string, lang: 'json' | 'text'): string {
  const example = rulesDocExamples().get(name);
  if (!example) throw new Error(`judging-rules.md has no example ${name}`);
  if (example.lang !== lang) {
    throw new Error(`judging-rules.md: example ${name} is ${example.lang}, not ${lang}`);
  }
  return example.body;
}

/** One `json` example, parsed (the caller states its shape). */
export function rulesDocJson<T>(name: string): T {
  return JSON.parse(rulesDocExample(name, 'json')) as T;
}
