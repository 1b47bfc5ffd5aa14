/** Reasons shared by every domain; each domain adds its own in `<domain>.errors.ts`. */
export const CommonReason = {
  /** No token where one is required. */
  AUTHENTICATION_REQUIRED: 'AUTHENTICATION_REQUIRED',
  /** A token that is malformed, forged, or signed by another secret. */
  INVALID_TOKEN: 'INVALID_TOKEN',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  /** The role may not do this. */
  ROLE_NOT_ALLOWED: 'ROLE_NOT_ALLOWED',
  INVALID_INPUT: 'INVALID_INPUT',
  /** An id that is not a UUID, refused before anything is looked up. */
  INVALID_ID: 'INVALID_ID',
  INTERNAL: 'INTERNAL',
} as const;
export type CommonReason = (typeof CommonReason)[keyof typeof CommonReason];
