import { CACHE, readPrefix, write } from './idb';
import { Store } from './store';

/**
 * A sheet being filled in, before it is submitted: what each score field holds as typed (a
 * half-typed "8." included) and the comment. Written to IndexedDB at every change, so a reload,
 * a crash or a flat battery loses no keystroke; removed when the sheet goes to the outbox.
 * Drafts live in the `cache` store under keys of their own, so no IndexedDB upgrade (which an
 * open tab of an older version could block) is needed.
 */
export interface Draft {
  judgeId: string;
  assignmentId: string;
  roundId: string;
  /** criterion key → the field's text */
  texts: Record<string, string>;
  comment: string;
  savedAt: string;
}

const PREFIX = 'draft:';
const keyOf = (judgeId: string, assignmentId: string) => `${PREFIX}${judgeId}:${assignmentId}`;

export class Drafts {
  /** The signed-in judge's drafts by assignment id. */
  readonly byAssignment = new Store<Record<string, Draft>>({});
  private judgeId: string | null = null;
  private loading: Promise<void> | null = null;

  /** Reads the judge's drafts once per sign-in (another judge's stay on the tablet, unseen). */
  load(judgeId: string): Promise<void> {
    if (this.judgeId === judgeId && this.loading) return this.loading;
    this.judgeId = judgeId;
    this.byAssignment.set({});
    this.loading = readPrefix<Draft>(CACHE, `${PREFIX}${judgeId}:`).then((list) => {
      if (this.judgeId !== judgeId) return;
      this.byAssignment.set(Object.fromEntries(list.map((d) => [d.assignmentId, d])));
    });
    return this.loading;
  }

  async save(draft: Omit<Draft, 'savedAt'>): Promise<void> {
    const record: Draft = { ...draft, savedAt: new Date().toISOString() };
    if (draft.judgeId === this.judgeId) {
      this.byAssignment.set({ ...this.byAssignment.get(), [draft.assignmentId]: record });
    }
    await write(CACHE, [{ key: keyOf(draft.judgeId, draft.assignmentId), value: record }]);
  }

  async discard(judgeId: string, assignmentId: string): Promise<void> {
    if (judgeId === this.judgeId && this.byAssignment.get()[assignmentId]) {
      const { [assignmentId]: _gone, ...rest } = this.byAssignment.get();
      this.byAssignment.set(rest);
    }
    await write(CACHE, [{ remove: keyOf(judgeId, assignmentId) }]);
  }

  count(): number {
    return Object.keys(this.byAssignment.get()).length;
  }
}

/** The tablet's drafts: one per app, like the outbox. */
export const drafts = new Drafts();
