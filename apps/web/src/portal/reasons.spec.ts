import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { reasonEn, reasonZhCN } from './reasons';

/**
 * Every reason the API can answer has words in both languages (./reasons.ts): the reasons
 * docs/errors.md lists (apps/api/test/docs/errors-doc.spec.ts keeps that page true to the
 * code), and, so that a new reason fails here before its row is written, every value of the
 * reason enums the server declares (`export const …Reason = {…}`, `type …Reason = 'A' | …`).
 */
const ROOT = join(__dirname, '../../../..');
const REASON = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

function documented(section: 'Codes' | 'Reasons'): string[] {
  const markdown = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
  const start = markdown.indexOf(`\n## ${section}`);
  const end = markdown.indexOf('\n## ', start + 1);
  const text = markdown.slice(start, end < 0 ? undefined : end);
  return [...text.matchAll(/^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/gm)].map((m) => m[1]);
}

function sourceFiles(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') sourceFiles(path, into);
    } else if (/\.ts$/.test(entry.name) && !/\.(spec|e2e-spec|int-spec)\.ts$/.test(entry.name)) {
      into.push(path);
    }
  }
  return into;
}

/** The values of the server's declared reason enums, with the file each comes from. */
function declared(): Map<string, string> {
  const roots = [
    join(ROOT, 'apps/api/src'),
    ...readdirSync(join(ROOT, 'libs')).map((lib) => join(ROOT, 'libs', lib, 'src')),
  ];
  const found = new Map<string, string>();
  for (const file of roots.flatMap((root) => sourceFiles(root))) {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    const blocks = [
      ...[...text.matchAll(/export const \w+Reason\s*=\s*\{([^}]*)\}/g)].map((m) => m[1]),
      ...[...text.matchAll(/type \w+Reason\s*=([^;]*);/g)].map((m) => m[1]),
    ];
    for (const block of blocks) {
      for (const [, reason] of block.matchAll(/'([A-Z][A-Z0-9_]*)'/g)) {
        if (REASON.test(reason)) found.set(reason, file.slice(ROOT.length + 1));
      }
    }
  }
  return found;
}

function missingIn(prefix: string, names: Iterable<string>): string[] {
  const missing: string[] = [];
  for (const name of names) {
    for (const [locale, table] of Object.entries({ 'zh-CN': reasonZhCN, en: reasonEn })) {
      const text = (table as Record<string, string | undefined>)[`${prefix}${name}`];
      if (!text?.trim()) missing.push(`${prefix}${name} (${locale})`);
    }
  }
  return [...new Set(missing)].sort();
}

function fail(missing: string[], what: string): void {
  if (missing.length === 0) return;
  throw new Error(
    `${what} has no words in the web app; add each to apps/web/src/portal/reasons.ts ` +
      `(zh-CN and English):\n  ${missing.join('\n  ')}`,
  );
}

describe('every refusal of the API in words (apps/web/src/portal/reasons.ts)', () => {
  const reasons = documented('Reasons');
  const enums = declared();

  it('reads the reasons of docs/errors.md and of the code (the scan still works)', () => {
    expect(reasons.length).toBeGreaterThan(150);
    for (const reason of ['NO_ASSIGNMENTS', 'REASON_REQUIRED', 'UNKNOWN_COLUMN']) {
      expect(reasons).toContain(reason);
    }
    for (const reason of ['ROLE_NOT_ALLOWED', 'VERSION_MISMATCH', 'EMPTY_FILE', 'EMPTY_PANEL']) {
      expect(enums.has(reason)).toBe(true);
    }
  });

  it('has zh-CN and English words for every reason docs/errors.md lists', () => {
    fail(missingIn('why_', reasons), 'A reason of docs/errors.md');
  });

  it('has zh-CN and English words for every reason the server declares', () => {
    const missing = missingIn('why_', enums.keys()).map((line) => {
      const reason = line.replace(/^why_| \(.*$/g, '');
      return `${line} — declared in ${enums.get(reason)}`;
    });
    fail(missing, 'A reason declared in the code');
  });

  it('has words for every error code, said when a reason is new to the web app', () => {
    expect(documented('Codes')).toContain('CONFLICT');
    fail(missingIn('whyCode_', documented('Codes')), 'An error code of docs/errors.md');
  });
});
