import { Extensions } from '@nestjs/graphql';

/** The schema extension that marks a mutation field as one that creates an account. */
export const CREATES_ACCOUNT = 'createsAccount';

/**
 * Marks a mutation that creates an account (a user, with or without its entrant). One GraphQL
 * request may hold one such field at most (the API's account-creation rule, issue 19): aliases
 * would otherwise let one anonymous request create a thousand accounts, each throttle aside.
 */
export const CreatesAccount = () => Extensions({ [CREATES_ACCOUNT]: true });
