import { SetMetadata } from '@nestjs/common';
import { Role } from '../role';

export const ROLES_KEY = 'identity:roles';
export const PUBLIC_KEY = 'identity:public';

/** Only these roles may call the operation (after sign-in). Without it: any signed-in user. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** No sign-in needed; a token that is sent must still be valid. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);
