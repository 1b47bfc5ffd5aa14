import { createContext, useContext } from 'react';
import { fill, Locale } from '../locale';
import { publicEn, PublicMessageKey, publicZhCN } from './publicMessages';

/**
 * The public pages' words and times, in a context of their own: nothing here reads the judges'
 * and organisers' table (../i18n.ts), so the public route's bundle carries only these words.
 */
export type { Locale };
export type PublicTranslate = (
  key: PublicMessageKey,
  values?: Record<string, string | number>,
) => string;

export interface PublicI18n {
  locale: Locale;
  t: PublicTranslate;
  setLocale: (locale: Locale) => void;
  formatTime: (iso: string) => string;
}

const TABLES: Record<Locale, Record<PublicMessageKey, string>> = {
  'zh-CN': publicZhCN,
  en: publicEn,
};

export function publicTranslator(locale: Locale): PublicTranslate {
  const table = TABLES[locale];
  return (key, values = {}) => fill(table[key], values);
}

/** A key made at run time (a status, a reason), checked against the table. */
export function publicKeyOf(
  prefix: string,
  value: string,
  fallback: PublicMessageKey,
): PublicMessageKey {
  const key = `${prefix}${value}`;
  return key in publicZhCN ? (key as PublicMessageKey) : fallback;
}

export const PublicI18nContext = createContext<PublicI18n>({
  locale: 'zh-CN',
  t: publicTranslator('zh-CN'),
  setLocale: () => undefined,
  formatTime: (iso) => iso,
});

export const usePublicI18n = (): PublicI18n => useContext(PublicI18nContext);
