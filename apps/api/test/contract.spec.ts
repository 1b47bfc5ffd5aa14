import { Test } from '@nestjs/testing';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import {
  BreakingChangeType,
  buildSchema,
  findBreakingChanges,
  GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_RESOLVERS } from '../src/graphql/schema-resolvers';

/** The schema the code serves, committed so that an API change shows in a diff. */
const GENERATED = join(__dirname, '../schema.gql');
/** The schema of the last release; it changes only when a release is cut. */
const RELEASED = join(__dirname, '../schema.released.gql');
/** Where a breaking change since the last release must be listed, under "Unreleased". */
const CHANGELOG = join(__dirname, '../../../docs/api-changelog.md');
const UPDATE = process.env.UPDATE_SCHEMA === '1';

const BREAKING_TYPES = new Set<string>(Object.values(BreakingChangeType));

/** The lines of a Markdown section `## {title}`, up to the next `## ` heading. */
export function sectionLines(markdown: string, title: string): string[] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((line) => line.trim() === `## ${title}`);
  if (start < 0) return [];
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  return lines.slice(start + 1, end < 0 ? undefined : end);
}

/** The `- breaking: \`TYPE description\`` lines of the changelog's "Unreleased" section. */
export function listedBreakingChanges(changelog: string): string[] {
  return sectionLines(changelog, 'Unreleased')
    .map((line) => /^\s*[-*]\s+breaking:\s*`([^`]+)`/.exec(line)?.[1].trim())
    .filter((entry): entry is string => entry !== undefined);
}

describe('the GraphQL contract (apps/api/schema.gql, docs/api-changelog.md)', () => {
  let generated: GraphQLSchema;
  let breaking: string[];
  let listed: string[];

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      imports: [GraphQLSchemaBuilderModule],
    }).compile();
    await module.init();
    generated = lexicographicSortSchema(
      await module.get(GraphQLSchemaFactory).create(SCHEMA_RESOLVERS),
    );
    if (UPDATE) writeFileSync(GENERATED, printSchema(generated) + '\n');
    const released = buildSchema(readFileSync(RELEASED, 'utf8'));
    breaking = findBreakingChanges(released, generated).map(
      (change) => `${change.type} ${change.description}`,
    );
    listed = listedBreakingChanges(readFileSync(CHANGELOG, 'utf8'));
  });

  it('matches the committed schema file (run `npm run schema:update` after changing the API)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(printSchema(generated) + '\n');
  });

  it('has the changelog list every change that breaks a client of the last release', () => {
    const known = new Set(listed);
    // Each one missing: add `- breaking: \`<the line>\`` and what a client must do under
    // "## Unreleased" in docs/api-changelog.md, or keep the API compatible instead.
    expect(breaking.filter((change) => !known.has(change))).toEqual([]);
  });

  it('lists no breaking change that the schema no longer makes (stale changelog lines)', () => {
    const now = new Set(breaking);
    expect(listed.filter((line) => !now.has(line))).toEqual([]);
  });

  it('names only graphql-js breaking change types in the changelog', () => {
    expect(listed.filter((line) => !BREAKING_TYPES.has(line.split(' ')[0]))).toEqual([]);
  });

  it('reads the changelog format it documents', () => {
    const sample = [
      '## Unreleased',
      '- breaking: `FIELD_REMOVED Entry.patented was removed.` use `patentNumbers`',
      '- Entry.color added',
      '## 0.1.0',
      '- breaking: `TYPE_REMOVED Old was removed.`',
    ].join('\n');
    expect(listedBreakingChanges(sample)).toEqual(['FIELD_REMOVED Entry.patented was removed.']);
  });
});
