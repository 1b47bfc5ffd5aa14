import { FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import type { PortalRound, Quota } from '../ops';
import { ErrorLine } from '../ui';

interface CriterionRow {
  key: string;
  name: string;
  weight: string;
  maxScore: string;
  step: string;
}
interface TierRow {
  key: string;
  name: string;
  mode: Quota['mode'];
  value: string;
}

const MODES: Quota['mode'][] = ['COUNT', 'PERCENT', 'MIN_SCORE'];

/** A round's settings as the contract's CreateRoundInput: criteria, weights, tiers, advancement. */
export function RoundForm({
  eventId,
  initial,
  rounds,
  busy,
  error,
  submitLabel,
  onSave,
}: {
  eventId: string;
  initial: PortalRound | null;
  rounds: PortalRound[];
  busy: boolean;
  error: string | null;
  submitLabel: string;
  onSave: (input: Record<string, unknown>) => void;
}) {
  const { t } = useI18n();
  const [name, setName] = useState(initial?.name ?? '');
  const [blind, setBlind] = useState(initial?.blind ?? true);
  const [aggregation, setAggregation] = useState(initial?.aggregation ?? 'MEAN');
  const [scope, setScope] = useState(initial?.rankingScope ?? 'CATEGORY');
  const [judgesPerEntry, setJudgesPerEntry] = useState(String(initial?.judgesPerEntry ?? 3));
  const [minSheets, setMinSheets] = useState(initial ? String(initial.minSheets) : '');
  const [previous, setPrevious] = useState(initial?.previousRoundId ?? '');
  const [criteria, setCriteria] = useState<CriterionRow[]>(
    initial?.criteria.map((c) => ({
      key: c.key,
      name: c.name,
      weight: String(c.weight),
      maxScore: String(c.maxScore),
      step: String(c.step),
    })) ?? [{ key: 'design', name: '', weight: '100', maxScore: '10', step: '0.5' }],
  );
  const [tiers, setTiers] = useState<TierRow[]>(
    initial?.awardTiers.map((a) => ({
      key: a.key,
      name: a.name,
      mode: a.quota.mode,
      value: String(a.quota.value),
    })) ?? [],
  );
  const [advMode, setAdvMode] = useState<Quota['mode'] | ''>(initial?.advancement?.mode ?? '');
  const [advValue, setAdvValue] = useState(String(initial?.advancement?.value ?? ''));

  const weightSum = criteria.reduce((sum, c) => sum + (Number(c.weight) || 0), 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave({
      eventId,
      name: name.trim(),
      blind,
      aggregation,
      rankingScope: scope,
      judgesPerEntry: Number(judgesPerEntry),
      minSheets: minSheets ? Number(minSheets) : null,
      previousRoundId: previous || null,
      criteria: criteria.map((c) => ({
        key: c.key.trim(),
        name: c.name.trim(),
        weight: Number(c.weight),
        maxScore: Number(c.maxScore),
        step: Number(c.step),
      })),
      awardTiers: tiers.map((a) => ({
        key: a.key.trim(),
        name: a.name.trim(),
        quota: { mode: a.mode, value: Number(a.value) },
      })),
      advancement: advMode ? { mode: advMode, value: Number(advValue) } : null,
    });
  };
  const editRow = <R,>(list: R[], set: (rows: R[]) => void, i: number, patch: Partial<R>) =>
    set(list.map((row, j) => (j === i ? { ...row, ...patch } : row)));

  return (
    <form className="round-form" onSubmit={submit} aria-label={submitLabel}>
      <div className="form-grid">
        <label className="field">
          <span>{t('roundName')}</span>
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('aggregation')}</span>
          <select value={aggregation} onChange={(e) => setAggregation(e.target.value)}>
            {['MEAN', 'MEDIAN', 'TRIMMED_MEAN', 'ZSCORE'].map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('rankingScope')}</span>
          <select value={scope} onChange={(e) => setScope(e.target.value)}>
            {['CATEGORY', 'PARENT_CATEGORY', 'ROUND'].map((s) => (
              <option key={s} value={s}>
                {t(`scope_${s as 'ROUND'}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('judgesPerEntry')}</span>
          <input
            type="number"
            min={1}
            required
            value={judgesPerEntry}
            onChange={(e) => setJudgesPerEntry(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('minSheets')}</span>
          <input
            type="number"
            min={1}
            value={minSheets}
            onChange={(e) => setMinSheets(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('previousRound')}</span>
          <select value={previous} onChange={(e) => setPrevious(e.target.value)}>
            <option value="">{t('none')}</option>
            {rounds
              .filter((r) => r.id !== initial?.id)
              .map((r) => (
                <option key={r.id} value={r.id}>
                  {r.name}
                </option>
              ))}
          </select>
        </label>
        <label className="check">
          <input type="checkbox" checked={blind} onChange={(e) => setBlind(e.target.checked)} />
          {t('blindRound')}
        </label>
      </div>

      <fieldset>
        <legend>
          {t('criteria')} · {t('weightSum', { n: weightSum })}
        </legend>
        {criteria.map((c, i) => (
          <div
            key={i}
            className="row-fields"
            role="group"
            aria-label={t('criterionN', { n: i + 1 })}
          >
            <input
              aria-label={t('criterionKey')}
              placeholder={t('criterionKey')}
              required
              value={c.key}
              onChange={(e) => editRow(criteria, setCriteria, i, { key: e.target.value })}
            />
            <input
              aria-label={t('criterionName')}
              placeholder={t('criterionName')}
              required
              value={c.name}
              onChange={(e) => editRow(criteria, setCriteria, i, { name: e.target.value })}
            />
            <input
              aria-label={t('weight')}
              type="number"
              min={1}
              required
              value={c.weight}
              onChange={(e) => editRow(criteria, setCriteria, i, { weight: e.target.value })}
            />
            <input
              aria-label={t('maxScore')}
              type="number"
              step="any"
              min={0}
              required
              value={c.maxScore}
              onChange={(e) => editRow(criteria, setCriteria, i, { maxScore: e.target.value })}
            />
            <input
              aria-label={t('step')}
              type="number"
              step="any"
              min={0}
              required
              value={c.step}
              onChange={(e) => editRow(criteria, setCriteria, i, { step: e.target.value })}
            />
            <button
              type="button"
              className="button quiet"
              aria-label={t('removeRow')}
              onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() =>
            setCriteria([
              ...criteria,
              { key: '', name: '', weight: '', maxScore: '10', step: '0.5' },
            ])
          }
        >
          {t('addCriterion')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('awardTiers')}</legend>
        {tiers.map((a, i) => (
          <div key={i} className="row-fields" role="group" aria-label={t('tierN', { n: i + 1 })}>
            <input
              aria-label={t('tierKey')}
              placeholder={t('tierKey')}
              required
              value={a.key}
              onChange={(e) => editRow(tiers, setTiers, i, { key: e.target.value })}
            />
            <input
              aria-label={t('tierName')}
              placeholder={t('tierName')}
              required
              value={a.name}
              onChange={(e) => editRow(tiers, setTiers, i, { name: e.target.value })}
            />
            <select
              aria-label={t('quotaMode')}
              value={a.mode}
              onChange={(e) =>
                editRow(tiers, setTiers, i, { mode: e.target.value as Quota['mode'] })
              }
            >
              {MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`quota_${m}`)}
                </option>
              ))}
            </select>
            <input
              aria-label={t('quotaValue')}
              type="number"
              step="any"
              min={0}
              required
              value={a.value}
              onChange={(e) => editRow(tiers, setTiers, i, { value: e.target.value })}
            />
            <button
              type="button"
              className="button quiet"
              aria-label={t('removeRow')}
              onClick={() => setTiers(tiers.filter((_, j) => j !== i))}
            >
              ×
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => setTiers([...tiers, { key: '', name: '', mode: 'COUNT', value: '1' }])}
        >
          {t('addTier')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('advancement')}</legend>
        <div className="row-fields">
          <select
            aria-label={t('quotaMode')}
            value={advMode}
            onChange={(e) => setAdvMode(e.target.value as Quota['mode'] | '')}
          >
            <option value="">{t('noAdvancement')}</option>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`quota_${m}`)}
              </option>
            ))}
          </select>
          {advMode && (
            <input
              aria-label={t('quotaValue')}
              type="number"
              step="any"
              min={0}
              required
              value={advValue}
              onChange={(e) => setAdvValue(e.target.value)}
            />
          )}
        </div>
      </fieldset>
      <ErrorLine error={error} />
      <button type="submit" className="button primary" disabled={busy}>
        {submitLabel}
      </button>
    </form>
  );
}
