import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan } from 'typeorm';
import { RevokedTokenEntity } from './revoked-token.entity';

/**
 * Tokens ended by `signOut`, by id. UserService.authFacts refuses them in the statement it runs
 * for every request anyway, so a revoked token costs no extra round trip.
 */
@Injectable()
export class TokenRevocationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Revokes the token until its expiry (signing out twice is one revocation). */
  async revoke(userId: string, jti: string, expiresAt: Date, now: Date): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO revoked_tokens (jti, user_id, expires_at, revoked_at) VALUES (?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE jti = jti`,
      [jti, userId, expiresAt, now],
    );
  }

  /** A revoked token past its expiry is refused as expired: its row is no longer needed. */
  async prune(now: Date): Promise<number> {
    const result = await this.dataSource
      .getRepository(RevokedTokenEntity)
      .delete({ expiresAt: LessThan(now) });
    return result.affected ?? 0;
  }
}
