import { FormEvent, useState } from 'react';
import { keyOf, useI18n } from '../../i18n';
import type { Aggregation, CreateRoundInput, RankingScope } from '../../gql/app';
import type { PortalRound, Quota } from '../ops';
import { labelOf } from '../labelOf';
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
const AGGREGATIONS: Aggregation[] = ['MEAN', 'TRIMMED_MEAN', 'MEDIAN', 'ZSCORE'];

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
  onSave: (input: CreateRoundInput) => void;
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
          <select
            value={aggregation}
            aria-describedby="aggregation-hint"
            onChange={(e) => setAggregation(e.target.value as Aggregation)}
          >
            {AGGREGATIONS.map((a) => (
              <option key={a} value={a}>
                {labelOf(t, 'Aggregation', a)}
              </option>
            ))}
          </select>
          <small id="aggregation-hint" className="note">
            {t(keyOf('aggregationHint_', aggregation, 'unknownValue'))}
          </small>
        </label>
        <label className="field">
          <span>{t('rankingScope')}</span>
          <select value={scope} onChange={(e) => setScope(e.target.value as RankingScope)}>
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
        <ColumnHeads
          labels={[t('criterionKey'), t('criterionName'), t('weight'), t('maxScore'), t('step')]}
        />
        {criteria.map((c, i) => {
          const edit = (patch: Partial<CriterionRow>) => editRow(criteria, setCriteria, i, patch);
          return (
            <div
              key={i}
              className="row-fields"
              role="group"
              aria-label={t('criterionN', { n: i + 1 })}
            >
              <RowInput label={t('criterionKey')} value={c.key} onChange={(key) => edit({ key })} />
              <RowInput
                label={t('criterionName')}
                value={c.name}
                onChange={(name) => edit({ name })}
              />
              <RowInput
                label={t('weight')}
                kind="integer"
                min={1}
                value={c.weight}
                onChange={(weight) => edit({ weight })}
              />
              <RowInput
                label={t('maxScore')}
                kind="decimal"
                value={c.maxScore}
                onChange={(maxScore) => edit({ maxScore })}
              />
              <RowInput
                label={t('step')}
                kind="decimal"
                value={c.step}
                onChange={(step) => edit({ step })}
              />
              <RemoveRow
                label={t('removeRow')}
                onClick={() => setCriteria(criteria.filter((_, j) => j !== i))}
              />
            </div>
          );
        })}
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
        {tiers.length > 0 && (
          <ColumnHeads labels={[t('tierKey'), t('tierName'), t('quotaMode'), t('quotaValue')]} />
        )}
        {tiers.map((a, i) => {
          const edit = (patch: Partial<TierRow>) => editRow(tiers, setTiers, i, patch);
          return (
            <div key={i} className="row-fields" role="group" aria-label={t('tierN', { n: i + 1 })}>
              <RowInput label={t('tierKey')} value={a.key} onChange={(key) => edit({ key })} />
              <RowInput label={t('tierName')} value={a.name} onChange={(name) => edit({ name })} />
              <QuotaModeSelect
                value={a.mode}
                onChange={(mode) => edit({ mode: mode as Quota['mode'] })}
              />
              <RowInput
                label={t('quotaValue')}
                kind="decimal"
                value={a.value}
                onChange={(value) => edit({ value })}
              />
              <RemoveRow
                label={t('removeRow')}
                onClick={() => setTiers(tiers.filter((_, j) => j !== i))}
              />
            </div>
          );
        })}
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
          <QuotaModeSelect
            value={advMode}
            none={t('noAdvancement')}
            onChange={(mode) => setAdvMode(mode as Quota['mode'] | '')}
          />
          {advMode && (
            <RowInput
              label={t('quotaValue')}
              kind="decimal"
              value={advValue}
              onChange={setAdvValue}
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

/**
 * One labelled, required input of a criterion's or tier's row: text (its label as placeholder
 * too), a whole number, or a decimal, never below `min` (0 unless given).
 */
function RowInput({
  label,
  value,
  onChange,
  kind = 'text',
  min = 0,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  kind?: 'text' | 'integer' | 'decimal';
  min?: number;
}) {
  const number = kind !== 'text';
  return (
    <input
      aria-label={label}
      placeholder={number ? undefined : label}
      type={number ? 'number' : undefined}
      step={kind === 'decimal' ? 'any' : undefined}
      min={number ? min : undefined}
      required
      value={value}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** COUNT, PERCENT or MIN_SCORE; with `none`, a first choice of no quota at all. */
function QuotaModeSelect({
  value,
  none,
  onChange,
}: {
  value: string;
  none?: string;
  onChange: (mode: string) => void;
}) {
  const { t } = useI18n();
  return (
    <select aria-label={t('quotaMode')} value={value} onChange={(e) => onChange(e.target.value)}>
      {none !== undefined && <option value="">{none}</option>}
      {MODES.map((m) => (
        <option key={m} value={m}>
          {t(`quota_${m}`)}
        </option>
      ))}
    </select>
  );
}

/**
 * The visible heads of a list's columns (each input also carries its own aria-label, which is
 * what a screen reader reads; the heads are for the eye).
 */
function ColumnHeads({ labels }: { labels: string[] }) {
  return (
    <div className="row-fields row-heads" aria-hidden="true">
      {labels.map((label) => (
        <span key={label}>{label}</span>
      ))}
    </div>
  );
}

function RemoveRow({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="button quiet" aria-label={label} onClick={onClick}>
      ×
    </button>
  );
}
