import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { RateLimited } from '@app/core';
import { IdentityReason } from '../identity.errors';
import { LoginFailureEntity } from './login-failure.entity';

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

/**
 * Counts failed sign-ins in a sliding window. Once an email has 10 failures (or an address 50)
 * within the window, every further attempt, the right password too, is RATE_LIMITED until the
 * oldest of them leaves the window. Attempts while limited are not recorded, so the wait ends.
 */
@Injectable()
export class LoginThrottle {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async assertAllowed(email: string, ip: string, now: Date): Promise<void> {
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const [byEmail, byIp] = await Promise.all([
      this.oldestOfLast(`email = ?`, emailKey(email), since, MAX_FAILURES_PER_EMAIL),
      this.oldestOfLast(`ip = ?`, ipKey(ip), since, MAX_FAILURES_PER_ADDRESS),
    ]);
    const blockedUntil = Math.max(byEmail, byIp) + LOGIN_WINDOW_MS;
    if (blockedUntil > now.getTime()) {
      const retryAfterSeconds = Math.ceil((blockedUntil - now.getTime()) / 1000);
      throw new RateLimited(
        IdentityReason.TOO_MANY_FAILED_LOGINS,
        `too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes`,
        retryAfterSeconds,
      );
    }
  }

  async recordFailure(email: string, ip: string, now: Date): Promise<void> {
    await this.dataSource
      .getRepository(LoginFailureEntity)
      .insert({ email: emailKey(email), ip: ipKey(ip), at: now });
  }

  /** Failures older than the window no longer count; the maintenance queue removes them. */
  async prune(now: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(LoginFailureEntity)
      .delete({ at: LessThan(new Date(now.getTime() - LOGIN_WINDOW_MS)) });
    return result.affected ?? 0;
  }

  /**
   * The time of the limit-th most recent failure inside the window (0 when there are fewer):
   * while it is in the window, the key is limited.
   */
  private async oldestOfLast(
    where: string,
    key: string,
    since: Date,
    limit: number,
  ): Promise<number> {
    const rows: Array<{ at: Date }> = await this.dataSource.query(
      `SELECT at FROM login_failures WHERE ${where} AND at > ? ORDER BY at DESC LIMIT 1 OFFSET ?`,
      [key, since, limit - 1],
    );
    return rows.length === 0 ? 0 : new Date(rows[0].at).getTime();
  }
}
