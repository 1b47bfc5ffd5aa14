import type { NewAssignment } from '../solver';
import { planDraftWrite, StoredAssignment } from './draft-write-plan';

/** A small deterministic generator, so a failure can be replayed. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomAssignments(random: () => number, entries: number, judges: number, k: number) {
  const rows: NewAssignment[] = [];
  for (let e = 0; e < entries; e++) {
    if (random() < 0.1) continue; // an entry left out (withdrawn, or no judge)
    const pool = Array.from({ length: judges }, (_, j) => `j${j}`);
    const count = random() < 0.1 ? Math.floor(random() * k) : k; // sometimes short
    for (let i = 0; i < count; i++) {
      const [judgeId] = pool.splice(Math.floor(random() * pool.length), 1);
      rows.push({ entryId: `e${e}`, judgeId, panelId: random() < 0.05 ? 'p2' : 'p1' });
    }
  }
  return rows;
}

/** Applies a plan in the order the writer runs it, failing on any (entry, judge) collision. */
function apply(stored: StoredAssignment[], plan: ReturnType<typeof planDraftWrite>) {
  const rows = new Map(stored.map((r) => [r.id, { ...r }]));
  const keys = new Set(stored.map((r) => `${r.entryId}/${r.judgeId}`));
  for (const id of plan.deleteIds) {
    const row = rows.get(id)!;
    keys.delete(`${row.entryId}/${row.judgeId}`);
    rows.delete(id);
  }
  for (const change of plan.changes) {
    const row = rows.get(change.id)!;
    const key = `${row.entryId}/${change.judgeId}`;
    if (change.judgeId !== row.judgeId) {
      if (keys.has(key)) throw new Error(`UPDATE collides on ${key}`);
      keys.delete(`${row.entryId}/${row.judgeId}`);
      keys.add(key);
    }
    row.judgeId = change.judgeId;
    row.panelId = change.panelId;
  }
  plan.inserts.forEach((a, i) => {
    const key = `${a.entryId}/${a.judgeId}`;
    if (keys.has(key)) throw new Error(`INSERT collides on ${key}`);
    keys.add(key);
    rows.set(`new${i}`, { id: `new${i}`, ...a });
  });
  return [...rows.values()];
}

const triples = (rows: readonly NewAssignment[]) =>
  rows.map((r) => `${r.entryId}/${r.judgeId}/${r.panelId}`).sort();

describe('planDraftWrite', () => {
  it('writes nothing when the new assignments are the stored ones', () => {
    const next = randomAssignments(lcg(1), 50, 8, 3);
    const stored = next.map((a, i) => ({ id: `a${i}`, ...a }));
    expect(planDraftWrite(stored, [...next].reverse())).toEqual({
      deleteIds: [],
      changes: [],
      inserts: [],
    });
  });

  it('turns a lost and a gained judge of an entry into one change of its row', () => {
    const stored = [
      { id: 'a1', entryId: 'e1', judgeId: 'j1', panelId: 'p1' },
      { id: 'a2', entryId: 'e1', judgeId: 'j2', panelId: 'p1' },
    ];
    const plan = planDraftWrite(stored, [
      { entryId: 'e1', judgeId: 'j3', panelId: 'p1' },
      { entryId: 'e1', judgeId: 'j1', panelId: 'p1' },
    ]);
    expect(plan).toEqual({
      deleteIds: [],
      changes: [{ id: 'a2', judgeId: 'j3', panelId: 'p1' }],
      inserts: [],
    });
  });

  it.each([2, 3, 5, 8, 13])(
    'seed %i: applied in order it gives exactly the new assignments, never colliding',
    (seed) => {
      const random = lcg(seed);
      const stored = randomAssignments(random, 200, 10, 5).map((a, i) => ({ id: `a${i}`, ...a }));
      const next = randomAssignments(random, 200, 10, 5);
      const plan = planDraftWrite(stored, next);
      expect(triples(apply(stored, plan))).toEqual(triples(next));
      // A row is deleted only when its entry gains no judge that could take it over.
      const entryOf = new Map(stored.map((r) => [r.id, r.entryId]));
      const inserted = new Set(plan.inserts.map((a) => a.entryId));
      expect(plan.deleteIds.filter((id) => inserted.has(entryOf.get(id)!))).toEqual([]);
      expect(plan.deleteIds.length).toBeGreaterThan(0); // the generator drops entries
      expect(plan.changes.length).toBeGreaterThan(0);
    },
  );
});
