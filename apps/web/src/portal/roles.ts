import type { Role } from './ops';

/** Where each role's area starts after sign-in. */
export function homeOf(role: string): string {
  switch (role as Role) {
    case 'ADMIN':
    case 'ORGANISER':
      return '/org';
    case 'COORDINATOR':
      return '/region';
    case 'ENTRANT':
      return '/entrant';
    default:
      return '/judge';
  }
}

/** The area a path belongs to, and so the roles that may open it. */
export function mayOpen(role: string, path: string): boolean {
  if (path.startsWith('/org')) return role === 'ADMIN' || role === 'ORGANISER';
  if (path.startsWith('/region')) return role === 'COORDINATOR';
  if (path.startsWith('/entrant')) return role === 'ENTRANT';
  if (path.startsWith('/judge')) return role === 'JUDGE';
  return true;
}
