import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig, RateLimited } from '@app/core';
import { LOCK_WAIT_SECONDS, LockBusy, withNamedLocks } from '../auth/named-locks';
import { CountedAttempt, inWords, retryAfterSeconds, waitOf } from '../auth/sliding-window';
import { IdentityReason } from '../identity.errors';
import { RegistrationAttemptEntity } from './registration-attempt.entity';

/**
 * docs/roles-and-rules.md: sign-ups per client address (REGISTRATIONS_PER_ADDRESS, 10 by
 * default) and per credit code (5) in an hour. An enterprise that mistyped a field tries again
 * a few times; nobody needs a sixth try at one code within the hour, and a flood from one
 * address is held to a trickle.
 */
export const REGISTRATION_WINDOW_MS = 60 * 60 * 1000;
export const MAX_REGISTRATIONS_PER_CREDIT_CODE = 5;

const ipKey = (ip: string) => ip.slice(0, 45);

/**
 * Counts well-formed sign-ups, whatever their outcome (a refused one, EMAIL_TAKEN or
 * CREDIT_CODE_TAKEN, is what someone listing the registered would send), and refuses the next
 * with RATE_LIMITED / TOO_MANY_REGISTRATIONS until the oldest counted leaves the window.
 *
 * The count and the record are one step, taken in turn per address and per credit code (named
 * locks, across API processes), before the sign-up itself: 30 sign-ups sent together from one
 * address get 10 turns, not 30 reads of the same count.
 */
@Injectable()
export class RegistrationThrottle {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Takes a turn for one sign-up (recorded at once), or refuses with RATE_LIMITED. */
  async take(ip: string, creditCode: string | null, now: Date): Promise<void> {
    const byIp = ipKey(ip);
    const perAddress = this.config.registrationsPerAddress;
    const keys = [`registration-ip:${byIp}`];
    if (creditCode !== null) keys.push(`registration-code:${creditCode}`);
    try {
      await withNamedLocks(this.dataSource, keys, async (manager) => {
        const since = new Date(now.getTime() - REGISTRATION_WINDOW_MS);
        const rows: Array<CountedAttempt & { k: 'ip' | 'code' }> = await manager.query(
          `(SELECT 'ip' AS k, at FROM registration_attempts
             WHERE ip = ? AND at > ? ORDER BY at DESC LIMIT ${perAddress})
           UNION ALL
           (SELECT 'code' AS k, at FROM registration_attempts
             WHERE credit_code = ? AND at > ? ORDER BY at DESC LIMIT ${MAX_REGISTRATIONS_PER_CREDIT_CODE})`,
          [byIp, since, creditCode, since],
        );
        const of = (k: 'ip' | 'code') => rows.filter((r) => r.k === k);
        const wait = Math.max(
          waitOf(of('ip'), perAddress, REGISTRATION_WINDOW_MS, now),
          waitOf(of('code'), MAX_REGISTRATIONS_PER_CREDIT_CODE, REGISTRATION_WINDOW_MS, now),
        );
        if (wait > 0) throw tooMany(retryAfterSeconds(wait));
        await manager
          .getRepository(RegistrationAttemptEntity)
          .insert({ ip: byIp, creditCode, at: now });
      });
    } catch (error) {
      if (error instanceof LockBusy) throw tooMany(LOCK_WAIT_SECONDS);
      throw error;
    }
  }

  /** Attempts older than the window no longer count; the maintenance queue removes them. */
  async prune(now: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(RegistrationAttemptEntity)
      .delete({ at: LessThan(new Date(now.getTime() - REGISTRATION_WINDOW_MS)) });
    return result.affected ?? 0;
  }
}

function tooMany(retryAfter: number): RateLimited {
  return new RateLimited(
    IdentityReason.TOO_MANY_REGISTRATIONS,
    `too many sign-ups from this address or for this credit code; try again in ${inWords(retryAfter)}`,
    retryAfter,
  );
}
