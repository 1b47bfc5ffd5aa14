import type { Refusal } from '../refusal';

/**
 * Reasons that concern one field of the new-person form though the API names none: a taken
 * email is a conflict, not bad input, so it carries no `field`.
 */
const FIELD_OF_REASON: Readonly<Record<string, string>> = {
  EMAIL_TAKEN: 'email',
  UNKNOWN_REGION: 'regionCode',
  REGION_REQUIRED: 'regionCode',
  INVALID_REGION_CODE: 'regionCode',
};

/**
 * The field a refusal concerned (the API's `field`, else the one its reason is about), or null:
 * editing that field makes the refusal stale, so the form takes it away.
 */
export function refusedField(refusal: Refusal | null): string | null {
  if (!refusal) return null;
  const field = refusal.details?.field;
  if (typeof field === 'string') return field;
  return (refusal.reason && FIELD_OF_REASON[refusal.reason]) || null;
}
