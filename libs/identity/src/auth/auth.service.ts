import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CommonReason, RequestCtx, Unauthenticated, Viewer } from '@app/core';
import { inTransaction } from '@app/db';
import { EntrantDraft, EntrantService } from '../entrant/entrant.service';
import { IdentityReason } from '../identity.errors';
import { Role } from '../role';
import { UserEntity } from '../user/user.entity';
import { UserService } from '../user/user.service';
import { assertEmail, assertName, assertPassword, normaliseEmail } from './credential-rules';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { TokenService } from './token.service';

export interface SignedIn {
  token: string;
  user: UserEntity;
}

export interface EntrantRegistration extends EntrantDraft {
  email: string;
  password: string;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly entrants: EntrantService,
    private readonly hasher: PasswordHasher,
    private readonly tokens: TokenService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * Checks the throttle first (a limited email is refused even with the right password), then
   * the password. A wrong email and a wrong password answer alike, in about the same time.
   */
  async login(
    ctx: RequestCtx,
    email: string,
    password: string,
    now = new Date(),
  ): Promise<SignedIn> {
    const normal = normaliseEmail(email);
    await this.throttle.assertAllowed(normal, ctx.ip, now);
    const user = normal.length <= 254 ? await this.users.byEmail(ctx, normal) : null;
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await this.throttle.recordFailure(normal, ctx.ip, now);
      throw new Unauthenticated(IdentityReason.INVALID_CREDENTIALS, 'wrong email or password');
    }
    return { token: await this.tokens.sign(user.id, user.tokenVersion), user };
  }

  /** Self-service sign-up of an entrant and its first user, in one transaction. */
  async registerEntrant(ctx: RequestCtx, registration: EntrantRegistration): Promise<SignedIn> {
    const email = assertEmail(registration.email);
    const password = assertPassword(registration.password);
    const user = await inTransaction(this.dataSource, ctx, async (tx) => {
      const entrant = await this.entrants.create(tx, registration);
      return this.users.insert(tx, {
        email,
        name: assertName(registration.contactName?.trim() || registration.name, 'name'),
        passwordHash: await this.hasher.hash(password),
        role: Role.ENTRANT,
        regionCode: entrant.regionCode,
        entrantId: entrant.id,
        affiliationEntrantId: null,
      });
    });
    return { token: await this.tokens.sign(user.id, user.tokenVersion), user };
  }

  async changePassword(ctx: RequestCtx, oldPassword: string, newPassword: string): Promise<void> {
    const user = ctx.viewer ? await this.users.byId(ctx, ctx.viewer.userId) : null;
    if (!user) throw new Unauthenticated(CommonReason.AUTHENTICATION_REQUIRED, 'sign in first');
    if (!(await this.hasher.verify(user.passwordHash, oldPassword))) {
      throw new Unauthenticated(IdentityReason.INVALID_CREDENTIALS, 'the old password is wrong');
    }
    await this.users.setPassword(ctx, user.id, newPassword);
  }

  /** Turns a bearer token into the viewer, reading the user afresh (role changes apply at once). */
  async viewerOf(token: string): Promise<Viewer> {
    const claims = await this.tokens.verify(token);
    const user = await this.users.authFacts(claims.sub);
    if (!user || user.tokenVersion !== claims.tv) {
      throw new Unauthenticated(
        IdentityReason.TOKEN_REVOKED,
        'this sign-in is no longer valid; sign in again',
      );
    }
    return {
      userId: user.id,
      role: user.role,
      entrantId: user.entrantId,
      regionCode: user.regionCode,
    };
  }
}
