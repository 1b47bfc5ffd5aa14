import { usePublicI18n } from './publicI18n';

/** A public page's query failed: the sentence `useLoad` made of it, and a way to try again. */
export function LoadFailed({ error, retry }: { error: string; retry: () => void }) {
  const { t } = usePublicI18n();
  return (
    <p className="pub-error" role="alert">
      {error}{' '}
      <button type="button" className="pub-button" onClick={retry}>
        {t('publicRetry')}
      </button>
    </p>
  );
}
