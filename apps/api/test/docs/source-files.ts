import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** The repository's root. */
export const ROOT = join(__dirname, '../../../..');

export interface SourceFile {
  /** relative to the repository's root, with `/` */
  path: string;
  text: string;
}

/**
 * The server's own TypeScript sources: apps/api, apps/worker, apps/launcher.ts and every
 * libs/<name>/src, without tests (the web app runs in the browser and serves nothing).
 */
export function serverSources(): SourceFile[] {
  const roots = [
    'apps/api/src',
    'apps/worker/src',
    ...readdirSync(join(ROOT, 'libs')).map((lib) => `libs/${lib}/src`),
  ];
  const files: string[] = [join(ROOT, 'apps/launcher.ts')];
  for (const root of roots) walk(join(ROOT, root), files);
  return files
    .filter((file) => file.endsWith('.ts') && !/\.(spec|e2e-spec|int-spec)\.ts$/.test(file))
    .sort()
    .map((file) => ({
      path: relative(ROOT, file).split('\\').join('/'),
      text: readFileSync(file, 'utf8'),
    }));
}

function walk(dir: string, into: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') walk(path, into);
    } else into.push(path);
  }
}

/** A document of docs/, as text. */
export function doc(name: string): string {
  return readFileSync(join(ROOT, 'docs', name), 'utf8');
}

/** The text with comments blanked out (strings are kept; good enough for scanning). */
export function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}
