import { PipeTransform } from '@nestjs/common';
import { CommonReason } from './errors/common.errors';
import { BadUserInput } from './errors/domain-error';

/** Any RFC 9562 UUID in its text form (ids here are v4 and v7), either case. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one check of "is this an id at all", before anything asks the database. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The id as it is, or BAD_USER_INPUT / INVALID_ID naming what it should have been the id of. */
export function mustBeUuid(value: string, what: string): string {
  if (!isUuid(value))
    throw new BadUserInput(CommonReason.INVALID_ID, `the ${what} id is not a UUID`);
  return value;
}

/** A route parameter that must be a UUID (`@Param('roundId', uuidParam('round'))`). */
export function uuidParam(what: string): PipeTransform<string, string> {
  return { transform: (value: string) => mustBeUuid(value, what) };
}
