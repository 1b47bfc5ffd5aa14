import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { BadUserInput, Conflict, Forbidden, RequestCtx } from '@app/core';
import { inTransaction, isDuplicateKey, repo } from '@app/db';
import { UserAdminLog } from '../admin/user-admin-log.service';
import { UserAdminAction } from '../admin/user-admin-action';
import { assertEmail, assertName, assertPassword } from '../auth/credential-rules';
import { PasswordHasher } from '../auth/password-hasher';
import { EntrantService } from '../entrant/entrant.service';
import { IdentityReason } from '../identity.errors';
import { RegionService } from '../region/region.service';
import { mayAdminister, Role } from '../role';
import { UserEntity } from './user.entity';

export interface UserDraft {
  email: string;
  password: string;
  name: string;
  role: Role;
  regionCode?: string | null;
  affiliationEntrantId?: string | null;
  /** The user must change the password given here at its first sign-in. */
  mustChangePassword?: boolean | null;
}

/** What a new user is made of: every column but those the database or the life of a user sets. */
export type NewUser = Omit<
  UserEntity,
  | 'id'
  | 'tokenVersion'
  | 'active'
  | 'mustChangePassword'
  | 'lastSignInAt'
  | 'createdAt'
  | 'updatedAt'
> & { mustChangePassword?: boolean };

/** How long a process keeps a user's auth facts, and for how many users at most. */
export const AUTH_FACTS_TTL_MS = 1000;
const AUTH_FACTS_KEPT = 10_000;

export type AuthFacts = Pick<
  UserEntity,
  'id' | 'role' | 'entrantId' | 'regionCode' | 'tokenVersion' | 'active' | 'mustChangePassword'
>;

@Injectable()
export class UserService {
  private readonly logger = new Logger(UserService.name);
  private readonly authFactsKept = new Map<string, { facts: AuthFacts; at: number }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly regions: RegionService,
    private readonly entrants: EntrantService,
    private readonly adminLog: UserAdminLog,
  ) {}

  async byIds(ctx: RequestCtx, ids: readonly string[]): Promise<UserEntity[]> {
    if (ids.length === 0) return [];
    return repo(this.dataSource, ctx, UserEntity).findBy({ id: In([...ids]) });
  }

  byId(ctx: RequestCtx, id: string): Promise<UserEntity | null> {
    return repo(this.dataSource, ctx, UserEntity).findOneBy({ id });
  }

  /**
   * What every authenticated request needs of its user, and nothing else (no password hash):
   * one small row by hand-written SQL, since it runs before every operation; none when the
   * token `jti` has been revoked (`signOut`), which the same statement looks up; whether the
   * user is active and must change its password come with the row at no cost. Kept for
   * AUTH_FACTS_TTL_MS per process and token: a tablet sends a sheet every few seconds and a page
   * of entries is three statements without it, four with it. A password change, a sign-out, a
   * deactivation or a reset in this process forgets the user's rows at once; in another process
   * it takes effect within that second.
   */
  async authFacts(id: string, jti: string | null = null): Promise<AuthFacts | null> {
    const now = Date.now();
    const key = `${id}/${jti ?? ''}`;
    const kept = this.authFactsKept.get(key);
    if (kept && now - kept.at < AUTH_FACTS_TTL_MS) return kept.facts;
    const rows: Array<{
      id: string;
      role: Role;
      entrant_id: string | null;
      region_code: string | null;
      token_version: number;
      active: number | boolean;
      must_change_password: number | boolean;
    }> = await this.dataSource.query(
      `SELECT id, role, entrant_id, region_code, token_version, active, must_change_password
         FROM users
        WHERE id = ? AND NOT EXISTS (SELECT 1 FROM revoked_tokens WHERE jti = ?)`,
      [id, jti ?? ''],
    );
    const row = rows[0];
    const facts = row
      ? {
          id: row.id,
          role: row.role,
          entrantId: row.entrant_id,
          regionCode: row.region_code,
          tokenVersion: row.token_version,
          active: Boolean(row.active),
          mustChangePassword: Boolean(row.must_change_password),
        }
      : null;
    if (this.authFactsKept.size >= AUTH_FACTS_KEPT) this.authFactsKept.clear();
    if (facts) this.authFactsKept.set(key, { facts, at: now });
    return facts;
  }

  /** Drops what this process keeps of the user's sign-ins (after a revocation or a new password). */
  forgetAuthFacts(userId: string): void {
    for (const key of this.authFactsKept.keys()) {
      if (key.startsWith(`${userId}/`)) this.authFactsKept.delete(key);
    }
  }

  byEmail(ctx: RequestCtx, email: string): Promise<UserEntity | null> {
    return repo(this.dataSource, ctx, UserEntity).findOneBy({ email });
  }

  /** Organisers and admins list users, of the roles given (every role when none), by name. */
  list(ctx: RequestCtx, roles: readonly Role[]): Promise<UserEntity[]> {
    return repo(this.dataSource, ctx, UserEntity).find({
      where: roles.length > 0 ? { role: In([...new Set(roles)]) } : {},
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  /**
   * `createUser`: an ADMIN creates anyone, an ORGANISER creates JUDGE and COORDINATOR users.
   * A COORDINATOR needs its region; an ENTRANT created here acts for an existing entrant given
   * as `affiliationEntrantId` (a second sign-in for the same company); a JUDGE's affiliation
   * marks that entrant's entries as conflicts of interest. Recorded as CREATED in
   * `user_admin_records`; `mustChangePassword` makes the given password a temporary one.
   */
  async create(ctx: RequestCtx, draft: UserDraft, now = new Date()): Promise<UserEntity> {
    const creator = ctx.viewer;
    if (!creator || !mayAdminister(creator, draft.role)) {
      throw new Forbidden(
        IdentityReason.ROLE_NOT_ALLOWED,
        `a ${creator?.role ?? 'visitor'} may not create ${draft.role} users`,
      );
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const regionCode =
        draft.regionCode === null ||
        draft.regionCode === undefined ||
        draft.regionCode.trim() === ''
          ? null
          : await this.regions.assertExists(tx, draft.regionCode);
      if (draft.role === Role.COORDINATOR && regionCode === null) {
        throw new BadUserInput(
          IdentityReason.REGION_REQUIRED,
          'a coordinator needs the region it follows',
          { field: 'regionCode' },
        );
      }
      const affiliation = await this.assertEntrant(tx, draft.affiliationEntrantId ?? null);
      if (draft.role === Role.ENTRANT && affiliation === null) {
        throw new BadUserInput(
          IdentityReason.ENTRANT_REQUIRED,
          'an entrant user acts for the entrant given as affiliationEntrantId',
          {
            field: 'affiliationEntrantId',
          },
        );
      }
      const user = await this.insert(tx, {
        email: assertEmail(draft.email),
        name: assertName(draft.name, 'name'),
        passwordHash: await this.hasher.hash(assertPassword(draft.password)),
        role: draft.role,
        regionCode,
        entrantId: draft.role === Role.ENTRANT ? affiliation : null,
        affiliationEntrantId: affiliation,
        mustChangePassword: draft.mustChangePassword === true,
      });
      await this.adminLog.record(tx, user.id, creator.userId, UserAdminAction.CREATED, now);
      return user;
    });
  }

  /** Inserts a validated user; a taken email is CONFLICT / EMAIL_TAKEN. */
  async insert(ctx: RequestCtx, fields: NewUser): Promise<UserEntity> {
    const user = Object.assign(new UserEntity(), {
      id: randomUUID(),
      tokenVersion: 0,
      active: true,
      mustChangePassword: false,
      lastSignInAt: null,
      ...fields,
    });
    try {
      await repo(this.dataSource, ctx, UserEntity).insert(user);
    } catch (error) {
      if (isDuplicateKey(error, 'UQ_users_email')) {
        throw new Conflict(IdentityReason.EMAIL_TAKEN, `${fields.email} already has an account`);
      }
      throw error;
    }
    return (await this.byId(ctx, user.id)) ?? user;
  }

  /**
   * Raises the token version: every token signed before stops working. The password is the
   * user's own choice, so a temporary one no longer has to be changed.
   */
  async setPassword(ctx: RequestCtx, userId: string, password: string): Promise<void> {
    const passwordHash = await this.hasher.hash(assertPassword(password, 'newPassword'));
    this.forgetAuthFacts(userId);
    await repo(this.dataSource, ctx, UserEntity)
      .createQueryBuilder()
      .update()
      .set({ passwordHash, mustChangePassword: false, tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id: userId })
      .execute();
    this.forgetAuthFacts(userId);
  }

  /**
   * A successful sign-in, for the people screen. `updated_at` is kept as it was: it says when the
   * account was last changed, and signing in changes nothing of it.
   */
  async recordSignIn(ctx: RequestCtx, userId: string, at: Date): Promise<void> {
    await repo(this.dataSource, ctx, UserEntity).query(
      'UPDATE users SET last_sign_in_at = ?, updated_at = updated_at WHERE id = ?',
      [at, userId],
    );
  }

  /** Ends every sign-in of the user (raises the token version), the password unchanged. */
  async endSignIns(ctx: RequestCtx, userId: string): Promise<void> {
    await repo(this.dataSource, ctx, UserEntity)
      .createQueryBuilder()
      .update()
      .set({ tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id: userId })
      .execute();
    this.forgetAuthFacts(userId);
  }

  /**
   * On API start: create the ADMIN of ADMIN_EMAIL / ADMIN_PASSWORD when no admin exists. Two
   * APIs starting together race on the unique email; the loser finds the winner's row.
   */
  async ensureBootstrapAdmin(
    ctx: RequestCtx,
    email: string,
    password: string | undefined,
  ): Promise<void> {
    const users = repo(this.dataSource, ctx, UserEntity);
    if (await users.existsBy({ role: Role.ADMIN })) return;
    if (password === undefined) {
      throw new Error(
        'ADMIN_PASSWORD: no admin exists yet; set ADMIN_PASSWORD to create the first one',
      );
    }
    try {
      await this.insert(ctx, {
        email: assertEmail(email),
        name: 'Administrator',
        passwordHash: await this.hasher.hash(password),
        role: Role.ADMIN,
        regionCode: null,
        entrantId: null,
        affiliationEntrantId: null,
      });
      this.logger.log(`created the bootstrap admin ${email}`);
    } catch (error) {
      if (error instanceof Conflict && (await users.existsBy({ role: Role.ADMIN }))) return;
      throw error;
    }
  }

  private async assertEntrant(ctx: RequestCtx, id: string | null): Promise<string | null> {
    if (id === null || id.trim() === '') return null;
    const entrant = /^[0-9a-f-]{36}$/i.test(id) ? await this.entrants.byId(ctx, id) : null;
    if (!entrant) {
      throw new BadUserInput(IdentityReason.UNKNOWN_ENTRANT, `no entrant has id ${id}`, {
        field: 'affiliationEntrantId',
      });
    }
    return entrant.id;
  }
}
