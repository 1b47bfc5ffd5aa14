import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { APP_CONFIG, AppConfig, CommonReason, Unauthenticated } from '@app/core';

export interface TokenClaims {
  /** the user's id */
  sub: string;
  /** the user's token version when signed; a password change raises it */
  tv: number;
  /**
   * the token's own id, which `signOut` revokes; every token signed here has one (tokens signed
   * before it was added have none, and signing out with one ends all the user's sign-ins)
   */
  jti: string | null;
  /** when it expires, in seconds since 1970: every token has one, a token without is refused */
  exp: number;
}

/** Tokens whose signature this process has checked, at most this many. */
const VERIFIED_KEPT = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Signs and checks access tokens (HS256, expiring after TOKEN_TTL, each with its own id). */
@Injectable()
export class TokenService {
  /**
   * A token's signature checks out the same every time: each one is verified once per process
   * and then only its expiry is looked at (a tablet sends the same token with every sheet).
   */
  private readonly verified = new Map<string, TokenClaims>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  sign(userId: string, tokenVersion: number): Promise<string> {
    return this.jwt.signAsync(
      { sub: userId, tv: tokenVersion },
      {
        expiresIn: this.config.tokenTtlSeconds,
        jwtid: randomUUID(),
      },
    );
  }

  async verify(token: string): Promise<TokenClaims> {
    const known = this.verified.get(token);
    if (known && Date.now() < known.exp * 1000) return known;
    this.verified.delete(token);
    let claims: Record<string, unknown>;
    try {
      claims = await this.jwt.verifyAsync<Record<string, unknown>>(token, {
        algorithms: ['HS256'],
      });
    } catch (error) {
      if ((error as Error).name === 'TokenExpiredError') {
        throw new Unauthenticated(
          CommonReason.TOKEN_EXPIRED,
          'the sign-in has expired; sign in again',
        );
      }
      throw invalid();
    }
    const { sub, tv, jti, exp } = claims;
    // A token that never expires is refused (issue 19): only someone holding the secret could
    // make one, and it would outlive every TOKEN_TTL.
    if (typeof sub !== 'string' || typeof tv !== 'number' || typeof exp !== 'number') {
      throw invalid();
    }
    if (jti !== undefined && (typeof jti !== 'string' || !UUID.test(jti))) throw invalid();
    const checked: TokenClaims = { sub, tv, exp, jti: jti ?? null };
    if (this.verified.size >= VERIFIED_KEPT) this.verified.clear();
    this.verified.set(token, checked);
    return checked;
  }
}

function invalid(): Unauthenticated {
  return new Unauthenticated(CommonReason.INVALID_TOKEN, 'the token is not valid');
}
