import {
  Assignment,
  CHANGE_PASSWORD,
  gql,
  LOGIN,
  MY_ASSIGNMENTS,
  MY_ROUNDS,
  NetworkError,
  rendition,
  Round,
  ScoreSheet,
  SIGN_OUT,
  User,
} from './api';
import { CACHE, readOne, write } from './idb';
import { Store } from './store';

const TOKEN_KEY = 'judging.session';
/** Tokens signed out while the server could not be reached: revoked once it can be. */
const SIGNED_OUT_KEY = 'judging.signed-out';

export interface Session {
  token: string;
  user: User;
}

export interface JudgeData {
  rounds: Round[];
  assignments: Record<string, Assignment[]>;
  loadedAt: string;
  /** true when the server could not be reached and this is the copy kept on the tablet */
  fromCache: boolean;
}

/** The signed-in judge and what they are assigned, kept on the tablet for offline scoring. */
export class JudgeSession {
  readonly session = new Store<Session | null>(readSession());
  readonly data = new Store<JudgeData | null>(null);
  readonly loading = new Store<boolean>(false);

  token = (): string | null => this.session.get()?.token ?? null;

  async signIn(email: string, password: string): Promise<User> {
    const { login } = await gql(LOGIN, { e: email, p: password }, null);
    this.adopt(login);
    return login.user;
  }

  /**
   * The person's own new password. The server ends every sign-in of the user on a change (the
   * token sent with it included), so the app signs in again with the new password: the new
   * session no longer has to change it.
   */
  async changePassword(oldPassword: string, newPassword: string): Promise<User> {
    const session = this.session.get();
    if (!session) throw new Error('not signed in');
    await gql(CHANGE_PASSWORD, { old: oldPassword, new: newPassword }, session.token);
    return this.signIn(session.user.email, newPassword);
  }

  /** A session the API gave by another way than login (an entrant who just registered). */
  adopt(login: Session): void {
    localStorage.setItem(TOKEN_KEY, JSON.stringify(login));
    this.data.set(null);
    this.session.set(login);
  }

  /**
   * The person signs out: the server revokes the token (a copy of it, on another device or in
   * another hand, stops working), and the tablet forgets it. Offline, the tablet forgets it at
   * once and asks the server to revoke it when the network is back (`sendSignOuts`).
   */
  signOut(): void {
    const token = this.token();
    this.forget();
    if (!token) return;
    remember(token);
    void this.sendSignOuts();
  }

  /** The server refused the token (expired, revoked): nothing to revoke, only to forget. */
  forget(): void {
    localStorage.removeItem(TOKEN_KEY);
    this.session.set(null);
    this.data.set(null);
  }

  /** Sends the revocations still owed; a network failure keeps them for the next try. */
  async sendSignOuts(): Promise<void> {
    for (const token of owedSignOuts()) {
      try {
        await gql(SIGN_OUT, {}, token);
      } catch (error) {
        // An answer that refuses the token (expired, revoked already) settles it too.
        if (error instanceof NetworkError) continue;
      }
      settle(token);
    }
  }

  /** Loads the judge's rounds and every assignment of them; offline, the copy on the tablet. */
  async load(): Promise<void> {
    const session = this.session.get();
    if (!session) return;
    this.loading.set(true);
    try {
      const { myRounds } = await gql(MY_ROUNDS, {}, session.token);
      const lists = await Promise.all(
        myRounds.map((round) => gql(MY_ASSIGNMENTS, { id: round.id }, session.token)),
      );
      const data: JudgeData = {
        rounds: myRounds,
        assignments: Object.fromEntries(myRounds.map((r, i) => [r.id, lists[i].myAssignments])),
        loadedAt: new Date().toISOString(),
        fromCache: false,
      };
      this.data.set(data);
      prefetchThumbs(data);
      await write(CACHE, [{ key: cacheKey(session), value: data }]);
    } catch (error) {
      if (!(error instanceof NetworkError)) throw error;
      const cached = await readOne<JudgeData>(CACHE, cacheKey(session));
      if (!cached) throw error;
      this.data.set({ ...cached, fromCache: true });
    } finally {
      this.loading.set(false);
    }
  }

  /** The server accepted a sheet: the assignment is SUBMITTED with that sheet. */
  applySheet(roundId: string, sheet: ScoreSheet): void {
    const data = this.data.get();
    const session = this.session.get();
    if (!data || !session) return;
    const list = data.assignments[roundId] ?? [];
    const next: JudgeData = {
      ...data,
      assignments: {
        ...data.assignments,
        [roundId]: list.map((a) =>
          a.id === sheet.assignmentId ? { ...a, status: 'SUBMITTED', sheet } : a,
        ),
      },
    };
    this.data.set(next);
    void write(CACHE, [{ key: cacheKey(session), value: { ...next, fromCache: false } }]);
  }

  markRecused(roundId: string, assignmentId: string): void {
    const data = this.data.get();
    if (!data) return;
    const list = data.assignments[roundId] ?? [];
    this.data.set({
      ...data,
      assignments: {
        ...data.assignments,
        [roundId]: list.map((a) => (a.id === assignmentId ? { ...a, status: 'RECUSED' } : a)),
      },
    });
  }
}

/**
 * Asks the browser for every entry's first THUMB while the network is there: renditions are
 * cached as immutable, so a sheet opened offline later still shows its photo.
 */
function prefetchThumbs(data: JudgeData): void {
  for (const list of Object.values(data.assignments)) {
    for (const assignment of list) {
      const first = [...assignment.entry.images].sort((a, b) => a.position - b.position)[0];
      const thumb = first && rendition(first, 'THUMB');
      if (thumb) new window.Image().src = thumb.url;
    }
  }
}

function cacheKey(session: Session): string {
  return `judge:${session.user.id}`;
}

function readSession(): Session | null {
  try {
    const parsed = JSON.parse(localStorage.getItem(TOKEN_KEY) ?? 'null') as Session | null;
    return parsed?.token && parsed.user ? parsed : null;
  } catch {
    return null;
  }
}

function owedSignOuts(): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(SIGNED_OUT_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

function remember(token: string): void {
  // A handful at most (each expires within a day); the newest are kept.
  const owed = [...owedSignOuts().filter((t) => t !== token), token].slice(-10);
  localStorage.setItem(SIGNED_OUT_KEY, JSON.stringify(owed));
}

function settle(token: string): void {
  const owed = owedSignOuts().filter((t) => t !== token);
  if (owed.length === 0) localStorage.removeItem(SIGNED_OUT_KEY);
  else localStorage.setItem(SIGNED_OUT_KEY, JSON.stringify(owed));
}
