import { BadUserInput, Reason } from '@app/core';
import { PublicationReason } from './publication.errors';

export const OBJECTION_TEXT_MAX = 2000;
export const CONTACT_MAX = 200;
/**
 * The shortest reason an objection may give, in columns: a Chinese (or other East Asian wide)
 * character counts two, anything else one. Eight columns are four Chinese characters (评分有误,
 * 涉嫌抄袭) or eight letters ("copied X"): enough to say what is wrong, too many for a stray
 * key-press. Every OPEN objection blocks finalising the list, so one that says nothing must not
 * be taken.
 */
export const OBJECTION_REASON_MIN_COLUMNS = 8;

/** Han, kana, Hangul and full-width forms: the characters a terminal draws two columns wide. */
const WIDE =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303f\uff01-\uff60\uffe0-\uffe6]/u;

/** The text's width in columns, a run of white space counting as one column. */
export function textColumns(text: string): number {
  let columns = 0;
  for (const char of text.trim().replace(/\s+/gu, ' ')) columns += WIDE.test(char) ? 2 : 1;
  return columns;
}

/** An objection's reason: required, at least OBJECTION_REASON_MIN_COLUMNS wide, at most 2000. */
export function objectionReason(value: string | null | undefined): string {
  const text = requiredText(value, PublicationReason.REASON_REQUIRED, 'reason');
  if (textColumns(text) < OBJECTION_REASON_MIN_COLUMNS) {
    throw new BadUserInput(
      PublicationReason.REASON_TOO_SHORT,
      `reason is too short: say what is wrong in at least ${OBJECTION_REASON_MIN_COLUMNS / 2} Chinese characters or ${OBJECTION_REASON_MIN_COLUMNS} letters`,
      { field: 'reason', minColumns: OBJECTION_REASON_MIN_COLUMNS },
    );
  }
  return text;
}

export function requiredText(
  value: string | null | undefined,
  missing: Reason,
  field: string,
): string {
  const text = (value ?? '').trim();
  if (text === '') throw new BadUserInput(missing, `${field} is required`, { field });
  if ([...text].length > OBJECTION_TEXT_MAX) {
    throw new BadUserInput(
      PublicationReason.TEXT_TOO_LONG,
      `${field} is at most ${OBJECTION_TEXT_MAX} characters`,
      { field },
    );
  }
  return text;
}

export function optionalText(
  value: string | null | undefined,
  max: number,
  field: string,
): string | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  if ([...text].length > max) {
    throw new BadUserInput(
      PublicationReason.TEXT_TOO_LONG,
      `${field} is at most ${max} characters`,
      {
        field,
      },
    );
  }
  return text;
}
