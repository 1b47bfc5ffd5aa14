import { Role, Viewer } from '@app/core';
import type { EntryJudgeView } from '../entry/entry-ports';
import type { EntryQueryService } from '../entry/entry-query.service';
import type { EntryEntity } from '../entry/entry.entity';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  asSeen,
  BLIND_ROUND_FIELDS,
  EntryVisibilityService,
  HIDDEN_IN_BLIND_ROUND,
  shows,
  sightInRound,
} from './entry-visibility.service';

const entry = { id: 'e1', entrantId: 'entrant-1', regionCode: '450100' } as EntryEntity;
const viewer = (role: Role, more: Partial<Viewer> = {}): Viewer => ({
  userId: 'u',
  role,
  entrantId: null,
  regionCode: null,
  ...more,
});
const ctxOf = (v: Viewer | null) => ({ viewer: v, requestId: 'test', ip: '' });

function service(judgeSees: { blind: boolean } | null) {
  const queries = { byIds: async () => [entry] } as unknown as EntryQueryService;
  const judgeView: EntryJudgeView = { viewOf: async () => judgeSees };
  return new EntryVisibilityService(queries, judgeView);
}

describe('EntryVisibilityService: what each role sees of an entry', () => {
  it.each([
    ['an organiser', viewer(Role.ORGANISER), 'FULL'],
    ['an admin', viewer(Role.ADMIN), 'FULL'],
    [
      "the coordinator of the entry's region",
      viewer(Role.COORDINATOR, { regionCode: '450100' }),
      'FULL',
    ],
    ['a coordinator of another region', viewer(Role.COORDINATOR, { regionCode: '450200' }), null],
    ['its entrant', viewer(Role.ENTRANT, { entrantId: 'entrant-1' }), 'FULL'],
    ['another entrant', viewer(Role.ENTRANT, { entrantId: 'entrant-2' }), null],
    ['the public', null, null],
  ])('%s: %s', async (_who, v, sight) => {
    const seen = await service(null).visible(ctxOf(v), 'e1');
    expect(seen?.sight ?? null).toBe(sight);
  });

  it('a judge: nothing without an assignment, FULL in an open round, BLIND in a blind one', async () => {
    const judge = ctxOf(viewer(Role.JUDGE));
    expect(await service(null).visible(judge, 'e1')).toBeNull();
    expect((await service({ blind: false }).visible(judge, 'e1'))?.sight).toBe('FULL');
    expect((await service({ blind: true }).visible(judge, 'e1'))?.sight).toBe('BLIND');
    expect(sightInRound({ blind: true })).toBe('BLIND');
    expect(sightInRound({ blind: false })).toBe('FULL');
  });

  it('a blind round hides what names or locates the entrant, and keeps the work', () => {
    expect(HIDDEN_IN_BLIND_ROUND).toEqual([
      'entrant',
      'creators',
      'regionCode',
      'patentNumbers',
      'screeningReason',
    ]);
    const model = {
      title: '青瓷瓶',
      code: 'A1-0042',
      creators: ['张三'],
      regionCode: '450100',
      patentNumbers: ['ZL202310000001.2'],
      patented: true,
      screeningReason: '南宁某瓷厂的作品，已核实',
    };
    expect(asSeen(model, 'BLIND')).toEqual({
      title: '青瓷瓶',
      code: 'A1-0042',
      creators: [],
      regionCode: '',
      patentNumbers: [],
      patented: true,
      screeningReason: null,
      sight: 'BLIND',
    });
    expect(asSeen(model, 'FULL')).toEqual({ ...model, sight: 'FULL' });
    expect(model.creators).toEqual(['张三']); // the original is not changed
    expect(shows('BLIND', 'entrant')).toBe(false);
    expect(shows('BLIND', 'title')).toBe(true);
    expect(shows('FULL', 'entrant')).toBe(true);
    expect(shows(undefined, 'entrant')).toBe(true);
  });

  it("decides every field of the API's Entry: a new field fails here until it is listed", () => {
    const schema = readFileSync(join(__dirname, '../../../../apps/api/schema.gql'), 'utf8');
    const body = /\ntype Entry \{\n([\s\S]*?)\n\}/.exec(schema)![1];
    const fields = [...body.matchAll(/^ {2}(\w+)[(:]/gm)].map((m) => m[1]).sort();
    expect(fields.length).toBeGreaterThan(15);
    expect(Object.keys(BLIND_ROUND_FIELDS).sort()).toEqual(fields);
  });
});
