// @ts-check
// The layers as README.md's "Architecture in a few lines" draws them, checked by
// dependency-cruiser (`npm run deps:check`, in CI after the lint). Violations that existed when
// a rule came in are listed in .dependency-cruiser-known-violations.json and do not fail the
// check; any other one does. docs/decisions.md ("Dependency rules") says how to shrink the list.

// Lowest first. core depends on nothing; the libraries of the second layer on core at most (the
// pure ones on nothing); each domain library on the two layers below and the domain libraries
// before it in the chain.
const CORE = 'core';
const PURE = ['validators', 'tabulation', 'documents'];
const INFRA = ['db', 'queue', 'storage', 'media'];
const CHAIN = ['identity', 'audit', 'events', 'entries', 'judging', 'results', 'publication'];

/** @type {Record<string, string[]>} each library: the other libraries it may import */
const MAY_IMPORT = { [CORE]: [] };
for (const lib of PURE) MAY_IMPORT[lib] = [];
for (const lib of INFRA) MAY_IMPORT[lib] = [CORE];
CHAIN.forEach((lib, i) => {
  MAY_IMPORT[lib] = [CORE, ...PURE, ...INFRA, ...CHAIN.slice(0, i)];
});

// Tests: spec files anywhere, a library's or app's own test/ folder, and the top-level test/ and
// bench/ (these two may import anything).
const TEST_FILE = '\\.(spec|e2e-spec|int-spec|fault-spec)\\.tsx?$';
const TEST_DIR = '(^|/)test/';
const TOP_TEST = '^(test|bench)/';
const TESTS = [TEST_FILE, TEST_DIR, TOP_TEST];

// One library or app: libs/<x>, apps/<x>, or apps itself for the files directly in apps/.
const AREA = 'libs/[^/]+|apps/[^/]+(?=/)|apps';

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const layerRules = Object.entries(MAY_IMPORT).map(([lib, allowed]) => ({
  name: `layer-${lib}`,
  comment:
    `libs/${lib} may import ` +
    (allowed.length ? `only these libraries: ${allowed.join(', ')}` : 'no other library') +
    ' (README.md, "Architecture in a few lines": no arrow goes up the layers).',
  severity: 'error',
  from: { path: `^libs/${lib}/` },
  to: { path: '^libs/', pathNot: `^libs/(${[lib, ...allowed].join('|')})/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...layerRules,
    {
      name: 'no-lib-to-app',
      comment: 'A library never imports from apps/: the apps sit on top of the libraries.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'web-only-itself-and-validators',
      comment:
        'apps/web (the browser app) imports only itself and libs/validators (pure functions); ' +
        'anything else would pull server code into the bundle.',
      severity: 'error',
      from: { path: '^apps/web/' },
      to: { path: '^(apps|libs|test|bench)/', pathNot: '^(apps/web|libs/validators)/' },
    },
    {
      name: 'no-app-to-app',
      comment:
        "An app does not import another app (the API serves the browser app's build; the " +
        'worker and the API share code through the libraries or apps/*.ts).',
      severity: 'error',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/web/' },
      to: { path: '^apps/[^/]+/', pathNot: '^apps/$1/' },
    },
    {
      name: 'not-to-test',
      comment:
        'Code in apps/ and libs/ that is not a test does not import tests, test/ (helpers, ' +
        'fixtures: @app/testing, @app/fixtures) or bench/.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: TESTS },
      to: { path: TESTS },
    },
    {
      name: 'no-entity-across-libs',
      comment:
        'A *.entity.ts file is imported only from inside its own library (tests and the ' +
        'migrations aside): other libraries and the apps go through its services.',
      severity: 'error',
      from: {
        path: `^(${AREA})/`,
        pathNot: [...TESTS, '^libs/db/src/migrations/'],
      },
      to: { path: '\\.entity\\.ts$', pathNot: '^$1/' },
    },
    {
      name: 'no-entity-in-lib-api',
      comment:
        "A library's entry point (libs/<x>/src/index.ts, what @app/<x> resolves to) exports an " +
        'entity only as a type (`export type`): other libraries may read the shape of what a ' +
        'service returns, but hold no class to build a repository of a table they do not own.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/index\\.ts$' },
      to: {
        path: '(\\.entity|(^|/|\\.)entities)\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'no-circular',
      comment:
        'No import cycle inside a library or an app (the browser app included). A cycle across ' +
        'libraries or apps always contains an import the rules above forbid, and is reported ' +
        'as that import, not as hundreds of cycles.',
      severity: 'error',
      from: { path: `^(${AREA})/` },
      to: { circular: true, viaOnly: { path: '^$1/' } },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        "Every import resolves to a file or an installed package (a vite plugin's virtual " +
        'module, virtual:pwa-register, exists only in the build).',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^virtual:' },
    },
    {
      name: 'no-non-package-json',
      comment:
        'Every package imported is in package.json, not only installed as a dependency of one.',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-dev-dep',
      comment:
        'The server code (apps and libraries, tests aside) imports no devDependency: the ' +
        'production image prunes them (docker/Dockerfile). Type-only imports and the browser ' +
        'app (bundled by vite) are exempt.',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: [...TESTS, '^apps/web/'] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: '^(dist|coverage|data|test-artifacts)/' },
    // Type-only imports count: with emitDecoratorMetadata many become real ones anyway.
    tsPreCompilationDeps: true,
    // The @app/<name> aliases of tsconfig.base.json.
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
