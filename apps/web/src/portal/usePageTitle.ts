import { useEffect } from 'react';
import { useI18n } from '../i18n';

/**
 * The browser tab's title for a portal screen: what the screen shows, most specific first, then
 * the platform's name ("终评 · 评审轮次 · 评审平台"), so a person with several tabs open, and the
 * browser's history, tell them apart. Parts not loaded yet (null) are left out; the title
 * follows the language. ../App.tsx titles the judges' screens and leaves these alone.
 */
export function usePageTitle(...parts: (string | null | undefined)[]): void {
  const { t } = useI18n();
  const title = [...parts.filter((part): part is string => !!part), t('portalTitle')].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}

/** The paths whose screens title themselves with usePageTitle (the portal's areas). */
export function titlesItself(path: string): boolean {
  return /^\/(org|region|entrant|register)(\/|$)/.test(path);
}
