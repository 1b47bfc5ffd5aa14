import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CONFIG_VARIABLES, loadConfig } from '@app/core';
import { codeSpan, duplicates, section, tableRows } from './markdown';
import { doc, ROOT } from './source-files';

/** Variables of the system, not of this code base. */
const NOT_OURS = new Set(['PATH']);

/** The names loadConfig reads from `env`, found by handing it an env that records each read. */
function variablesRead(base: Record<string, string>): Set<string> {
  const read = new Set<string>();
  const env = new Proxy(base, {
    get(target, name) {
      if (typeof name === 'string') read.add(name);
      return target[name as string];
    },
  });
  loadConfig(env);
  return read;
}

/** Environment variables read by name (process.env or an env object) in apps/ (not the web app), libs/, test/. */
function variablesReadElsewhere(): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'web', 'fixtures'].includes(entry.name)) walk(path);
      } else if (entry.name.endsWith('.ts')) {
        const text = readFileSync(path, 'utf8');
        const reads = /\b(?:process\.env\.|process\.env\[['"]|env\.)([A-Z][A-Z0-9_]*)/g;
        for (const match of text.matchAll(reads)) {
          if (!NOT_OURS.has(match[1])) found.set(match[1], relative(ROOT, path));
        }
      }
    }
  };
  for (const dir of ['apps', 'libs', 'test']) walk(join(ROOT, dir));
  return found;
}

describe('docs/configuration.md', () => {
  const markdown = doc('configuration.md');
  const main = tableRows(section(markdown, 'The API and the worker')).map((cells) => ({
    name: codeSpan(cells[0]),
    default: cells[1],
  }));
  const others = ['Set by the start scripts', 'Tests and tools'].flatMap((title) =>
    tableRows(section(markdown, title)).map((cells) => codeSpan(cells[0])),
  );

  it('has CONFIG_VARIABLES name every variable loadConfig reads (development and production)', () => {
    const read = new Set([
      ...variablesRead({}),
      ...variablesRead({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32) }),
    ]);
    expect([...read].sort()).toEqual(CONFIG_VARIABLES.map((v) => v.name).sort());
  });

  it("has loadConfig use CONFIG_VARIABLES' defaults: setting each to its default changes nothing", () => {
    for (const variable of CONFIG_VARIABLES) {
      if (variable.default === null) continue;
      expect([variable.name, loadConfig({ [variable.name]: variable.default })]).toEqual([
        variable.name,
        loadConfig({}),
      ]);
    }
  });

  it('lists every variable of CONFIG_VARIABLES, in its table, once', () => {
    const names = main.map((row) => row.name);
    expect(duplicates(names as string[])).toEqual([]);
    expect([...names].sort()).toEqual(CONFIG_VARIABLES.map((v) => v.name).sort());
  });

  it('gives the default of each as CONFIG_VARIABLES has it', () => {
    const documented = Object.fromEntries(main.map((row) => [row.name, row.default]));
    for (const variable of CONFIG_VARIABLES) {
      if (variable.default === null) continue;
      expect([variable.name, documented[variable.name]]).toEqual([
        variable.name,
        `\`${variable.default}\``,
      ]);
    }
  });

  it('lists every other variable the code reads, and none it does not', () => {
    const elsewhere = variablesReadElsewhere();
    const configured = new Set<string>(CONFIG_VARIABLES.map((v) => v.name));
    const expected = [...elsewhere.keys()].filter((name) => !configured.has(name)).sort();
    expect(expected).toContain('MALLOC_ARENA_MAX');
    expect([...others].sort()).toEqual(expected);
  });
});
