/**
 * `node -r ./test/helpers/register-ts.cjs some.ts`: runs the TypeScript sources in a process
 * of their own without a build, as jest does (the same swc options and @app/… paths as the
 * jest config in package.json). For tests that must watch a server process from outside (its
 * memory, its exit), e.g. test/hostile/import-bomb.e2e-spec.ts. Every file is compiled as it
 * is first required.
 */
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { transformSync } = require('@swc/core');

const ROOT = join(__dirname, '..', '..');

/** jest's moduleNameMapper, for Node's resolver. */
function mapped(request) {
  const match = /^@app\/(.+)$/.exec(request);
  if (!match) return request;
  if (match[1] === 'testing') return join(ROOT, 'test', 'helpers');
  if (match[1] === 'fixtures') return join(ROOT, 'test', 'fixtures');
  return join(ROOT, 'libs', match[1], 'src');
}

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolveFilename.call(this, mapped(request), ...rest);
};

const OPTIONS = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...OPTIONS, filename });
  module._compile(code, filename);
};
