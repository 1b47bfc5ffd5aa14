import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common/enums/request-method.enum';
import { buildSchema } from 'graphql';
import { Role, Viewer } from '@app/core';
import { ENTRANT_EDITABLE, ORGANISER_EDITABLE } from '@app/entries';
import { canMoveEvent, EventStatus } from '@app/events';
import { CREATABLE_ROLES, PUBLIC_KEY, ROLES_KEY } from '@app/identity';
import {
  creditCodeProblem,
  isValidRegionCode,
  normaliseCreditCode,
  normalisePatentNumber,
  patentNumberProblem,
} from '@app/validators';
import { EDITION } from '../../../bench/scale/scale-options';
// Not part of the entries library's public face; the pure rules themselves.
import { actorFor, mayViewEntry } from '../../../libs/entries/src/entry/entry-access';
import { SCHEMA_RESOLVERS } from '../src/graphql/schema-resolvers';

const ROOT = resolve(__dirname, '../../..');
const DOC = readFileSync(join(ROOT, 'docs/roles-and-rules.md'), 'utf8');

/** The rows of the first Markdown table under the heading `title` (any level), cells trimmed. */
function table(title: string): string[][] {
  const lines = DOC.split('\n');
  const start = lines.findIndex((line) => /^#+ /.test(line) && line.replace(/^#+ /, '') === title);
  if (start < 0) throw new Error(`docs/roles-and-rules.md has no heading "${title}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 1)) {
    if (/^#+ /.test(line)) break;
    if (line.startsWith('|'))
      rows.push(
        line
          .slice(1, -1)
          .split('|')
          .map((cell) => cell.trim()),
      );
    else if (rows.length > 0) break;
  }
  return rows.slice(2); // the header and the --- row
}

/** `a` → a; `` → '' */
const code = (cell: string) => /^`(.*)`$/.exec(cell)?.[1] ?? cell;
const list = (cell: string) =>
  cell === 'nobody' || cell === '—' ? [] : cell.split(',').map((s) => s.trim());

/** The guard's answer for a handler: anyone, signed in, or the roles (AuthGuard's order). */
function gate(handler: object, cls: object): string {
  const pick = <T>(key: string): T | undefined =>
    (Reflect.getMetadata(key, handler) as T | undefined) ?? Reflect.getMetadata(key, cls);
  if (pick<boolean>(PUBLIC_KEY)) return 'anyone';
  const roles = pick<Role[]>(ROLES_KEY);
  return roles ? roles.join(', ') : 'signed in';
}

function methodsOf(cls: Type<unknown>): Array<[string, object]> {
  const proto = cls.prototype as Record<string, unknown>;
  return Object.getOwnPropertyNames(proto)
    .filter((key) => key !== 'constructor' && typeof proto[key] === 'function')
    .map((key) => [key, proto[key] as object]);
}

describe('docs/roles-and-rules.md', () => {
  it('lists every GraphQL operation with the roles its guard lets in', () => {
    const inCode = new Map<string, string>();
    for (const cls of SCHEMA_RESOLVERS) {
      for (const [key, handler] of methodsOf(cls)) {
        const kind = Reflect.getMetadata('graphql:resolver_type', handler) as string | undefined;
        if (kind !== 'Query' && kind !== 'Mutation') continue;
        const name = (Reflect.getMetadata('graphql:resolver_name', handler) as string) ?? key;
        inCode.set(`${kind.toLowerCase()} ${name}`, gate(handler, cls));
      }
    }
    // SCHEMA_RESOLVERS is every resolver: the committed schema has no other root field.
    const schema = buildSchema(readFileSync(join(ROOT, 'apps/api/schema.gql'), 'utf8'));
    const served = [
      ...Object.keys(schema.getQueryType()!.getFields()).map((f) => `query ${f}`),
      ...Object.keys(schema.getMutationType()!.getFields()).map((f) => `mutation ${f}`),
    ];
    expect([...inCode.keys()].sort()).toEqual(served.sort());

    const documented = new Map(
      table('GraphQL operations (_checked_)').map(([op, who]) => [code(op), who]),
    );
    expect(Object.fromEntries([...documented].sort())).toEqual(
      Object.fromEntries([...inCode].sort()),
    );
  });

  it('lists every HTTP controller endpoint with the roles its guard lets in', () => {
    const files = [
      ...readdirSync(join(ROOT, 'apps/api/src/http')).map((f) =>
        join(ROOT, 'apps/api/src/http', f),
      ),
      ...readdirSync(join(ROOT, 'libs')).flatMap((lib) => {
        const dir = join(ROOT, 'libs', lib, 'src/http');
        try {
          return readdirSync(dir).map((f) => join(dir, f));
        } catch {
          return [];
        }
      }),
    ].filter((f) => f.endsWith('.controller.ts'));
    expect(files.length).toBeGreaterThan(0);
    const inCode = new Map<string, string>();
    for (const file of files) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- found by name, so a new one counts
      for (const exported of Object.values(require(file) as Record<string, unknown>)) {
        if (typeof exported !== 'function') continue;
        const prefix = Reflect.getMetadata(PATH_METADATA, exported) as string | undefined;
        if (prefix === undefined) continue;
        for (const [, handler] of methodsOf(exported as Type<unknown>)) {
          const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
          if (path === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          const url = `/${prefix}/${path}`.replace(/\/+/g, '/').replace(/\/$/, '');
          inCode.set(`${method} ${url}`, gate(handler, exported));
        }
      }
    }
    const documented = new Map(
      table('HTTP endpoints (_checked_)').map(([endpoint, who]) => [code(endpoint), who]),
    );
    expect(Object.fromEntries([...documented].sort())).toEqual(
      Object.fromEntries([...inCode].sort()),
    );
  });

  it('says which accounts each role may create, as CREATABLE_ROLES does', () => {
    const documented = Object.fromEntries(
      table('Accounts (_checked_)').map(([creator, may]) => [creator, list(may)]),
    );
    expect(documented).toEqual(CREATABLE_ROLES);
  });

  it('says who sees an entry and who changes it, as mayViewEntry and actorFor do', () => {
    const entry = { entrantId: 'entrant-1', regionCode: '450100' };
    const viewer = (role: Role, more: Partial<Viewer> = {}): Viewer => ({
      userId: 'u',
      role,
      entrantId: null,
      regionCode: null,
      ...more,
    });
    const viewers: Record<string, Viewer | null> = {
      ADMIN: viewer(Role.ADMIN),
      ORGANISER: viewer(Role.ORGANISER),
      'the ENTRANT that filed it': viewer(Role.ENTRANT, { entrantId: 'entrant-1' }),
      'another ENTRANT': viewer(Role.ENTRANT, { entrantId: 'entrant-2' }),
      "COORDINATOR of the entry's region": viewer(Role.COORDINATOR, { regionCode: '450100' }),
      'COORDINATOR of another region': viewer(Role.COORDINATOR, { regionCode: '450200' }),
      JUDGE: viewer(Role.JUDGE),
      'anyone, not signed in': null,
    };
    const rows = table('Who sees an entry (_checked_)');
    expect(rows.map(([who]) => who).sort()).toEqual(Object.keys(viewers).sort());
    for (const [who, sees, changesAs] of rows) {
      const v = viewers[who];
      const actor = actorFor(v, entry.entrantId);
      expect({ who, sees: mayViewEntry(v, entry), as: actor }).toEqual({
        who,
        sees: sees === 'yes',
        as: changesAs === '—' ? null : changesAs.toUpperCase(),
      });
    }
  });

  it('says in which states an entrant and an organiser change an entry', () => {
    const documented = Object.fromEntries(
      table('Entries').map(([as, states]) => [as, list(states)]),
    );
    expect(documented).toEqual({ entrant: ENTRANT_EDITABLE, organiser: ORGANISER_EDITABLE });
  });

  it("gives every step of an event's status, and no other, as canMoveEvent does", () => {
    const statuses = Object.values(EventStatus);
    const documented = Object.fromEntries(
      table('Events').map(([from, to]) => [from, list(to).sort()]),
    );
    const inCode = Object.fromEntries(
      statuses.map((from) => [from, statuses.filter((to) => canMoveEvent(from, to)).sort()]),
    );
    expect(documented).toEqual(inCode);
  });

  it('gives examples the validators agree with', () => {
    const rows = table('Examples (_checked_)');
    const kinds = new Set(rows.map(([kind]) => kind));
    expect(kinds).toEqual(new Set(['credit code', 'patent', 'region']));
    for (const [kind, typedCell, checkedCell, result] of rows) {
      const typed = code(typedCell);
      const checkedAs = code(checkedCell);
      const answer =
        kind === 'credit code'
          ? { as: normaliseCreditCode(typed), is: creditCodeProblem(checkedAs) ?? 'valid' }
          : kind === 'patent'
            ? { as: normalisePatentNumber(typed), is: patentNumberProblem(checkedAs) ?? 'valid' }
            : { as: typed.trim(), is: isValidRegionCode(checkedAs) ? 'valid' : 'invalid' };
      expect({ kind, typed, ...answer }).toEqual({ kind, typed, as: checkedAs, is: code(result) });
    }
    // Each kind shows a valid example and an invalid one; every problem of the two checks.
    for (const kind of kinds) {
      const results = rows.filter(([k]) => k === kind).map(([, , , r]) => code(r));
      expect(results).toContain('valid');
      expect(results.some((r) => r !== 'valid')).toBe(true);
    }
    const shown = new Set(rows.map(([, , , r]) => code(r)));
    for (const problem of [
      'LENGTH',
      'CHARACTERS',
      'AUTHORITY',
      'REGION',
      'ORGANISATION_CODE_CHECK',
      'CHECK_CHARACTER',
      'FORMAT',
      'YEAR',
      'PATENT_TYPE',
    ]) {
      expect(shown).toContain(problem);
    }
  });

  it('gives the scale of an edition as the scale run uses it', () => {
    const documented = Object.fromEntries(
      table('Scale (_checked_)').map(([, key, figure]) => [
        code(key),
        Number(figure.replace(/,/g, '')),
      ]),
    );
    const { entries, entrants, majorCategories, leafCategories, judges, judgesPerEntry, photos } =
      EDITION;
    expect(documented).toEqual({
      entries,
      entrants,
      majorCategories,
      leafCategories,
      judges,
      judgesPerEntry,
      photos,
    });
    expect(DOC).toContain(
      `${(entries * judgesPerEntry).toLocaleString('en')} score sheets a round`,
    );
  });
});
