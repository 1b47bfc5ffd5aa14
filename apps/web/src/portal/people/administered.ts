import type { Role } from '../ops';

/**
 * The roles the people screen lists (entrants register themselves and are not staff), and
 * those each role may create and administer: the API's CREATABLE_ROLES
 * (docs/roles-and-rules.md, Accounts), less ENTRANT, which this screen does not make.
 */
export const STAFF_ROLES: readonly Role[] = ['JUDGE', 'COORDINATOR', 'ORGANISER', 'ADMIN'];

const ADMINISTERED: Partial<Record<Role, readonly Role[]>> = {
  ADMIN: ['JUDGE', 'COORDINATOR', 'ORGANISER', 'ADMIN'],
  ORGANISER: ['JUDGE', 'COORDINATOR'],
};

/** The roles `viewerRole` may create, deactivate, reactivate and reset, in the screen's order. */
export function administeredRoles(viewerRole: string): readonly Role[] {
  return ADMINISTERED[viewerRole as Role] ?? [];
}

/** Whether the viewer may act on this person (never on its own account). */
export function mayAct(
  viewer: { id: string; role: string },
  person: { id: string; role: string },
): boolean {
  return person.id !== viewer.id && administeredRoles(viewer.role).includes(person.role as Role);
}
