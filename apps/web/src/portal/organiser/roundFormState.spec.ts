import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PortalRound } from '../ops';
import {
  emptyCriterion,
  formOf,
  inputOf,
  movedTieBreak,
  RoundFormState,
  withoutCriterion,
} from './roundFormState';

/** A stored round whose every setting differs from a new round's default. */
const stored: PortalRound = {
  id: 'r2',
  eventId: 'e1',
  name: '复评',
  sequence: 2,
  status: 'DRAFT',
  blind: false,
  aggregation: 'TRIMMED_MEAN',
  trimCount: 2,
  rankingScope: 'PARENT_CATEGORY',
  judgesPerEntry: 5,
  minSheets: 4,
  previousRoundId: 'r1',
  tieBreakCriteria: ['craft', 'design'],
  tiePolicy: 'EXCLUDE_TIES',
  criteria: [
    { key: 'design', name: '设计', weight: 60, maxScore: 10, step: 0.5 },
    { key: 'craft', name: '工艺', weight: 40, maxScore: 5, step: 0.25 },
  ],
  awardTiers: [
    { key: 'gold', name: '金奖', rank: 1, quota: { mode: 'PERCENT', value: 10 } },
    { key: 'silver', name: '银奖', rank: 2, quota: { mode: 'PERCENT', value: 20 } },
  ],
  advancement: { mode: 'COUNT', value: 3 },
  panels: [],
  progress: { assignments: 0, submitted: 0, recused: 0, entriesTotal: 0, entriesComplete: 0 },
  judgeProgress: [],
  tabulation: null,
};

/** The settings of a stored round as CreateRoundInput names them. */
const settingsOf = (round: PortalRound) => ({
  eventId: round.eventId,
  name: round.name,
  previousRoundId: round.previousRoundId,
  blind: round.blind,
  aggregation: round.aggregation,
  trimCount: round.trimCount,
  rankingScope: round.rankingScope,
  judgesPerEntry: round.judgesPerEntry,
  minSheets: round.minSheets,
  criteria: round.criteria,
  tieBreakCriteria: round.tieBreakCriteria,
  tiePolicy: round.tiePolicy,
  awardTiers: round.awardTiers.map(({ key, name, quota }) => ({ key, name, quota })),
  advancement: round.advancement,
});

/** The fields of CreateRoundInput in the API's schema, the input updateRound replaces. */
function contractFields(): string[] {
  const schema = readFileSync(join(__dirname, '../../../../api/schema.gql'), 'utf8');
  const block = /input CreateRoundInput \{([^}]*)\}/.exec(schema);
  if (!block) throw new Error('CreateRoundInput is not in apps/api/schema.gql');
  return block[1]
    .replace(/"""[\s\S]*?"""/g, '')
    .split('\n')
    .map((line) => /^\s*(\w+)\s*:/.exec(line)?.[1])
    .filter((name): name is string => !!name)
    .sort();
}

describe('the round form’s state', () => {
  it('sends back every stored setting unchanged when nothing is touched', () => {
    expect(inputOf('e1', formOf(stored))).toEqual(settingsOf(stored));
  });

  it('carries every field of CreateRoundInput, so a setting the form does not know fails here', () => {
    expect(Object.keys(inputOf('e1', formOf(stored))).sort()).toEqual(contractFields());
    expect(Object.keys(inputOf('e1', formOf(null))).sort()).toEqual(contractFields());
  });

  it('changes only the name when only the name is edited', () => {
    const form: RoundFormState = { ...formOf(stored), name: '  终审 ' };
    expect(inputOf('e1', form)).toEqual({ ...settingsOf(stored), name: '终审' });
  });

  it('keeps the trim count when the aggregation is not a trimmed mean (hidden, not lost)', () => {
    const form = { ...formOf(stored), aggregation: 'MEAN' as const };
    expect(inputOf('e1', form).trimCount).toBe(2);
  });

  it('gives every tier the one quota mode', () => {
    const form = { ...formOf(stored), quotaMode: 'COUNT' as const };
    expect(inputOf('e1', form).awardTiers?.map((a) => a.quota)).toEqual([
      { mode: 'COUNT', value: 10 },
      { mode: 'COUNT', value: 20 },
    ]);
  });

  it('follows a criterion whose key is renamed, and drops a removed one from the tie-breaks', () => {
    const form = formOf(stored);
    const [design, craft] = form.criteria;
    const renamed = {
      ...form,
      criteria: [design, { ...craft, key: 'technique' }],
    };
    expect(inputOf('e1', renamed).tieBreakCriteria).toEqual(['technique', 'design']);
    expect(inputOf('e1', withoutCriterion(renamed, craft.id)).tieBreakCriteria).toEqual(['design']);
  });

  it('reorders the tie-breaks, and goes no further than either end', () => {
    expect(movedTieBreak([1, 2, 3], 2, -1)).toEqual([1, 3, 2]);
    expect(movedTieBreak([1, 2, 3], 0, 1)).toEqual([2, 1, 3]);
    expect(movedTieBreak([1, 2, 3], 0, -1)).toEqual([1, 2, 3]);
    expect(movedTieBreak([1, 2, 3], 2, 1)).toEqual([1, 2, 3]);
  });

  it('starts a new round with the rules’ defaults', () => {
    const input = inputOf('e1', {
      ...formOf(null),
      name: '初评',
      criteria: [{ ...emptyCriterion('design'), name: '设计' }],
    });
    expect(input).toMatchObject({
      trimCount: 1,
      tiePolicy: 'INCLUDE_TIES',
      tieBreakCriteria: [],
      aggregation: 'MEAN',
      minSheets: null,
      judgesPerEntry: 3,
      awardTiers: [],
      advancement: null,
    });
  });
});
