/**
 * The one way a refusal of the API reaches the screen, in the portal and on the public pages:
 * its reason in the reader's language (./reasons.ts), the field it concerns, and what its
 * details add (when to try again, the limit, the other problems of the same form). The server's
 * `message` is English written for developers; it is never shown. A reason the table does not
 * know yet is said by its code ("not possible in the current state"), and anything that is not
 * a refusal at all by a generic sentence: never by raw text.
 *
 * The reasons' words are not in the one table of ../i18n.ts, which every page loads: they come
 * with this file, which the portal imports and the public pages load only when something is
 * refused. It imports nothing of the judges' app; ./describeError.ts knows the portal's error
 * classes (network failures among them).
 */
import { Locale, LOCALES, MessageKey } from '../i18n';
import { ReasonMessageKey, reasonEn, reasonZhCN } from './reasons';

/** A refusal: the contract's code, its reason, and the safe facts the API put beside them. */
export interface Refusal {
  code: string;
  reason?: string | null;
  details?: Readonly<Record<string, unknown>>;
}

/** Words for a reason in one place where the shared words say too little. */
export type OwnWords = Partial<Record<string, MessageKey>>;

/**
 * The refusal an error carries: the app's refusal errors (ApiError, PublicApiError,
 * HttpRefusal) all have a string `code`, a `reason`, and the facts as `details` or (the public
 * client's) `extensions`. Null for anything else: a network failure, a bug.
 */
export function refusalOf(error: unknown): Refusal | null {
  if (!(error instanceof Error)) return null;
  const { code, reason, details, extensions } = error as Error & {
    code?: unknown;
    reason?: unknown;
    details?: unknown;
    extensions?: unknown;
  };
  if (typeof code !== 'string') return null;
  const facts = details ?? extensions;
  return {
    code,
    reason: typeof reason === 'string' ? reason : null,
    details: typeof facts === 'object' && facts !== null ? (facts as Record<string, unknown>) : {},
  };
}

/** A key of the words a refusal is said with: the reasons' table, then the app's. */
type WordKey = ReasonMessageKey | MessageKey;
type Words = ((key: WordKey, values?: Record<string, string | number>) => string) & {
  /** the key `${prefix}${value}` when the words have it, else `fallback` */
  keyOf: (prefix: string, value: string, fallback: WordKey) => WordKey;
};

const REASON_TABLES: Record<Locale, Record<ReasonMessageKey, string>> = {
  'zh-CN': reasonZhCN,
  en: reasonEn,
};
const wordsByLocale = new Map<Locale, Words>();

/** The words of a locale: the reasons' table over the app's. */
export function refusalWords(locale: Locale): Words {
  const known = wordsByLocale.get(locale);
  if (known) return known;
  const table: Record<string, string> = { ...LOCALES[locale], ...REASON_TABLES[locale] };
  const words = ((key, values = {}) =>
    table[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in values ? String(values[name]) : whole,
    )) as Words;
  words.keyOf = (prefix, value, fallback) =>
    `${prefix}${value}` in table ? (`${prefix}${value}` as WordKey) : fallback;
  wordsByLocale.set(locale, words);
  return words;
}

/** An error that is not a network failure, as a sentence: the refusal's words, else generic. */
export function describeRefusalError(locale: Locale, error: unknown, own: OwnWords = {}): string {
  const refusal = refusalOf(error);
  return refusal ? describeRefusal(locale, refusal, own) : refusalWords(locale)('refusalUnknown');
}

export function describeRefusal(locale: Locale, refusal: Refusal, own: OwnWords = {}): string {
  const t = refusalWords(locale);
  const details = refusal.details ?? {};
  const reason = refusal.reason ?? '';
  const ownKey = own[reason];
  let text = ownKey ? t(ownKey) : reasonText(locale, refusal);

  const problem = details.problem;
  if (reason === 'INVALID_CREDIT_CODE' && typeof problem === 'string') {
    const key = t.keyOf('creditCode_', problem, 'why_INVALID_CREDIT_CODE');
    if (key !== 'why_INVALID_CREDIT_CODE') text = `${text}${t('refusalJoin')}${t(key)}`;
  }
  const field = typeof details.field === 'string' ? fieldLabel(locale, details.field) : null;
  if (field && !NAMES_ITS_FIELD.has(reason)) text = t('refusalWithField', { field, message: text });

  const parts = [text];
  const others = otherProblems(locale, details.problems, reason, details.field);
  if (others.length === 1) parts.push(others[0]);
  else if (others.length > 1)
    parts.push(others[0], t('refusalMoreProblems', { n: others.length - 1 }));
  const inPlay = numberOf(details.entriesInPlay);
  if (inPlay !== null) parts.push(t('refusalEntriesInPlay', { n: inPlay }));
  const openObjections = numberOf(details.openObjections);
  if (openObjections !== null) parts.push(t('refusalOpenObjections', { n: openObjections }));
  const names = details.names;
  if (Array.isArray(names) && names.length > 0 && names.every((n) => typeof n === 'string')) {
    parts.push(t('refusalNames', { names: names.join(t('listJoin')) }));
  }
  // "not yet" says little without the day: finalising waits for the notice's end
  const noticeEndsAt = details.noticeEndsAt;
  if (typeof noticeEndsAt === 'string' && !Number.isNaN(Date.parse(noticeEndsAt))) {
    const at = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
    parts.push(t('refusalNoticeEndsAt', { at: at.format(new Date(noticeEndsAt)) }));
  }
  const codes = details.entryCodes;
  if (Array.isArray(codes) && codes.length > 0 && codes.every((c) => typeof c === 'string')) {
    parts.push(t('refusalEntryCodes', { codes: codes.join(t('listJoin')) }));
  }

  let sentence = parts.join(t('refusalJoin'));
  const limit = numberOf(details.limit) ?? numberOf(details.max) ?? numberOf(details.maxLength);
  if (limit !== null) sentence += t('refusalLimit', { limit });
  const retry = numberOf(details.retryAfterSeconds);
  if (retry !== null && retry > 0) {
    sentence +=
      retry < 90
        ? t('refusalRetrySeconds', { seconds: Math.ceil(retry) })
        : t('refusalRetryMinutes', { minutes: Math.ceil(retry / 60) });
  }
  return sentence;
}

/** The reason's own words, else its code's, else the generic sentence. */
export function reasonText(locale: Locale, refusal: Refusal): string {
  const t = refusalWords(locale);
  const byReason = t.keyOf('why_', refusal.reason ?? '', 'refusalUnknown');
  if (byReason !== 'refusalUnknown') return t(byReason);
  return t(t.keyOf('whyCode_', refusal.code, 'refusalUnknown'));
}

/**
 * A field as the forms call it: `title`, or a row of a list such as `criteria[1].weight`
 * ("评分项第 2 项的权重"). Null for a field the table does not know (it is then left out:
 * better no field than a raw name).
 */
export function fieldLabel(locale: Locale, path: string): string | null {
  const t = refusalWords(locale);
  const label = (name: string) => {
    const key = t.keyOf('field_', name, 'refusalUnknown');
    return key === 'refusalUnknown' ? null : t(key);
  };
  const row = /^(\w+)\[(\d+)\](?:\.(\w+))?(?:\.\w+)?$/.exec(path);
  if (row) {
    const list = label(row[1]);
    if (!list) return null;
    const n = Number(row[2]) + 1;
    const part = row[3] ? label(row[3]) : null;
    return part ? t('fieldItem', { list, n, part }) : t('fieldNth', { list, n });
  }
  const [head] = path.split('.');
  return label(head);
}

/** Reasons whose words already name the field, so "名称：请填写名称" is not said twice. */
const NAMES_ITS_FIELD = new Set([
  'TITLE_REQUIRED',
  'INVALID_EMAIL',
  'INVALID_PHONE',
  'INVALID_CREDIT_CODE',
  'CREDIT_CODE_REQUIRED',
  'INVALID_PATENT_NUMBER',
  'INVALID_YEAR',
  'INVALID_ITEM_COUNT',
  'WEAK_PASSWORD',
  'CATEGORY_NOT_LEAF',
  'NOTICE_IN_PAST',
  'WEIGHTS_NOT_100',
  'INVALID_JUDGES_PER_ENTRY',
  'INVALID_MIN_SHEETS',
  'INVALID_TRIM_COUNT',
  'INVALID_SLUG',
  'REASON_TOO_SHORT',
  'ENTRY_NOT_IN_ROUND',
]);

/** The further problems of a form refused as a whole (`problems`), the first one aside. */
function otherProblems(
  locale: Locale,
  problems: unknown,
  reason: string,
  field: unknown,
): string[] {
  const t = refusalWords(locale);
  if (!Array.isArray(problems)) return [];
  const rest = problems.filter(
    (p): p is { reason: string; field?: string } =>
      typeof p === 'object' && p !== null && typeof (p as { reason?: unknown }).reason === 'string',
  );
  const [first, ...others] = rest;
  const list = first && first.reason === reason && first.field === field ? others : rest;
  return list.map((p) => {
    const text = reasonText(locale, { code: 'BAD_USER_INPUT', reason: p.reason });
    const label = p.field ? fieldLabel(locale, p.field) : null;
    return label && !NAMES_ITS_FIELD.has(p.reason)
      ? t('refusalWithField', { field: label, message: text })
      : text;
  });
}

function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
