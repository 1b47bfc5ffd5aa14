import { FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { leafOptions } from '../categories';
import type { Category, PortalEntry } from '../ops';
import { ErrorLine } from '../ui';

export interface EntryDraft {
  categoryId: string;
  title: string;
  description: string;
  materials: string;
  techniques: string;
  dimensions: string;
  creators: string;
  itemCount: string;
  yearCreated: string;
  patentNumbers: string;
}

export function draftOf(entry: PortalEntry | null): EntryDraft {
  return {
    categoryId: entry?.category.id ?? '',
    title: entry?.title ?? '',
    description: entry?.description ?? '',
    materials: entry?.materials ?? '',
    techniques: entry?.techniques ?? '',
    dimensions: entry?.dimensions ?? '',
    creators: entry?.creators.join('\n') ?? '',
    itemCount: String(entry?.itemCount ?? 1),
    yearCreated: entry?.yearCreated ? String(entry.yearCreated) : '',
    patentNumbers: entry?.patentNumbers.join('\n') ?? '',
  };
}

/** The contract's EntryInput from the form: lists one per line, blanks as null. */
export function inputOf(draft: EntryDraft) {
  const lines = (text: string) =>
    text
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  const text = (value: string) => value.trim() || null;
  return {
    categoryId: draft.categoryId,
    title: draft.title.trim(),
    description: text(draft.description),
    materials: text(draft.materials),
    techniques: text(draft.techniques),
    dimensions: text(draft.dimensions),
    creators: lines(draft.creators),
    itemCount: Number(draft.itemCount) || 1,
    yearCreated: draft.yearCreated ? Number(draft.yearCreated) : null,
    patentNumbers: lines(draft.patentNumbers),
  };
}

/** The entry's fields; read-only once the entry may no longer change. */
export function EntryForm({
  categories,
  initial,
  readOnly,
  busy,
  error,
  submitLabel,
  onSave,
}: {
  categories: Category[];
  initial: EntryDraft;
  readOnly: boolean;
  busy: boolean;
  error: string | null;
  submitLabel: string;
  onSave: (draft: EntryDraft) => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const set = (field: keyof EntryDraft) => (value: string) =>
    setDraft((d) => ({ ...d, [field]: value }));
  const save = (event: FormEvent) => {
    event.preventDefault();
    onSave(draft);
  };
  const text = (field: keyof EntryDraft, label: string, multi = false) => (
    <label className="field">
      <span>{label}</span>
      {multi ? (
        <textarea
          rows={3}
          readOnly={readOnly}
          value={draft[field]}
          onChange={(e) => set(field)(e.target.value)}
        />
      ) : (
        <input
          readOnly={readOnly}
          value={draft[field]}
          onChange={(e) => set(field)(e.target.value)}
        />
      )}
    </label>
  );

  return (
    <form className="card form-card" onSubmit={save} aria-label={t('entryDetails')}>
      <label className="field">
        <span>{t('category')}</span>
        <select
          required
          disabled={readOnly}
          value={draft.categoryId}
          onChange={(e) => set('categoryId')(e.target.value)}
        >
          <option value="">{t('choose')}</option>
          {leafOptions(categories).map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      {text('title', t('title'))}
      {text('creators', t('creatorsOnePerLine'), true)}
      {text('materials', t('materials'))}
      {text('techniques', t('techniques'))}
      {text('dimensions', t('dimensions'))}
      <div className="field-row">
        <label className="field">
          <span>{t('itemCount')}</span>
          <input
            type="number"
            min={1}
            readOnly={readOnly}
            value={draft.itemCount}
            onChange={(e) => set('itemCount')(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('yearCreated')}</span>
          <input
            type="number"
            min={1900}
            max={2100}
            readOnly={readOnly}
            value={draft.yearCreated}
            onChange={(e) => set('yearCreated')(e.target.value)}
          />
        </label>
      </div>
      {text('patentNumbers', t('patentNumbersOnePerLine'), true)}
      {text('description', t('description'), true)}
      <ErrorLine error={error} />
      {!readOnly && (
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
      )}
    </form>
  );
}
