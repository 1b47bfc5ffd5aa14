import { CreateIdentity1795711499564 } from './1795711499564-CreateIdentity';

/** Every migration, in order, as classes (never a glob: the build and the tests see the same list). */
export const MIGRATIONS = [CreateIdentity1795711499564];
