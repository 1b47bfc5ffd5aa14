import { useI18n } from '../../i18n';
import { CriterionRow, movedTieBreak } from './roundFormState';

/**
 * The criteria that break a tie, in the order they are compared: chosen from the round's own
 * criteria (rows of the form, so a key edited above is followed), moved up or down, removed.
 */
export function TieBreakList({
  criteria,
  chosen,
  onChange,
}: {
  criteria: readonly CriterionRow[];
  chosen: readonly number[];
  onChange: (tieBreaks: number[]) => void;
}) {
  const { t } = useI18n();
  const nameOf = (row: CriterionRow, i: number) => {
    const name = row.name.trim();
    const key = row.key.trim();
    if (name && key) return `${name}（${key}）`;
    return name || key || t('criterionN', { n: i + 1 });
  };
  const rows = new Map(criteria.map((c, i) => [c.id, nameOf(c, i)]));
  const list = chosen.filter((id) => rows.has(id));
  const left = criteria.filter((c) => !list.includes(c.id));
  return (
    <div className="tie-breaks" role="group" aria-labelledby="tie-breaks-title">
      <p id="tie-breaks-title" className="field-title">
        {t('tieBreaks')}
      </p>
      <p className="note">{t('tieBreaksHint')}</p>
      {list.length === 0 ? (
        <p className="note" data-testid="no-tie-breaks">
          {t('noTieBreaks')}
        </p>
      ) : (
        <ol className="tie-break-list" data-testid="tie-breaks">
          {list.map((id, i) => {
            const name = rows.get(id)!;
            return (
              <li key={id} className="row">
                <span className="tie-break-name">{name}</span>
                <button
                  type="button"
                  className="button quiet"
                  aria-label={t('moveUp', { name })}
                  disabled={i === 0}
                  onClick={() => onChange(movedTieBreak(list, i, -1))}
                >
                  ↑
                </button>
                <button
                  type="button"
                  className="button quiet"
                  aria-label={t('moveDown', { name })}
                  disabled={i === list.length - 1}
                  onClick={() => onChange(movedTieBreak(list, i, 1))}
                >
                  ↓
                </button>
                <button
                  type="button"
                  className="button quiet"
                  aria-label={t('removeTieBreak', { name })}
                  onClick={() => onChange(list.filter((x) => x !== id))}
                >
                  ×
                </button>
              </li>
            );
          })}
        </ol>
      )}
      {left.length > 0 && (
        <label className="field inline">
          <span>{t('addTieBreak')}</span>
          <select
            value=""
            onChange={(e) => e.target.value && onChange([...list, Number(e.target.value)])}
          >
            <option value="">{t('choose')}</option>
            {left.map((c) => (
              <option key={c.id} value={c.id}>
                {rows.get(c.id)}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}
