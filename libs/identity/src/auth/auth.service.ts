import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { BadUserInput, CommonReason, RequestCtx, Unauthenticated, Viewer } from '@app/core';
import { inTransaction } from '@app/db';
import { checkedEntrantDraft, EntrantDraft, EntrantService } from '../entrant/entrant.service';
import { IdentityReason } from '../identity.errors';
import { RegistrationThrottle } from '../registration/registration-throttle.service';
import { Role } from '../role';
import { UserEntity } from '../user/user.entity';
import { UserService } from '../user/user.service';
import { assertEmail, assertName, assertPassword, normaliseEmail } from './credential-rules';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHasher } from './password-hasher';
import { TokenRevocationService } from './token-revocation.service';
import { TokenService } from './token.service';

export interface SignedIn {
  token: string;
  user: UserEntity;
  /** The password is a temporary one (a reset): the user may do nothing but change it. */
  mustChangePassword: boolean;
}

/**
 * The viewer of a request, with what the guard alone needs: whether the user must change its
 * password before anything else (AuthGuard refuses the rest).
 */
export interface SignedInViewer extends Viewer {
  readonly mustChangePassword: boolean;
}

/** Whether a viewer (one AuthService.viewerOf made) may only change its password for now. */
export function mustChangePassword(viewer: Viewer | null): boolean {
  return (viewer as Partial<SignedInViewer> | null)?.mustChangePassword === true;
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
    private readonly registrations: RegistrationThrottle,
    private readonly revocations: TokenRevocationService,
  ) {}

  /**
   * Takes a turn of the throttle first (a limited email is refused even with the right
   * password), then checks the password. A wrong email and a wrong password answer alike, after
   * the same work (one turn, one argon2 verification, one settling of the turn), so neither the
   * answer nor its timing tells whether the email has an account. A deactivated user is told so
   * only after its right password (ACCOUNT_DEACTIVATED); a successful sign-in is recorded
   * (`lastSignInAt`).
   */
  async login(
    ctx: RequestCtx,
    email: string,
    password: string,
    now = new Date(),
  ): Promise<SignedIn> {
    const normal = normaliseEmail(email);
    const turn = await this.throttle.begin(normal, ctx.ip, now);
    const user = normal.length <= 254 ? await this.users.byEmail(ctx, normal) : null;
    const ok = await this.hasher.verify(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await this.throttle.failed(turn);
      throw new Unauthenticated(IdentityReason.INVALID_CREDENTIALS, 'wrong email or password');
    }
    await this.throttle.succeeded(turn);
    if (!user.active) throw deactivated();
    await this.users.recordSignIn(ctx, user.id, now);
    return {
      token: await this.tokens.sign(user.id, user.tokenVersion),
      user: Object.assign(new UserEntity(), user, { lastSignInAt: now }),
      mustChangePassword: user.mustChangePassword,
    };
  }

  /**
   * `registerEntrant` from the public: the input is checked first (a malformed sign-up counts
   * for nothing), then the sign-up takes its turn of the throttle per address and per credit
   * code, then registers. Refusals that say an email or a credit code is taken are what a sign-up
   * cannot avoid saying; the throttle is what keeps anyone from listing them.
   */
  async signUp(
    ctx: RequestCtx,
    registration: EntrantRegistration,
    now = new Date(),
  ): Promise<SignedIn> {
    assertEmail(registration.email);
    assertPassword(registration.password);
    const { creditCode } = checkedEntrantDraft(registration);
    await this.registrations.take(ctx.ip, creditCode, now);
    return this.registerEntrant(ctx, registration);
  }

  /**
   * An entrant and its first user, in one transaction, with no throttle: for the system (the
   * demo seed). The public signs up through `signUp`.
   */
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
    return {
      token: await this.tokens.sign(user.id, user.tokenVersion),
      user,
      mustChangePassword: false,
    };
  }

  /**
   * A wrong old password counts as a failed sign-in of the user's email (the same limit and the
   * same wait, docs/roles-and-rules.md), taking its turn before the check as `login` does. The
   * new password must differ from the old one (SAME_PASSWORD): a temporary password "changed"
   * to itself would stay known to the organiser who reset it.
   */
  async changePassword(
    ctx: RequestCtx,
    oldPassword: string,
    newPassword: string,
    now = new Date(),
  ): Promise<void> {
    const user = ctx.viewer ? await this.users.byId(ctx, ctx.viewer.userId) : null;
    if (!user) throw new Unauthenticated(CommonReason.AUTHENTICATION_REQUIRED, 'sign in first');
    assertPassword(newPassword, 'newPassword');
    if (newPassword === oldPassword) {
      throw new BadUserInput(
        IdentityReason.SAME_PASSWORD,
        'the new password must differ from the old one',
        { field: 'newPassword' },
      );
    }
    const turn = await this.throttle.begin(user.email, ctx.ip, now);
    if (!(await this.hasher.verify(user.passwordHash, oldPassword))) {
      await this.throttle.failed(turn);
      throw new Unauthenticated(IdentityReason.INVALID_CREDENTIALS, 'the old password is wrong');
    }
    await this.throttle.succeeded(turn);
    await this.users.setPassword(ctx, user.id, newPassword);
  }

  /**
   * `signOut`: the token of this request is refused from now on, everywhere (GraphQL and the
   * HTTP endpoints), in this process at once and in the others within AUTH_FACTS_TTL_MS. A
   * token without an id (signed before tokens had one) cannot be told apart from the user's
   * others: signing out with it ends them all.
   */
  async signOut(ctx: RequestCtx, token: string, now = new Date()): Promise<void> {
    const claims = await this.tokens.verify(token);
    if (!ctx.viewer || ctx.viewer.userId !== claims.sub) {
      throw new Unauthenticated(CommonReason.AUTHENTICATION_REQUIRED, 'sign in first');
    }
    if (claims.jti === null) {
      await this.users.endSignIns(ctx, claims.sub);
    } else {
      await this.revocations.revoke(claims.sub, claims.jti, new Date(claims.exp * 1000), now);
    }
    this.users.forgetAuthFacts(claims.sub);
  }

  /**
   * Turns a bearer token into the viewer, reading the user afresh (role changes apply at once):
   * a deactivated user's tokens are refused (ACCOUNT_DEACTIVATED) by the same read.
   */
  async viewerOf(token: string): Promise<SignedInViewer> {
    const claims = await this.tokens.verify(token);
    const user = await this.users.authFacts(claims.sub, claims.jti);
    if (user && !user.active) throw deactivated();
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
      mustChangePassword: user.mustChangePassword,
    };
  }
}

function deactivated(): Unauthenticated {
  return new Unauthenticated(
    IdentityReason.ACCOUNT_DEACTIVATED,
    'this account has been deactivated; ask the organisers',
  );
}
