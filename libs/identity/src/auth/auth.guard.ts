import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommonReason, Forbidden, Unauthenticated } from '@app/core';
import { IdentityReason } from '../identity.errors';
import { Role } from '../role';
import { AuthService, mustChangePassword } from './auth.service';
import { requestOf, viewerOf } from './request-auth';
import { BEFORE_PASSWORD_CHANGE_KEY, PUBLIC_KEY, ROLES_KEY } from './roles.decorator';

/**
 * The one gate of every GraphQL operation and HTTP endpoint (registered as APP_GUARD).
 * A bad or expired token is UNAUTHENTICATED everywhere, public operations included; no token is
 * fine only where @Public(); @Roles narrows who may call. A user whose password was reset may
 * only change it (and read `me`, sign out) until it does, public operations included: its token
 * is for that alone.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = requestOf(context);
    const viewer = await viewerOf(req, (token) => this.auth.viewerOf(token));
    req.viewer = viewer;
    if (
      mustChangePassword(viewer) &&
      !this.reflector.getAllAndOverride<boolean>(BEFORE_PASSWORD_CHANGE_KEY, targets)
    ) {
      throw new Forbidden(
        IdentityReason.MUST_CHANGE_PASSWORD,
        'change the temporary password first (changePassword)',
      );
    }
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    if (!viewer) throw new Unauthenticated(CommonReason.AUTHENTICATION_REQUIRED, 'sign in first');
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
    if (roles && !roles.includes(viewer.role)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, `a ${viewer.role} may not do this`);
    }
    return true;
  }
}
