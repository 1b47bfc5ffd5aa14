import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig, CommonReason, Unauthenticated } from '@app/core';

export interface TokenClaims {
  /** the user's id */
  sub: string;
  /** the user's token version when signed; a password change raises it */
  tv: number;
}

/** Tokens whose signature this process has checked, at most this many. */
const VERIFIED_KEPT = 10_000;

/** Signs and checks access tokens (HS256, expiring after TOKEN_TTL). */
@Injectable()
export class TokenService {
  /**
   * A token's signature checks out the same every time: each one is verified once per process
   * and then only its expiry is looked at (a tablet sends the same token with every sheet).
   */
  private readonly verified = new Map<string, { claims: TokenClaims; expiresAtMs: number }>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sign(userId: string, tokenVersion: number): Promise<string> {
    return this.jwt.signAsync({ sub: userId, tv: tokenVersion } satisfies TokenClaims, {
      expiresIn: this.config.tokenTtlSeconds,
    });
  }

  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && Date.now() < known.expiresAtMs) return known.claims;
    this.verified.delete(token);
    try {
      const claims = await this.jwt.verifyAsync<Partial<TokenClaims> & { exp?: number }>(token, {
        algorithms: ['HS256'],
      });
      if (typeof claims.sub !== 'string' || typeof claims.tv !== 'number') {
        throw new Error('claims of another shape');
      }
      const checked = { sub: claims.sub, tv: claims.tv };
      if (typeof claims.exp === 'number') {
        if (this.verified.size >= VERIFIED_KEPT) this.verified.clear();
        this.verified.set(token, { claims: checked, expiresAtMs: claims.exp * 1000 });
      }
      return checked;
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') {
        throw new Unauthenticated(
          CommonReason.TOKEN_EXPIRED,
          'the sign-in has expired; sign in again',
        );
      }
      throw new Unauthenticated(CommonReason.INVALID_TOKEN, 'the token is not valid');
    }
  }
}
