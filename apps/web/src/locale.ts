/**
 * The languages of the app and the one the person chose (kept in the browser), shared by the
 * judges' and organisers' app (./i18n.ts) and the public pages (./public/publicI18n.ts), which
 * keep their words apart so a phone reading the results downloads only the public ones.
 */
export type Locale = 'zh-CN' | 'en';

export const LOCALE_KEY = 'judging.locale';

export function initialLocale(): Locale {
  const saved = localStorage.getItem(LOCALE_KEY);
  return saved === 'en' || saved === 'zh-CN' ? saved : 'zh-CN';
}

/** Fills a message's {placeholders}; one left without a value stays as written. */
export function fill(message: string, values: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}
