import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  CommonReason,
  Conflict,
  Forbidden,
  mustBeUuid,
  NotFound,
  RequestCtx,
  Unauthenticated,
  Viewer,
} from '@app/core';
import { inTransaction, repo } from '@app/db';
import { LoginThrottle } from '../auth/login-throttle.service';
import { PasswordHasher } from '../auth/password-hasher';
import { IdentityReason } from '../identity.errors';
import { mayAdminister, Role } from '../role';
import { UserEntity } from '../user/user.entity';
import { UserService } from '../user/user.service';
import { temporaryPassword } from './temporary-password';
import { UserAdminLog } from './user-admin-log.service';
import { UserAdminAction } from './user-admin-action';

export interface PasswordReset {
  user: UserEntity;
  /** Shown once, to the organiser who reset it; only its hash is stored. */
  temporaryPassword: string;
}

/**
 * Organisers and admins administer user accounts (docs/roles-and-rules.md, Accounts): each may
 * deactivate, reactivate and reset the password of the roles it may create (CREATABLE_ROLES),
 * never its own account. Every change is recorded in `user_admin_records` in its transaction.
 *
 * - Deactivating refuses the user's sign-in and every token it holds, at once (the token check
 *   reads `active` in the statement it runs anyway; the token version is raised too, so a later
 *   reactivation does not bring the old tokens back). The user's rows stay: its score sheets,
 *   the audit records naming it, its assignments (PENDING ones too: the organiser recuses or
 *   moves them; docs/decisions.md). The last active ADMIN cannot be deactivated: the active
 *   admins are locked first, so two admins deactivating each other at once leave one.
 * - Resetting a password stores a temporary one (its hash), answered once, ends every sign-in
 *   of the user and makes it change the password at its next sign-in; the email's failed
 *   sign-ins are forgiven, so a user locked out by its own attempts can use it at once.
 */
@Injectable()
export class UserAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly log: UserAdminLog,
  ) {}

  async deactivate(ctx: RequestCtx, userId: string, now = new Date()): Promise<UserEntity> {
    const target = await this.administered(ctx, userId, 'deactivate');
    const changed = await this.inTurn(ctx, async (tx, manager, admins) => {
      const user = await lockUser(manager, target.id);
      if (!user.active) return false;
      const otherAdmins = admins.filter((id) => id !== user.id);
      if (user.role === Role.ADMIN && otherAdmins.length === 0) {
        throw new Conflict(
          IdentityReason.LAST_ACTIVE_ADMIN,
          'the last active admin cannot be deactivated; make or reactivate another admin first',
        );
      }
      await manager.query(
        'UPDATE users SET active = 0, token_version = token_version + 1 WHERE id = ?',
        [user.id],
      );
      await this.log.record(tx, user.id, actorOf(ctx).userId, UserAdminAction.DEACTIVATED, now);
      return true;
    });
    if (changed) this.users.forgetAuthFacts(target.id);
    return this.reread(ctx, target.id);
  }

  async reactivate(ctx: RequestCtx, userId: string, now = new Date()): Promise<UserEntity> {
    const target = await this.administered(ctx, userId, 'reactivate');
    const changed = await this.inTurn(ctx, async (tx, manager) => {
      const user = await lockUser(manager, target.id);
      if (user.active) return false;
      await manager.query('UPDATE users SET active = 1 WHERE id = ?', [user.id]);
      await this.log.record(tx, user.id, actorOf(ctx).userId, UserAdminAction.REACTIVATED, now);
      return true;
    });
    if (changed) this.users.forgetAuthFacts(target.id);
    return this.reread(ctx, target.id);
  }

  async resetPassword(ctx: RequestCtx, userId: string, now = new Date()): Promise<PasswordReset> {
    const target = await this.administered(ctx, userId, 'reset the password of');
    const password = temporaryPassword();
    // argon2 before the transaction: the row's lock is held for two statements, not for it.
    const passwordHash = await this.hasher.hash(password);
    await this.inTurn(ctx, async (tx, manager) => {
      await lockUser(manager, target.id);
      await manager.query(
        `UPDATE users SET password_hash = ?, must_change_password = 1,
                token_version = token_version + 1
          WHERE id = ?`,
        [passwordHash, target.id],
      );
      await this.log.record(
        tx,
        target.id,
        actorOf(ctx).userId,
        UserAdminAction.PASSWORD_RESET,
        now,
      );
    });
    this.users.forgetAuthFacts(target.id);
    await this.throttle.forgive(target.email);
    return { user: await this.reread(ctx, target.id), temporaryPassword: password };
  }

  /**
   * The user the viewer means, once it is sure the viewer may administer it: an id, of an
   * existing user, not the viewer itself (said first: it is the more useful answer to an
   * organiser trying its own account), of a role the viewer may create. Read before any
   * transaction: a role never changes.
   */
  private async administered(ctx: RequestCtx, userId: string, act: string): Promise<UserEntity> {
    const viewer = actorOf(ctx);
    mustBeUuid(userId, 'user');
    const user = await this.users.byId(ctx, userId);
    if (!user) throw new NotFound(IdentityReason.USER_NOT_FOUND, `no user has id ${userId}`);
    if (user.id === viewer.userId) {
      throw new Forbidden(
        IdentityReason.OWN_ACCOUNT,
        `nobody may ${act} its own account; ask another organiser or admin`,
      );
    }
    if (!mayAdminister(viewer, user.role)) {
      throw new Forbidden(
        CommonReason.ROLE_NOT_ALLOWED,
        `a ${viewer.role} may not ${act} ${user.role} users`,
      );
    }
    return user;
  }

  /**
   * A transaction of user administration, which takes the active admins' rows first (in id
   * order), then the user's: one order for every such change, so they take turns instead of
   * deadlocking (a change also share-locks its actor's row, through the record's foreign key).
   * Two admins deactivating each other thus go one after the other, and the second sees the
   * first's deactivation (a locking read reads the latest committed rows).
   */
  private inTurn<T>(
    ctx: RequestCtx,
    work: (tx: RequestCtx, manager: EntityManager, activeAdmins: string[]) => Promise<T>,
  ): Promise<T> {
    return inTransaction(this.dataSource, ctx, async (tx, manager) =>
      work(tx, manager, await lockActiveAdmins(manager)),
    );
  }

  private async reread(ctx: RequestCtx, userId: string): Promise<UserEntity> {
    const user = await repo(this.dataSource, ctx, UserEntity).findOneBy({ id: userId });
    if (!user) throw new Error(`user ${userId} vanished`); // users are never deleted
    return user;
  }
}

function actorOf(ctx: RequestCtx): Viewer {
  if (!ctx.viewer) throw new Unauthenticated(CommonReason.AUTHENTICATION_REQUIRED, 'sign in first');
  return ctx.viewer;
}

/** The ids of the active admins, locked (in id order) until the transaction ends. */
async function lockActiveAdmins(manager: EntityManager): Promise<string[]> {
  const rows: Array<{ id: string }> = await manager.query(
    "SELECT id FROM users WHERE role = 'ADMIN' AND active = 1 ORDER BY id FOR UPDATE",
  );
  return rows.map((row) => row.id);
}

/** The user's row as committed now, locked until the transaction ends. */
async function lockUser(
  manager: EntityManager,
  id: string,
): Promise<{ id: string; role: Role; active: boolean }> {
  const [row]: Array<{ id: string; role: Role; active: number | boolean }> = await manager.query(
    'SELECT id, role, active FROM users WHERE id = ? FOR UPDATE',
    [id],
  );
  if (!row) throw new Error(`user ${id} vanished`); // users are never deleted
  return { id: row.id, role: row.role, active: Boolean(row.active) };
}
