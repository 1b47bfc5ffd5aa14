import { assignJudges } from './assign-judges';
import { AssignmentInputError } from './errors';
import { AssignmentInput, EntryInput, ExistingAssignment, JudgeInput, PanelInput } from './types';

const judge = (id: string, affiliationEntrantId: string | null = null): JudgeInput => ({
  id,
  affiliationEntrantId,
});
const entry = (id: string, categoryId = 'cat-1', entrantId = 'entrant-1'): EntryInput => ({
  id,
  categoryId,
  entrantId,
});
const panel = (id: string, categoryIds: string[], judgeIds: string[]): PanelInput => ({
  id,
  categoryIds,
  judgeIds,
});

function input(overrides: Partial<AssignmentInput>): AssignmentInput {
  return {
    mode: 'replace',
    entries: [],
    panels: [panel('p1', ['cat-1'], ['A', 'B', 'C'])],
    judges: [judge('A'), judge('B'), judge('C')],
    conflicts: [],
    judgesPerEntry: 2,
    seed: 7,
    ...overrides,
  };
}

/** entry id → its new judges, sorted. */
function judgesByEntry(output: ReturnType<typeof assignJudges>): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const { entryId, judgeId } of output.assignments) (result[entryId] ??= []).push(judgeId);
  return result;
}

describe('assignJudges', () => {
  it('gives every entry judgesPerEntry distinct judges of its own panel, evenly', () => {
    const output = assignJudges(
      input({
        panels: [
          panel('p1', ['cat-1'], ['A', 'B', 'C']),
          panel('p2', ['cat-2', 'cat-3'], ['D', 'E']),
        ],
        judges: ['A', 'B', 'C', 'D', 'E'].map((id) => judge(id)),
        entries: [
          entry('e1'),
          entry('e2'),
          entry('e3'),
          entry('e4', 'cat-2'),
          entry('e5', 'cat-3'),
        ],
      }),
    );
    const byEntry = judgesByEntry(output);
    for (const id of ['e1', 'e2', 'e3']) {
      expect(byEntry[id]).toHaveLength(2);
      expect(['A', 'B', 'C']).toEqual(expect.arrayContaining(byEntry[id]));
    }
    expect(byEntry.e4).toEqual(['D', 'E']);
    expect(byEntry.e5).toEqual(['D', 'E']);
    expect(output.assignments.filter((a) => a.panelId === 'p2')).toHaveLength(4);
    // 6 assignments over A, B, C: 2 each; D and E judge both of p2's entries.
    expect(output.report).toEqual({
      assignments: 10,
      minLoad: 2,
      maxLoad: 2,
      unassignable: [],
      panels: [
        { panelId: 'p1', entries: 3, minLoad: 2, maxLoad: 2 },
        { panelId: 'p2', entries: 2, minLoad: 2, maxLoad: 2 },
      ],
    });
  });

  it('orders the new assignments by entry id, then judge id', () => {
    const output = assignJudges(
      input({ entries: [entry('e3'), entry('e1'), entry('e2')], judgesPerEntry: 3 }),
    );
    expect(output.assignments.map((a) => `${a.entryId}:${a.judgeId}`)).toEqual([
      'e1:A',
      'e1:B',
      'e1:C',
      'e2:A',
      'e2:B',
      'e2:C',
      'e3:A',
      'e3:B',
      'e3:C',
    ]);
  });

  it('never gives an entry to a judge affiliated with its entrant or declared in conflict', () => {
    const output = assignJudges(
      input({
        judges: [judge('A', 'acme'), judge('B'), judge('C')],
        conflicts: [
          { judgeId: 'C', entrantId: 'globex' },
          { judgeId: 'B', entryId: 'e3' },
        ],
        entries: [entry('e1', 'cat-1', 'acme'), entry('e2', 'cat-1', 'globex'), entry('e3')],
      }),
    );
    // Each entry has exactly two judges left, so the conflicts decide it all.
    expect(judgesByEntry(output)).toEqual({ e1: ['B', 'C'], e2: ['A', 'B'], e3: ['A', 'C'] });
    expect(output.report.unassignable).toEqual([]);
  });

  it('balances where least-loaded-first in plain order would not', () => {
    // e1 may go to A or B, e2 only to A (B and C conflicted), e3 only to C. Taking e1 first
    // and giving it A (a tie) would leave A with 2 and B with 0; the optimum is 1, 1, 1.
    for (let seed = 0; seed < 20; seed++) {
      const output = assignJudges(
        input({
          judgesPerEntry: 1,
          seed,
          conflicts: [
            { judgeId: 'C', entryId: 'e1' },
            { judgeId: 'B', entryId: 'e2' },
            { judgeId: 'C', entryId: 'e2' },
            { judgeId: 'A', entryId: 'e3' },
            { judgeId: 'B', entryId: 'e3' },
          ],
          entries: [entry('e1'), entry('e2'), entry('e3')],
        }),
      );
      expect(judgesByEntry(output)).toEqual({ e1: ['B'], e2: ['A'], e3: ['C'] });
      expect(output.report.panels[0]).toMatchObject({ minLoad: 1, maxLoad: 1 });
    }
  });

  it('evens out what the greedy start leaves uneven, for every seed', () => {
    // e1 may not go to C, e2 not to D. When e1 takes A and B (all loads 0, a fair tie), the
    // greedy gives e2 C and A or B: loads 2, 1, 1, 0. Only the repair reaches 1, 1, 1, 1.
    for (let seed = 0; seed < 40; seed++) {
      const output = assignJudges(
        input({
          seed,
          panels: [panel('p1', ['cat-1'], ['A', 'B', 'C', 'D'])],
          judges: ['A', 'B', 'C', 'D'].map((id) => judge(id)),
          conflicts: [
            { judgeId: 'C', entryId: 'e1' },
            { judgeId: 'D', entryId: 'e2' },
          ],
          entries: [entry('e1'), entry('e2')],
        }),
      );
      expect(output.report.panels[0]).toMatchObject({ minLoad: 1, maxLoad: 1 });
      expect(judgesByEntry(output).e1).toContain('D');
      expect(judgesByEntry(output).e2).toContain('C');
    }
  });

  it('lists an entry whose category no panel covers as NO_PANEL, and assigns the others', () => {
    const output = assignJudges(input({ entries: [entry('e1'), entry('e2', 'cat-9')] }));
    expect(output.report.unassignable).toEqual([
      { entryId: 'e2', reason: 'NO_PANEL', activeJudges: 0 },
    ]);
    expect(judgesByEntry(output).e1).toHaveLength(2);
    expect(judgesByEntry(output).e2).toBeUndefined();
  });

  it('gives an entry of a panel too small every judge it has, and lists it', () => {
    const output = assignJudges(input({ judgesPerEntry: 4, entries: [entry('e1'), entry('e2')] }));
    expect(judgesByEntry(output)).toEqual({ e1: ['A', 'B', 'C'], e2: ['A', 'B', 'C'] });
    expect(output.report.unassignable).toEqual([
      { entryId: 'e1', reason: 'NOT_ENOUGH_JUDGES', activeJudges: 3 },
      { entryId: 'e2', reason: 'NOT_ENOUGH_JUDGES', activeJudges: 3 },
    ]);
  });

  it('lists an entry that conflicts leave without enough judges', () => {
    const output = assignJudges(
      input({
        judges: [judge('A', 'acme'), judge('B', 'acme'), judge('C')],
        entries: [entry('e1', 'cat-1', 'acme')],
      }),
    );
    expect(judgesByEntry(output)).toEqual({ e1: ['C'] });
    expect(output.report.unassignable).toEqual([
      { entryId: 'e1', reason: 'NOT_ENOUGH_JUDGES', activeJudges: 1 },
    ]);
  });

  it('counts every judge of a panel with entries in the loads, idle ones too, and no other', () => {
    const output = assignJudges(
      input({
        judgesPerEntry: 1,
        panels: [panel('p1', ['cat-1'], ['A', 'B', 'C']), panel('p2', ['cat-2'], ['D'])],
        judges: ['A', 'B', 'C', 'D'].map((id) => judge(id)),
        entries: [entry('e1'), entry('e2')],
      }),
    );
    // Two entries for three judges: one judge idle (0); D's panel has no entries: not counted.
    expect(output.report).toMatchObject({ assignments: 2, minLoad: 0, maxLoad: 1 });
    expect(output.report.panels).toEqual([{ panelId: 'p1', entries: 2, minLoad: 0, maxLoad: 1 }]);
  });

  it('balances a judge on two panels within each, and reports its load over both', () => {
    const output = assignJudges(
      input({
        judgesPerEntry: 1,
        panels: [panel('p1', ['cat-1'], ['A', 'B']), panel('p2', ['cat-2'], ['B', 'C'])],
        entries: [entry('e1'), entry('e2'), entry('e3', 'cat-2'), entry('e4', 'cat-2')],
      }),
    );
    expect(output.report.panels).toEqual([
      { panelId: 'p1', entries: 2, minLoad: 1, maxLoad: 1 },
      { panelId: 'p2', entries: 2, minLoad: 1, maxLoad: 1 },
    ]);
    // B judges one entry in each panel: 2 in the round, A and C 1 each.
    expect(output.report).toMatchObject({ assignments: 4, minLoad: 1, maxLoad: 2 });
  });

  it('reports 0 and 0 when no panel has entries', () => {
    const output = assignJudges(input({ entries: [entry('e1', 'cat-9')] }));
    expect(output.report).toMatchObject({ assignments: 0, minLoad: 0, maxLoad: 0, panels: [] });
  });

  it('uses the seed: other seeds may pick other judges among equals', () => {
    const outputs = new Set<string>();
    for (let seed = 0; seed < 10; seed++) {
      const output = assignJudges(input({ seed, judgesPerEntry: 1, entries: [entry('e1')] }));
      outputs.add(output.assignments[0].judgeId);
    }
    expect(outputs.size).toBeGreaterThan(1);
  });

  describe('replace (DRAFT)', () => {
    it('ignores existing assignments, recused ones included', () => {
      const existing: ExistingAssignment[] = [
        { entryId: 'e1', judgeId: 'A', status: 'PENDING' },
        { entryId: 'e1', judgeId: 'B', status: 'RECUSED' },
      ];
      const output = assignJudges(
        input({
          mode: 'replace',
          panels: [panel('p1', ['cat-1'], ['A', 'B'])],
          entries: [entry('e1')],
          existing,
        }),
      );
      expect(judgesByEntry(output)).toEqual({ e1: ['A', 'B'] });
      expect(output.report.assignments).toBe(2);
    });
  });

  describe('topUp (OPEN)', () => {
    it('replaces a recusal with another judge, never the one who recused', () => {
      for (let seed = 0; seed < 20; seed++) {
        const output = assignJudges(
          input({
            mode: 'topUp',
            seed,
            entries: [entry('e1')],
            existing: [
              { entryId: 'e1', judgeId: 'A', status: 'SUBMITTED' },
              { entryId: 'e1', judgeId: 'B', status: 'RECUSED' },
            ],
          }),
        );
        expect(output.assignments).toEqual([{ entryId: 'e1', judgeId: 'C', panelId: 'p1' }]);
        expect(output.report).toMatchObject({ assignments: 2, unassignable: [] });
      }
    });

    it('lists the entry when only the judge who recused could replace the recusal', () => {
      const output = assignJudges(
        input({
          mode: 'topUp',
          panels: [panel('p1', ['cat-1'], ['A', 'B'])],
          entries: [entry('e1')],
          existing: [
            { entryId: 'e1', judgeId: 'A', status: 'PENDING' },
            { entryId: 'e1', judgeId: 'B', status: 'RECUSED' },
          ],
        }),
      );
      expect(output.assignments).toEqual([]);
      expect(output.report.unassignable).toEqual([
        { entryId: 'e1', reason: 'NOT_ENOUGH_JUDGES', activeJudges: 1 },
      ]);
    });

    it('keeps SUBMITTED and PENDING assignments and only adds what entries lack', () => {
      const existing: ExistingAssignment[] = [
        { entryId: 'e1', judgeId: 'A', status: 'SUBMITTED' },
        { entryId: 'e1', judgeId: 'B', status: 'PENDING' },
        { entryId: 'e2', judgeId: 'A', status: 'PENDING' },
      ];
      const output = assignJudges(
        input({ mode: 'topUp', entries: [entry('e1'), entry('e2'), entry('e3')], existing }),
      );
      const byEntry = judgesByEntry(output);
      expect(byEntry.e1).toBeUndefined();
      expect(byEntry.e2).toHaveLength(1);
      expect(byEntry.e2[0]).not.toBe('A');
      expect(byEntry.e3).toHaveLength(2);
      expect(output.report.assignments).toBe(6);
      // Existing loads count: A already has 2, so e3 goes to the two others where it can.
      expect(output.report.panels[0]).toMatchObject({ minLoad: 2, maxLoad: 2 });
    });

    it('counts existing loads when balancing the new assignments', () => {
      const output = assignJudges(
        input({
          mode: 'topUp',
          judgesPerEntry: 1,
          entries: [entry('e1'), entry('e2'), entry('e3'), entry('e4')],
          existing: [
            { entryId: 'e1', judgeId: 'A', status: 'SUBMITTED' },
            { entryId: 'e2', judgeId: 'A', status: 'SUBMITTED' },
          ],
        }),
      );
      expect(judgesByEntry(output)).toEqual(
        expect.objectContaining({ e3: [expect.any(String)], e4: [expect.any(String)] }),
      );
      expect(output.assignments.map((a) => a.judgeId).sort()).toEqual(['B', 'C']);
    });

    it('does not count assignments of entries it was not given', () => {
      const output = assignJudges(
        input({
          mode: 'topUp',
          judgesPerEntry: 1,
          entries: [entry('e1')],
          existing: [{ entryId: 'gone', judgeId: 'A', status: 'SUBMITTED' }],
        }),
      );
      expect(output.report).toMatchObject({ assignments: 1, minLoad: 0, maxLoad: 1 });
    });
  });

  describe('refuses an invalid input with BAD_USER_INPUT', () => {
    const refusal = (overrides: Partial<AssignmentInput>) => {
      try {
        assignJudges(input(overrides));
      } catch (error) {
        expect(error).toBeInstanceOf(AssignmentInputError);
        expect((error as AssignmentInputError).code).toBe('BAD_USER_INPUT');
        return (error as AssignmentInputError).reason;
      }
      throw new Error('no error');
    };

    it.each([0, -1, 1.5, Number.NaN])('judgesPerEntry %p', (judgesPerEntry) => {
      expect(refusal({ judgesPerEntry })).toBe('INVALID_JUDGES_PER_ENTRY');
    });

    it.each([0.5, Number.NaN, 2 ** 53])('seed %p', (seed) => {
      expect(refusal({ seed })).toBe('INVALID_SEED');
    });

    it('two entries with one id', () => {
      expect(refusal({ entries: [entry('e1'), entry('e1', 'cat-2')] })).toBe('DUPLICATE_ID');
    });

    it('two judges with one id', () => {
      expect(refusal({ judges: [judge('A'), judge('B'), judge('C'), judge('A')] })).toBe(
        'DUPLICATE_ID',
      );
    });

    it('an invalid panel', () => {
      expect(
        refusal({
          panels: [panel('p1', ['cat-1'], ['A']), panel('p2', ['cat-1'], ['B'])],
        }),
      ).toBe('CATEGORY_IN_TWO_PANELS');
    });

    it('two existing assignments of one judge to one entry, in topUp', () => {
      const existing: ExistingAssignment[] = [
        { entryId: 'e1', judgeId: 'A', status: 'RECUSED' },
        { entryId: 'e1', judgeId: 'A', status: 'PENDING' },
      ];
      expect(refusal({ mode: 'topUp', entries: [entry('e1')], existing })).toBe(
        'DUPLICATE_ASSIGNMENT',
      );
    });

    it('names the same duplicate assignment whatever the order of the rows', () => {
      const existing: ExistingAssignment[] = [
        { entryId: 'e2', judgeId: 'B', status: 'PENDING' },
        { entryId: 'e2', judgeId: 'B', status: 'RECUSED' },
        { entryId: 'e1', judgeId: 'C', status: 'SUBMITTED' },
        { entryId: 'e1', judgeId: 'C', status: 'PENDING' },
      ];
      const details = (rows: ExistingAssignment[]) => {
        try {
          assignJudges(
            input({ mode: 'topUp', entries: [entry('e1'), entry('e2')], existing: rows }),
          );
        } catch (error) {
          return (error as AssignmentInputError).details;
        }
        throw new Error('no error');
      };
      expect(details(existing)).toEqual({ entryId: 'e1', judgeId: 'C' });
      expect(details([...existing].reverse())).toEqual({ entryId: 'e1', judgeId: 'C' });
    });
  });
});
