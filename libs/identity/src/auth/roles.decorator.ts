import { SetMetadata } from '@nestjs/common';
import { Role } from '../role';

export const ROLES_KEY = 'identity:roles';
export const PUBLIC_KEY = 'identity:public';
export const BEFORE_PASSWORD_CHANGE_KEY = 'identity:before-password-change';

/** Only these roles may call the operation (after sign-in). Without it: any signed-in user. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No sign-in needed; a token that is sent must still be valid. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/**
 * Callable by a user whose password was reset and who has not changed it yet (`me`,
 * `changePassword`, `signOut`); everything else refuses such a user with MUST_CHANGE_PASSWORD.
 */
export const AllowedBeforePasswordChange = () => SetMetadata(BEFORE_PASSWORD_CHANGE_KEY, true);
