import { Test } from '@nestjs/testing';
import { GraphQLSchemaBuilderModule, GraphQLSchemaFactory } from '@nestjs/graphql';
import {
  buildSchema,
  findBreakingChanges,
  GraphQLSchema,
  lexicographicSortSchema,
  printSchema,
} from 'graphql';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEMA_RESOLVERS } from '../src/graphql/schema-resolvers';

const CONTRACT = join(__dirname, '../../../../shared/api/contract.graphql');
const PENDING = join(__dirname, 'contract-pending.txt');
const GENERATED = join(__dirname, '../schema.gql');
const UPDATE = process.env.UPDATE_SCHEMA === '1';

/** The lines of the pending file: what later issues will add, one breaking change a line. */
function pendingLines(): string[] {
  return readFileSync(PENDING, 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

describe('the GraphQL contract (shared/api/contract.graphql)', () => {
  let generated: GraphQLSchema;
  let breaking: string[];

  beforeAll(async () => {
    const module = await Test.createTestingModule({
      imports: [GraphQLSchemaBuilderModule],
    }).compile();
    await module.init();
    generated = lexicographicSortSchema(
      await module.get(GraphQLSchemaFactory).create(SCHEMA_RESOLVERS),
    );
    const contract = buildSchema(readFileSync(CONTRACT, 'utf8'));
    breaking = findBreakingChanges(contract, generated).map(
      (change) => `${change.type} ${change.description}`,
    );
    if (UPDATE) writeFileSync(GENERATED, printSchema(generated) + '\n');
  });

  it('finds the contract beside the repository', () => {
    expect(existsSync(CONTRACT)).toBe(true);
  });

  it('has no breaking change except those listed as pending', () => {
    const pending = new Set(pendingLines());
    expect(breaking.filter((change) => !pending.has(change))).toEqual([]);
  });

  it('lists nothing as pending that is already built (the pending file only shrinks)', () => {
    const now = new Set(breaking);
    expect(pendingLines().filter((line) => !now.has(line))).toEqual([]);
  });

  it('matches the committed schema file (run `npm run schema:update` after changing the API)', () => {
    expect(readFileSync(GENERATED, 'utf8')).toBe(printSchema(generated) + '\n');
  });
});
