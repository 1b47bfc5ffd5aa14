import { RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { loadConfig } from '@app/core';
import { ApiModule } from '../../src/api.module';
import { QUEUE_MONITOR_PATH } from '../../src/http/queue-monitor';
import { duplicates } from './markdown';
import { doc, serverSources, withoutComments } from './source-files';

type ModuleRef = Type | { module: Type; imports?: unknown[]; controllers?: Type[] };

/** Every controller of the module graph below `root` (static and dynamic modules, forwardRefs). */
function controllersBelow(root: ModuleRef): Type[] {
  const seen = new Set<unknown>();
  const controllers = new Set<Type>();
  const visit = (node: unknown): void => {
    if (!node || seen.has(node) || node instanceof Promise) return;
    seen.add(node);
    if (typeof node === 'object' && 'forwardRef' in node) {
      return visit((node as { forwardRef: () => unknown }).forwardRef());
    }
    const dynamic = typeof node === 'function' ? undefined : (node as Exclude<ModuleRef, Type>);
    const moduleClass = dynamic ? dynamic.module : (node as Type);
    const meta = (key: string): unknown[] =>
      (Reflect.getMetadata(key, moduleClass) as unknown[] | undefined) ?? [];
    for (const controller of [...meta('controllers'), ...(dynamic?.controllers ?? [])]) {
      controllers.add(controller as Type);
    }
    for (const imported of [...meta('imports'), ...(dynamic?.imports ?? [])]) visit(imported);
  };
  visit(root);
  return [...controllers];
}

function joinPath(...parts: string[]): string {
  const path = parts
    .flatMap((part) => part.split('/'))
    .filter((segment) => segment !== '')
    .join('/');
  return `/${path}`.replace(/:(\w+)/g, '{$1}');
}

/** `METHOD /path` of every handler of the Nest controllers, parameters written `{name}`. */
function controllerRoutes(controllers: Type[]): string[] {
  const routes: string[] = [];
  for (const controller of controllers) {
    const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[]].flat();
    const prototype = controller.prototype as Record<string, unknown>;
    for (const name of Object.getOwnPropertyNames(prototype)) {
      const handler = prototype[name];
      if (name === 'constructor' || typeof handler !== 'function') continue;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) continue;
      const paths = [Reflect.getMetadata(PATH_METADATA, handler) as string | string[]].flat();
      for (const prefix of prefixes) {
        for (const path of paths) routes.push(`${RequestMethod[method]} ${joinPath(prefix, path)}`);
      }
    }
  }
  return routes.sort();
}

/**
 * The paths mounted on the Express app outside Nest's controllers: `app.use('/x', …)` (a
 * literal, or a template or constant of QUEUE_MONITOR_PATH) and the web app's static files
 * (`useStaticAssets`, at `/`). Path-less middleware (`app.use(fn)`) serves no route of its own.
 */
function expressMounts(): { mounts: string[]; unreadable: string[] } {
  const constants: Record<string, string> = { QUEUE_MONITOR_PATH };
  const mounts: string[] = [];
  const unreadable: string[] = [];
  for (const file of serverSources()) {
    const text = withoutComments(file.text);
    for (const match of text.matchAll(/\bapp\.use\(\s*([^,)]+)/g)) {
      const first = match[1].trim();
      const literal = /^(['`])([^'`]*)\1$/.exec(first)?.[2];
      if (literal !== undefined) {
        mounts.push(literal.replace(/\$\{(\w+)\}/g, (_, name: string) => constants[name] ?? _));
      } else if (constants[first] !== undefined) {
        mounts.push(constants[first]);
      } else if (!/^\w+$/.test(first) && !first.startsWith('(')) {
        unreadable.push(`${file.path}: app.use(${first}`);
      }
      // else: a middleware function by name or inline, no path
    }
    if (/\.useStaticAssets\(/.test(text)) mounts.push('/');
  }
  return { mounts: [...new Set(mounts)].sort(), unreadable };
}

/** The `### \`METHOD /path\`` headings of docs/http.md. */
function documentedRoutes(): string[] {
  return doc('http.md')
    .split('\n')
    .map((line) => /^### `([A-Z]+) (\/[^`\s]*)`$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => `${match[1]} ${match[2]}`);
}

describe('docs/http.md', () => {
  const controllers = controllersBelow(ApiModule.forRoot(loadConfig({})));
  const routes = controllerRoutes(controllers);
  const { mounts, unreadable } = expressMounts();
  const documented = documentedRoutes();
  const isMount = (route: string) => mounts.includes(route.split(' ')[1]);

  it('finds the routes in the code (the walk still works)', () => {
    expect(routes).toContain('GET /health/live');
    expect(routes).toContain('GET /api/publications/{id}/certificates/{file}');
    expect(mounts).toEqual(expect.arrayContaining(['/graphql', '/admin/queues', '/']));
    expect(unreadable).toEqual([]);
  });

  it('documents every route of the Nest controllers, with its method', () => {
    expect(routes.filter((route) => !documented.includes(route))).toEqual([]);
  });

  it('documents every path mounted on Express outside the controllers', () => {
    const paths = documented.map((route) => route.split(' ')[1]);
    expect(mounts.filter((mount) => !paths.includes(mount))).toEqual([]);
  });

  it('documents no route the API does not serve', () => {
    expect(documented.filter((route) => !routes.includes(route) && !isMount(route))).toEqual([]);
  });

  it('documents each route once', () => {
    expect(duplicates(documented)).toEqual([]);
  });
});
