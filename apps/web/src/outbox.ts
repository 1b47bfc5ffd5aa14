import { ApiError, gql, MY_ASSIGNMENTS, NetworkError, ScoreSheet, SUBMIT_SHEET } from './api';
import { newClientMutationId } from './ids';
import { readAll, SHEETS, write } from './idb';
import { CriterionSpec, fromHundredths } from './scores';
import { Store } from './store';

/**
 * waiting: saved on the tablet, not yet acknowledged by the server.
 * conflict: the server answered CONFLICT (changed on another device, round closed, …).
 * rejected: any other refusal. Neither of the last two is ever dropped without the judge.
 */
export type PendingState = 'waiting' | 'conflict' | 'rejected';

export interface PendingSheet {
  clientMutationId: string;
  /** whose sheet it is: only they send it or see it */
  judgeId: string;
  assignmentId: string;
  roundId: string;
  entryCode: string;
  criteria: Array<CriterionSpec & { name: string }>;
  /** criterion key → hundredths */
  scores: Record<string, number>;
  comment: string;
  baseVersion: number | null;
  savedAt: string;
  state: PendingState;
  attempts: number;
  error?: { code: string; reason?: string; message: string };
  /** The server's sheet when the conflict was found (null: it has none). */
  server?: ScoreSheet | null;
}

const MAX_BACKOFF_MS = 30_000;

/**
 * Every sheet is written to IndexedDB with its clientMutationId before it is sent, and stays
 * there until the server has it. Sending is one at a time, oldest first; a network failure
 * stops the run and retries with backoff, or at once when the browser says it is online again.
 * A retry sends the same clientMutationId, so a sheet the server stored before the answer was
 * lost is answered, not stored twice.
 */
export class Outbox {
  /** The signed-in judge's sheets on this tablet (a tablet may pass between judges). */
  readonly sheets = new Store<PendingSheet[]>([]);
  /**
   * What every judge left on this tablet: a new version of the app waits while it is not zero
   * (UpdateBanner), whoever is signed in.
   */
  readonly onTablet = new Store<{ waiting: number; unsettled: number }>({
    waiting: 0,
    unsettled: 0,
  });
  /** Every judge's sheets on this tablet, oldest first. */
  private all: PendingSheet[] = [];
  private sending = false;
  private again = false;
  private failures = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly signedIn: () => {
      token: string;
      user: { id: string; mustChangePassword?: boolean };
    } | null,
    private readonly onSent: (roundId: string, sheet: ScoreSheet) => void,
    private readonly onUnauthenticated: () => void,
  ) {}

  async start(): Promise<void> {
    const stored = await readAll<PendingSheet>(SHEETS);
    this.all = stored.sort((a, b) => a.savedAt.localeCompare(b.savedAt));
    this.publish();
    window.addEventListener('online', () => {
      this.failures = 0;
      void this.flush();
    });
    void this.flush();
  }

  waitingCount(): number {
    return this.sheets.get().filter((s) => s.state === 'waiting').length;
  }

  forAssignment(assignmentId: string): PendingSheet | undefined {
    return this.sheets.get().find((s) => s.assignmentId === assignmentId);
  }

  /** Saves a sheet on the tablet (durably), then tries to send it. */
  async save(
    sheet: Omit<PendingSheet, 'clientMutationId' | 'judgeId' | 'savedAt' | 'state' | 'attempts'>,
  ): Promise<PendingSheet> {
    const judgeId = this.signedIn()?.user.id;
    if (!judgeId) throw new Error('not signed in');
    const record: PendingSheet = {
      ...sheet,
      judgeId,
      clientMutationId: newClientMutationId(),
      savedAt: new Date().toISOString(),
      state: 'waiting',
      attempts: 0,
    };
    // A newer save of the same assignment replaces one that is still waiting or in conflict.
    const replaced = this.sheets.get().filter((s) => s.assignmentId === sheet.assignmentId);
    await write(SHEETS, [
      ...replaced.map((s) => ({ remove: s.clientMutationId })),
      { value: record },
    ]);
    this.replace(replaced, [record]);
    void this.flush();
    return record;
  }

  /** The judge's answer to a conflict: send theirs over the server's version, or let it go. */
  async resolve(clientMutationId: string, choice: 'keepMine' | 'discard'): Promise<void> {
    const current = this.sheets.get().find((s) => s.clientMutationId === clientMutationId);
    if (!current) return;
    if (choice === 'discard') {
      await write(SHEETS, [{ remove: clientMutationId }]);
      this.replace([current], []);
      return;
    }
    await this.save({
      assignmentId: current.assignmentId,
      roundId: current.roundId,
      entryCode: current.entryCode,
      criteria: current.criteria,
      scores: current.scores,
      comment: current.comment,
      baseVersion: current.server?.version ?? null,
    });
  }

  /** Sends every waiting sheet, oldest first. */
  async flush(): Promise<void> {
    if (this.sending) {
      this.again = true;
      return;
    }
    this.sending = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    try {
      do {
        this.again = false;
        for (const sheet of this.sheets.get().filter((s) => s.state === 'waiting')) {
          const outcome = await this.send(sheet);
          if (outcome === 'stop') return;
        }
      } while (this.again);
    } finally {
      this.sending = false;
    }
  }

  private async send(sheet: PendingSheet): Promise<'next' | 'stop'> {
    const signedIn = this.signedIn();
    // A temporary password's sign-in may only change it (MUST_CHANGE_PASSWORD): the sheets wait
    // for the sign-in that follows the change, which sends them.
    if (!signedIn || signedIn.user.mustChangePassword) return 'stop';
    const token = signedIn.token;
    const attempted = { ...sheet, attempts: sheet.attempts + 1 };
    try {
      const { submitScoreSheet } = await gql(
        SUBMIT_SHEET,
        {
          input: {
            assignmentId: sheet.assignmentId,
            clientMutationId: sheet.clientMutationId,
            scores: sheet.criteria.map((c) => ({
              criterionKey: c.key,
              value: fromHundredths(sheet.scores[c.key]),
            })),
            comment: sheet.comment === '' ? null : sheet.comment,
            baseVersion: sheet.baseVersion,
          },
        },
        token,
      );
      this.failures = 0;
      await write(SHEETS, [{ remove: sheet.clientMutationId }]);
      this.replace([sheet], []);
      this.onSent(sheet.roundId, submitScoreSheet);
      return 'next';
    } catch (error) {
      if (error instanceof NetworkError) {
        this.retryLater();
        return 'stop';
      }
      if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
        this.onUnauthenticated();
        return 'stop';
      }
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(String(error), 'INTERNAL_SERVER_ERROR', '');
      const failed: PendingSheet = {
        ...attempted,
        state: apiError.code === 'CONFLICT' ? 'conflict' : 'rejected',
        error: { code: apiError.code, reason: apiError.reason, message: apiError.message },
        server: await this.serverSheet(sheet, token),
      };
      await write(SHEETS, [{ value: failed }]);
      this.replace([sheet], [failed]);
      return 'next';
    }
  }

  /** What the server holds for the assignment now, to show beside the judge's own version. */
  private async serverSheet(
    sheet: PendingSheet,
    token: string,
  ): Promise<ScoreSheet | null | undefined> {
    try {
      const { myAssignments } = await gql(MY_ASSIGNMENTS, { id: sheet.roundId }, token);
      return myAssignments.find((a) => a.id === sheet.assignmentId)?.sheet ?? null;
    } catch {
      return undefined;
    }
  }

  private retryLater(): void {
    this.failures += 1;
    const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (this.failures - 1));
    const jitter = Math.random() * 0.2 * delay;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), delay + jitter);
  }

  private replace(removed: PendingSheet[], added: PendingSheet[]): void {
    const gone = new Set(removed.map((s) => s.clientMutationId));
    this.all = [...this.all.filter((s) => !gone.has(s.clientMutationId)), ...added];
    this.publish();
  }

  /** Shows the signed-in judge's sheets; called again when someone else signs in. */
  publish(): void {
    const judgeId = this.signedIn()?.user.id;
    this.sheets.set(this.all.filter((s) => s.judgeId === judgeId));
    const waiting = this.all.filter((s) => s.state === 'waiting').length;
    this.onTablet.set({ waiting, unsettled: this.all.length - waiting });
  }
}
