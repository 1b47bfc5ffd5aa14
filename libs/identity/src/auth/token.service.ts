import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig, CommonReason, Unauthenticated } from '@app/core';

export interface TokenClaims {
  /** the user's id */
  sub: string;
  /** the user's token version when signed; a password change raises it */
  tv: number;
}

/** Signs and checks access tokens (HS256, expiring after TOKEN_TTL). */
@Injectable()
export class TokenService {
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
    try {
      const claims = await this.jwt.verifyAsync<Partial<TokenClaims>>(token, {
        algorithms: ['HS256'],
      });
      if (typeof claims.sub !== 'string' || typeof claims.tv !== 'number') {
        throw new Error('claims of another shape');
      }
      return { sub: claims.sub, tv: claims.tv };
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
