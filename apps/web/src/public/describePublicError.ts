import type { Locale, PublicTranslate } from './publicI18n';
import { PublicNetworkError } from './publicApi';

/**
 * A public page's failure as a sentence: the server not reached, or the refusal in the
 * visitor's language, as the portal says refusals (../portal/refusal.ts), never the server's
 * English. Those words load only when something is refused, so a visitor who only reads the
 * results does not download them.
 */
export async function describePublicError(
  locale: Locale,
  t: PublicTranslate,
  error: unknown,
): Promise<string> {
  if (error instanceof PublicNetworkError) return t('publicNetworkDown');
  try {
    const { describeRefusalError } = await import('../portal/refusal');
    return describeRefusalError(locale, error);
  } catch {
    return t('publicNetworkDown');
  }
}
