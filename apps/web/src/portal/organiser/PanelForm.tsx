import { FormEvent, useState } from 'react';
import type { PanelJudgesQuery } from '../../gql/app';
import { useI18n } from '../../i18n';
import { flatten } from '../categories';
import { ErrorLine } from '../ui';
import './panels.css';

export type JudgeChoice = PanelJudgesQuery['users'][number];

export interface PanelValues {
  name: string;
  categoryIds: string[];
  judgeIds: string[];
}

/**
 * A panel's name, the categories it judges and its judges: a new panel, or one being edited.
 * The judges offered are the active ones; a judge already on the panel stays listed (marked
 * deactivated) even when its account was deactivated since, so saving does not drop it unasked.
 */
export function PanelForm({
  label,
  initial,
  categories,
  judges,
  submitLabel,
  busy,
  error,
  note,
  onSubmit,
  onCancel,
}: {
  label: string;
  initial: PanelValues;
  categories: Parameters<typeof flatten>[0];
  judges: JudgeChoice[];
  submitLabel: string;
  busy: boolean;
  error: string | null;
  note?: string;
  onSubmit: (values: PanelValues) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(initial.name);
  const [categoryIds, setCategoryIds] = useState(initial.categoryIds);
  const [judgeIds, setJudgeIds] = useState(initial.judgeIds);
  const toggle = (list: string[], set: (l: string[]) => void, id: string) =>
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const offered = judges.filter((j) => j.active || initial.judgeIds.includes(j.id));
  const hidden = judges.length - offered.length;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await onSubmit({ name: name.trim(), categoryIds, judgeIds });
    if (done && !onCancel) {
      setName('');
      setCategoryIds([]);
      setJudgeIds([]);
    }
  };
  return (
    <form onSubmit={(e) => void submit(e)} aria-label={label} className="panel-form">
      {note && <p className="note">{note}</p>}
      <label className="field">
        <span>{t('panelName')}</span>
        <input required value={name} onChange={(e) => setName(e.target.value)} />
      </label>
      <fieldset className="choices">
        <legend>{t('panelCategories')}</legend>
        {flatten(categories).map(({ category, depth }) => (
          <label key={category.id} className="choice" style={{ marginInlineStart: `${depth}rem` }}>
            <input
              type="checkbox"
              checked={categoryIds.includes(category.id)}
              onChange={() => toggle(categoryIds, setCategoryIds, category.id)}
            />
            {category.code} {category.name}
          </label>
        ))}
      </fieldset>
      <fieldset className="choices">
        <legend>{t('panelJudges')}</legend>
        {offered.map((judge) => (
          <label key={judge.id} className="choice">
            <input
              type="checkbox"
              checked={judgeIds.includes(judge.id)}
              onChange={() => toggle(judgeIds, setJudgeIds, judge.id)}
            />
            {judge.name} <small>{judge.email}</small>
            {!judge.active && <span className="badge inactive">{t('judgeInactive')}</span>}
          </label>
        ))}
        {hidden > 0 && <p className="note">{t('inactiveJudgesHidden', { n: hidden })}</p>}
      </fieldset>
      <ErrorLine error={error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button quiet" onClick={onCancel}>
            {t('cancelEdit')}
          </button>
        )}
      </div>
    </form>
  );
}
