import { Role, Viewer } from '@app/core';

export { Role };

export enum EntrantType {
  ENTERPRISE = 'ENTERPRISE',
  INSTITUTION = 'INSTITUTION',
  INDIVIDUAL = 'INDIVIDUAL',
}

/** Roles that run events (docs/roles-and-rules.md: an ADMIN may do everything an ORGANISER may). */
export const ORGANISING_ROLES: readonly Role[] = [Role.ADMIN, Role.ORGANISER];

/**
 * Which roles each creator may create with `createUser`, and so administer (deactivate,
 * reactivate, reset the password of: docs/roles-and-rules.md, Accounts).
 */
export const CREATABLE_ROLES: Readonly<Record<Role, readonly Role[]>> = {
  [Role.ADMIN]: [Role.ADMIN, Role.ORGANISER, Role.JUDGE, Role.COORDINATOR, Role.ENTRANT],
  [Role.ORGANISER]: [Role.JUDGE, Role.COORDINATOR],
  [Role.JUDGE]: [],
  [Role.ENTRANT]: [],
  [Role.COORDINATOR]: [],
};

/** ADMIN or ORGANISER: may run every event. */
export function isOrganiser(viewer: Viewer | null): boolean {
  return viewer !== null && ORGANISING_ROLES.includes(viewer.role);
}

/** Whether the viewer may create, deactivate, reactivate and reset users of this role. */
export function mayAdminister(viewer: Viewer | null, role: Role): boolean {
  return viewer !== null && CREATABLE_ROLES[viewer.role].includes(role);
}
