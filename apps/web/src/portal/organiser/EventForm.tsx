import { FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import type { CreateEventInput } from '../../gql/app';
import type { EventInfo } from '../ops';
import { ErrorLine, fromLocalInput, toLocalInput } from '../ui';

/** The contract's CreateEventInput: name, slug, kind, the submission window and the limits. */
export function EventForm({
  initial,
  busy,
  error,
  submitLabel,
  onSave,
}: {
  initial: EventInfo | null;
  busy: boolean;
  error: string | null;
  submitLabel: string;
  onSave: (input: CreateEventInput) => void;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    name: initial?.name ?? '',
    slug: initial?.slug ?? '',
    kind: initial?.kind ?? 'CRAFTS_EXHIBITION',
    opens: toLocalInput(initial?.submissionOpensAt ?? null),
    closes: toLocalInput(initial?.submissionClosesAt ?? null),
    maxEntries: String(initial?.maxEntriesPerEntrant ?? 10),
    maxImages: String(initial?.maxImagesPerEntry ?? 10),
  });
  const set = (field: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({
      name: form.name.trim(),
      slug: form.slug.trim(),
      kind: form.kind,
      submissionOpensAt: fromLocalInput(form.opens),
      submissionClosesAt: fromLocalInput(form.closes),
      maxEntriesPerEntrant: Number(form.maxEntries),
      maxImagesPerEntry: Number(form.maxImages),
    });
  };
  const input = (field: keyof typeof form, label: string, type = 'text') => (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        required={field === 'name' || field === 'slug'}
        min={type === 'number' ? 1 : undefined}
        value={form[field]}
        onChange={(e) => set(field)(e.target.value)}
      />
    </label>
  );
  return (
    <form className="form-grid" onSubmit={submit}>
      {input('name', t('eventName'))}
      {input('slug', t('eventSlug'))}
      <label className="field">
        <span>{t('eventKind')}</span>
        <select value={form.kind} onChange={(e) => set('kind')(e.target.value)}>
          <option value="CRAFTS_EXHIBITION">{t('kind_CRAFTS_EXHIBITION')}</option>
          <option value="INVENTION_FAIR">{t('kind_INVENTION_FAIR')}</option>
          <option value="OTHER">{t('kind_OTHER')}</option>
        </select>
      </label>
      {input('opens', t('submissionOpens'), 'datetime-local')}
      {input('closes', t('submissionClosesField'), 'datetime-local')}
      {input('maxEntries', t('maxEntriesPerEntrant'), 'number')}
      {input('maxImages', t('maxImagesPerEntry'), 'number')}
      <ErrorLine error={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
