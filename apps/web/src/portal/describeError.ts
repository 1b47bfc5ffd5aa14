import { NetworkError } from '../api';
import type { I18n } from '../i18n';
import { describeRefusalError, OwnWords } from './refusal';

/**
 * A failure as a sentence for the person who met it, in the portal: the server not reached, or
 * a refusal of the API (GraphQL or plain HTTP) in the reader's words (./refusal.ts); anything
 * else, a bug or an answer the app did not expect, by a generic sentence, never its raw text.
 */
export function describeError(
  i18n: Pick<I18n, 'locale' | 't'>,
  error: unknown,
  own: OwnWords = {},
): string {
  if (error instanceof NetworkError) return i18n.t('networkDown');
  return describeRefusalError(i18n.locale, error, own);
}
