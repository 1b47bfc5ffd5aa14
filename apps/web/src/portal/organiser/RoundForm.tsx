import { FormEvent, useState } from 'react';
import { keyOf, useI18n } from '../../i18n';
import type { Aggregation, CreateRoundInput, RankingScope, TiePolicy } from '../../gql/app';
import type { PortalRound, Quota } from '../ops';
import { labelOf } from '../labelOf';
import { ErrorLine } from '../ui';
import {
  CriterionRow,
  emptyCriterion,
  emptyTier,
  formOf,
  inputOf,
  RoundFormState,
  TierRow,
  withoutCriterion,
} from './roundFormState';
import { TieBreakList } from './TieBreakList';

const MODES: Quota['mode'][] = ['COUNT', 'PERCENT', 'MIN_SCORE'];
const AGGREGATIONS: Aggregation[] = ['MEAN', 'TRIMMED_MEAN', 'MEDIAN', 'ZSCORE'];
const SCOPES: RankingScope[] = ['CATEGORY', 'PARENT_CATEGORY', 'ROUND'];
const TIE_POLICIES: TiePolicy[] = ['INCLUDE_TIES', 'EXCLUDE_TIES'];

/**
 * A round's settings as the contract's CreateRoundInput, every one of them: criteria and
 * weights, how the sheets are aggregated (with the trimmed mean's count), ranking scope,
 * tie-break criteria in order and tie policy, award tiers under one quota mode, advancement.
 * Loaded from the round as stored and sent back whole (./roundFormState.ts).
 */
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
  const [form, setForm] = useState<RoundFormState>(() => formOf(initial));
  const set = (patch: Partial<RoundFormState>) => setForm((f) => ({ ...f, ...patch }));
  const editCriterion = (id: number, patch: Partial<CriterionRow>) =>
    setForm((f) => ({
      ...f,
      criteria: f.criteria.map((c) => (c.id === id ? { ...c, ...patch } : c)),
    }));
  const editTier = (id: number, patch: Partial<TierRow>) =>
    setForm((f) => ({ ...f, tiers: f.tiers.map((a) => (a.id === id ? { ...a, ...patch } : a)) }));

  const weightSum = form.criteria.reduce((sum, c) => sum + (Number(c.weight) || 0), 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(inputOf(eventId, form));
  };
  const valueLabel = t(`quotaValue_${form.quotaMode}`);

  return (
    <form className="round-form" onSubmit={submit} aria-label={submitLabel}>
      <div className="form-grid">
        <label className="field">
          <span>{t('roundName')}</span>
          <input required value={form.name} onChange={(e) => set({ name: e.target.value })} />
        </label>
        <label className="field">
          <span>{t('previousRound')}</span>
          <select
            value={form.previousRoundId}
            onChange={(e) => set({ previousRoundId: e.target.value })}
          >
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
        <label className="field">
          <span>{t('judgesPerEntry')}</span>
          <input
            type="number"
            min={1}
            required
            value={form.judgesPerEntry}
            onChange={(e) => set({ judgesPerEntry: e.target.value })}
          />
        </label>
        <label className="field">
          <span>{t('minSheets')}</span>
          <input
            type="number"
            min={1}
            value={form.minSheets}
            aria-describedby="min-sheets-hint"
            onChange={(e) => set({ minSheets: e.target.value })}
          />
          <small id="min-sheets-hint" className="note">
            {t('minSheetsHint')}
          </small>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={form.blind}
            onChange={(e) => set({ blind: e.target.checked })}
          />
          {t('blindRound')}
        </label>
      </div>

      <fieldset>
        <legend>{t('scoringMethod')}</legend>
        <div className="form-grid">
          <label className="field">
            <span>{t('aggregation')}</span>
            <select
              value={form.aggregation}
              aria-describedby="aggregation-hint"
              onChange={(e) => set({ aggregation: e.target.value as Aggregation })}
            >
              {AGGREGATIONS.map((a) => (
                <option key={a} value={a}>
                  {labelOf(t, 'Aggregation', a)}
                </option>
              ))}
            </select>
            <small id="aggregation-hint" className="note">
              {t(keyOf('aggregationHint_', form.aggregation, 'unknownValue'))}
            </small>
          </label>
          {/* Only a trimmed mean reads it; hidden otherwise, and sent back as it was. */}
          {form.aggregation === 'TRIMMED_MEAN' && (
            <label className="field">
              <span>{t('trimCount')}</span>
              <input
                type="number"
                min={0}
                step={1}
                required
                value={form.trimCount}
                aria-describedby="trim-hint"
                onChange={(e) => set({ trimCount: e.target.value })}
              />
              <small id="trim-hint" className="note">
                {t('trimCountHint', { n: Number(form.trimCount) || 0 })}
              </small>
            </label>
          )}
          <label className="field">
            <span>{t('rankingScope')}</span>
            <select
              value={form.rankingScope}
              onChange={(e) => set({ rankingScope: e.target.value as RankingScope })}
            >
              {SCOPES.map((s) => (
                <option key={s} value={s}>
                  {labelOf(t, 'RankingScope', s)}
                </option>
              ))}
            </select>
          </label>
        </div>
      </fieldset>

      <fieldset>
        <legend>
          {t('criteria')} · {t('weightSum', { n: weightSum })}
        </legend>
        <ColumnHeads
          labels={[t('criterionKey'), t('criterionName'), t('weight'), t('maxScore'), t('step')]}
        />
        {form.criteria.map((c, i) => {
          const edit = (patch: Partial<CriterionRow>) => editCriterion(c.id, patch);
          return (
            <div
              key={c.id}
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
                onClick={() => setForm((f) => withoutCriterion(f, c.id))}
              />
            </div>
          );
        })}
        <button
          type="button"
          className="button"
          onClick={() => set({ criteria: [...form.criteria, emptyCriterion()] })}
        >
          {t('addCriterion')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('tiesLegend')}</legend>
        <TieBreakList
          criteria={form.criteria}
          chosen={form.tieBreaks}
          onChange={(tieBreaks) => set({ tieBreaks })}
        />
        <label className="field tie-policy">
          <span>{t('tiePolicy')}</span>
          <select
            value={form.tiePolicy}
            aria-describedby="tie-policy-hint"
            onChange={(e) => set({ tiePolicy: e.target.value as TiePolicy })}
          >
            {TIE_POLICIES.map((p) => (
              <option key={p} value={p}>
                {labelOf(t, 'TiePolicy', p)}
              </option>
            ))}
          </select>
          <small id="tie-policy-hint" className="note">
            {t(keyOf('tiePolicyHint_', form.tiePolicy, 'unknownValue'))}
          </small>
        </label>
      </fieldset>

      <fieldset>
        <legend>{t('awardTiers')}</legend>
        <label className="field inline">
          <span>{t('tiersQuotaMode')}</span>
          <select
            value={form.quotaMode}
            aria-describedby="quota-mode-hint"
            onChange={(e) => set({ quotaMode: e.target.value as Quota['mode'] })}
          >
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`quota_${m}`)}
              </option>
            ))}
          </select>
        </label>
        <p id="quota-mode-hint" className="note">
          {t('tiersQuotaModeHint')}
        </p>
        {form.tiers.length > 0 && (
          <ColumnHeads className="tier-row" labels={[t('tierKey'), t('tierName'), valueLabel]} />
        )}
        {form.tiers.map((a, i) => {
          const edit = (patch: Partial<TierRow>) => editTier(a.id, patch);
          return (
            <div
              key={a.id}
              className="row-fields tier-row"
              role="group"
              aria-label={t('tierN', { n: i + 1 })}
            >
              <RowInput label={t('tierKey')} value={a.key} onChange={(key) => edit({ key })} />
              <RowInput label={t('tierName')} value={a.name} onChange={(name) => edit({ name })} />
              <RowInput
                label={valueLabel}
                kind="decimal"
                value={a.value}
                onChange={(value) => edit({ value })}
              />
              <RemoveRow
                label={t('removeRow')}
                onClick={() => set({ tiers: form.tiers.filter((x) => x.id !== a.id) })}
              />
            </div>
          );
        })}
        <button
          type="button"
          className="button"
          onClick={() => set({ tiers: [...form.tiers, emptyTier()] })}
        >
          {t('addTier')}
        </button>
      </fieldset>

      <fieldset>
        <legend>{t('advancement')}</legend>
        <div className="row-fields advancement-row">
          <select
            aria-label={t('advancementMode')}
            value={form.advancementMode}
            onChange={(e) => set({ advancementMode: e.target.value as Quota['mode'] | '' })}
          >
            <option value="">{t('noAdvancement')}</option>
            {MODES.map((m) => (
              <option key={m} value={m}>
                {t(`quota_${m}`)}
              </option>
            ))}
          </select>
          {form.advancementMode && (
            <RowInput
              label={t(`quotaValue_${form.advancementMode}`)}
              kind="decimal"
              value={form.advancementValue}
              onChange={(advancementValue) => set({ advancementValue })}
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

/**
 * The visible heads of a list's columns (each input also carries its own aria-label, which is
 * what a screen reader reads; the heads are for the eye).
 */
function ColumnHeads({ labels, className = '' }: { labels: string[]; className?: string }) {
  return (
    <div className={`row-fields row-heads ${className}`} aria-hidden="true">
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
