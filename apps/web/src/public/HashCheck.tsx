import { useState } from 'react';
import { usePublicI18n } from './publicI18n';
import { ItemOfHash, publicationHashOf } from './hash';

type Outcome = { state: 'idle' | 'busy' | 'unavailable' } | { state: 'done'; computed: string };

/**
 * The published hash, and a button that recomputes it in this browser from the items the page
 * shows (§8), so anyone can see the list is the one the organiser froze.
 */
export function HashCheck({
  hash,
  items,
}: {
  hash: string;
  /** null while the list is still loading */
  items: readonly ItemOfHash[] | null;
}) {
  const { t } = usePublicI18n();
  const [outcome, setOutcome] = useState<Outcome>({ state: 'idle' });
  const check = async () => {
    if (!items) return;
    setOutcome({ state: 'busy' });
    const computed = await publicationHashOf(items);
    setOutcome(computed === null ? { state: 'unavailable' } : { state: 'done', computed });
  };
  return (
    <div className="pub-hash">
      <dl>
        <dt>{t('publicHash')}</dt>
        <dd>
          <code data-testid="published-hash">{hash}</code>
        </dd>
      </dl>
      <button
        type="button"
        className="pub-button"
        onClick={() => void check()}
        disabled={!items || outcome.state === 'busy'}
      >
        {t('publicCheckHash')}
      </button>
      <div aria-live="polite" data-testid="hash-check">
        {outcome.state === 'busy' && <p>{t('publicHashComputing')}</p>}
        {outcome.state === 'unavailable' && (
          <p className="pub-warn">{t('publicHashUnavailable')}</p>
        )}
        {outcome.state === 'done' && (
          <>
            <p>
              <code data-testid="computed-hash">
                {t('publicHashComputed', { hash: outcome.computed })}
              </code>
            </p>
            <p
              className={outcome.computed === hash ? 'pub-ok' : 'pub-warn'}
              data-match={outcome.computed === hash ? 'yes' : 'no'}
            >
              {outcome.computed === hash
                ? `✓ ${t('publicHashMatch')}`
                : `✗ ${t('publicHashMismatch')}`}
            </p>
          </>
        )}
      </div>
      <p className="pub-note">{t('publicHashHow')}</p>
    </div>
  );
}
