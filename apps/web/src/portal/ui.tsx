/**
 * Small shared pieces of the portal screens: a refusal line, status badges, a date field, the
 * button that loads a list's next page.
 */
import { ReactNode } from 'react';
import { keyOf, useI18n } from '../i18n';
import type { EntryStatus } from './ops';
import type { EntryPages } from './useEntryPages';

export function ErrorLine({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p className="error" role="alert">
      {error}
    </p>
  );
}

export function EntryStatusBadge({ status }: { status: EntryStatus }) {
  const { t } = useI18n();
  return (
    <span className={`badge entry-${status}`} data-status={status}>
      {t(keyOf('entryStatus_', status, 'entryStatus_DRAFT'))}
    </span>
  );
}

export function Section({
  title,
  id,
  children,
}: {
  title: string;
  id: string;
  children: ReactNode;
}) {
  return (
    <section className="card section" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** An ISO instant as the value of <input type="datetime-local"> (local time), and back. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(value: string): string | null {
  return value ? new Date(value).toISOString() : null;
}

export function Loading({ error }: { error: string | null }) {
  const { t } = useI18n();
  return error ? <ErrorLine error={error} /> : <p>{t('loading')}</p>;
}

/** Under a list that has more pages: how many are shown, a refused page, the next page. */
export function LoadMore({ pages }: { pages: EntryPages }) {
  const { t } = useI18n();
  return (
    <>
      {pages.loaded && <ErrorLine error={pages.error} />}
      {pages.hasNextPage && (
        <div className="actions load-more">
          <span className="note">
            {t('shownOfTotal', { n: pages.entries.length, total: pages.totalCount })}
          </span>
          <button
            type="button"
            className="button"
            disabled={pages.busy}
            onClick={() => void pages.loadMore()}
          >
            {t('loadMore')}
          </button>
        </div>
      )}
    </>
  );
}
