import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { RateLimited } from '@app/core';
import { IdentityReason } from '../identity.errors';
import { LoginFailureEntity } from './login-failure.entity';
import { LOCK_WAIT_SECONDS, LockBusy, withNamedLocks } from './named-locks';
import { CountedAttempt, inWords, retryAfterSeconds, waitOf } from './sliding-window';

/**
 * docs/roles-and-rules.md: more than 10 failures for one email, or 50 from one address, in 15
 * minutes.
 */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;

/**
 * The keys as stored (the columns are varchar(254) and varchar(45)): checking and recording must
 * use the same value, and an over-long one (an address taken from a forwarding header need not be
 * an IP) must not fail the insert, or failures would go uncounted.
 */
const emailKey = (email: string) => email.slice(0, 254);
const ipKey = (ip: string) => ip.slice(0, 45);

/** A password check counted before it runs: settle it with `failed` or `succeeded`. */
export interface PasswordCheckTurn {
  readonly id: string;
}

/**
 * Counts failed password checks (sign-in, and the old password of changePassword) in a sliding
 * window. Once an email has 10 failures (or an address 50) within the window, every further
 * attempt, the right password too, is RATE_LIMITED until the oldest of them leaves the window.
 * Attempts while limited are not recorded, so the wait ends.
 *
 * Under concurrency (issue 19): the count and the record are one step, taken in turn per email
 * and per address (named locks, across API processes), BEFORE the password is checked: a check
 * under way counts like a failure (`pending`), so 60 wrong passwords sent together get at most
 * 10 checks, not 10 plus however many read the count before the first failure was written. The
 * slow part, argon2, runs outside the turn.
 */
@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Takes a turn for one password check, or refuses with RATE_LIMITED / TOO_MANY_FAILED_LOGINS. */
  async begin(email: string, ip: string, now: Date): Promise<PasswordCheckTurn> {
    const byEmail = emailKey(email);
    const byIp = ipKey(ip);
    try {
      return await withNamedLocks(
        this.dataSource,
        [`login-email:${byEmail}`, `login-ip:${byIp}`],
        async (manager) => {
          const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
          const rows: Array<CountedAttempt & { k: 'email' | 'ip'; pending: number | boolean }> =
            await manager.query(
              `(SELECT 'email' AS k, at, pending FROM login_failures
                 WHERE email = ? AND at > ? ORDER BY at DESC LIMIT ${MAX_FAILURES_PER_EMAIL})
               UNION ALL
               (SELECT 'ip' AS k, at, pending FROM login_failures
                 WHERE ip = ? AND at > ? ORDER BY at DESC LIMIT ${MAX_FAILURES_PER_ADDRESS})`,
              [byEmail, since, byIp, since],
            );
          const of = (k: 'email' | 'ip') =>
            rows.filter((r) => r.k === k).map((r) => ({ at: r.at, pending: Boolean(r.pending) }));
          const wait = Math.max(
            waitOf(of('email'), MAX_FAILURES_PER_EMAIL, LOGIN_WINDOW_MS, now),
            waitOf(of('ip'), MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS, now),
          );
          if (wait > 0) throw tooMany(retryAfterSeconds(wait));
          const result = await manager
            .getRepository(LoginFailureEntity)
            .insert({ email: byEmail, ip: byIp, at: now, pending: true });
          return { id: String(result.identifiers[0].id) };
        },
      );
    } catch (error) {
      if (error instanceof LockBusy) throw tooMany(LOCK_WAIT_SECONDS);
      throw error;
    }
  }

  /** The password was wrong: the turn stays, as a failure. */
  async failed(turn: PasswordCheckTurn): Promise<void> {
    await this.dataSource.query('UPDATE login_failures SET pending = 0 WHERE id = ?', [turn.id]);
  }

  /** The password was right: the turn was no failure. */
  async succeeded(turn: PasswordCheckTurn): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE id = ?', [turn.id]);
  }

  /**
   * An organiser reset the email's password: its failed sign-ins no longer count, so a user who
   * locked itself out can sign in with the temporary password at once. Checks under way stay.
   */
  async forgive(email: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_failures WHERE email = ? AND pending = 0', [
      emailKey(email),
    ]);
  }

  /** Failures older than the window no longer count; the maintenance queue removes them. */
  async prune(now: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(LoginFailureEntity)
      .delete({ at: LessThan(new Date(now.getTime() - LOGIN_WINDOW_MS)) });
    return result.affected ?? 0;
  }
}

function tooMany(retryAfter: number): RateLimited {
  return new RateLimited(
    IdentityReason.TOO_MANY_FAILED_LOGINS,
    `too many failed sign-ins; try again in ${inWords(retryAfter)}`,
    retryAfter,
  );
}
