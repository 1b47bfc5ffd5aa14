import type { EntityManager } from 'typeorm';

/** The roles of the contract, stored as these strings. */
export enum Role {
  ADMIN = 'ADMIN',
  ORGANISER = 'ORGANISER',
  JUDGE = 'JUDGE',
  ENTRANT = 'ENTRANT',
  COORDINATOR = 'COORDINATOR',
}

/** Who is asking. `null` viewer: the public. */
export interface Viewer {
  readonly userId: string;
  readonly role: Role;
  readonly entrantId: string | null;
  readonly regionCode: string | null;
}

/**
 * Passed first to every service method: the viewer, the request's id for logs, the client's
 * address, and, inside a transaction, the EntityManager so nested calls join it.
 */
export interface RequestCtx {
  readonly viewer: Viewer | null;
  readonly requestId: string;
  readonly ip: string;
  readonly manager?: EntityManager;
}

export function withManager(ctx: RequestCtx, manager: EntityManager): RequestCtx {
  return { ...ctx, manager };
}

/** For work the system does on its own behalf (bootstrap, jobs). */
export function systemCtx(requestId: string): RequestCtx {
  return { viewer: null, requestId, ip: '127.0.0.1' };
}
