/** Small shared pieces of the portal screens: a refusal line, status badges, a date field. */
import { ReactNode } from 'react';
import { keyOf, useI18n } from '../i18n';
import type { EntryStatus } from './ops';

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
