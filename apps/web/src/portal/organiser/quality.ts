import type { Translate } from '../../i18n';
import type { AgreementFigure, AgreementModel, EntryResult, RoundQuality } from '../ops';

/** Entries sharing their rank with another in the same scope: a tie the organiser should see. */
export function tiedEntryIds(results: EntryResult[]): Set<string> {
  const seen = new Map<string, string[]>();
  for (const r of results) {
    if (r.rank === null) continue;
    const key = `${r.scopeKey}\u0000${r.rank}`;
    seen.set(key, [...(seen.get(key) ?? []), r.entry.id]);
  }
  return new Set([...seen.values()].filter((ids) => ids.length > 1).flat());
}

/**
 * Judges whose mean total lies more than one standard deviation (across the judges' means)
 * from the mean of means: the lenient and the severe, worth a look before publishing.
 */
export function outlierJudgeIds(quality: RoundQuality): Set<string> {
  const means = quality.judges.map((j) => j.meanTotal);
  if (means.length < 3) return new Set();
  const mean = means.reduce((a, b) => a + b, 0) / means.length;
  const sd = Math.sqrt(means.reduce((a, b) => a + (b - mean) ** 2, 0) / means.length);
  if (sd === 0) return new Set();
  return new Set(
    quality.judges.filter((j) => Math.abs(j.meanTotal - mean) > sd).map((j) => j.judge.id),
  );
}

/** ICC below this is poor agreement (Koo & Li's usual reading of ICC). */
export const LOW_AGREEMENT = 0.5;

export type AgreementLevel = 'poor' | 'moderate' | 'good' | 'excellent';

/**
 * A reliability read as Koo & Li (2016) do: below 0.5 poor, 0.5 to 0.75 moderate, 0.75 to 0.9
 * good, above 0.9 excellent; null where the figure is undefined.
 */
export function agreementLevel(value: number | null): AgreementLevel | null {
  if (value === null) return null;
  if (value < LOW_AGREEMENT) return 'poor';
  if (value < 0.75) return 'moderate';
  if (value <= 0.9) return 'good';
  return 'excellent';
}

/** The figures of a panel or of the round that its sentence is made of. */
export interface AgreementFigures {
  model: AgreementModel;
  k: number;
  headline: AgreementFigure;
  icc: readonly AgreementFigure[];
}

/**
 * The agreement in one sentence: 评委间一致性良好 (ICC(3,k)=0.91, 双向模型), judged by the
 * headline figure (ICC(3,k) for a crossed panel, ICC(1,k) otherwise).
 */
export function agreementSentence(t: Translate, figures: AgreementFigures): string {
  const level = agreementLevel(figures.headline.value);
  if (level === null) return t('agreementUndefined');
  return t('agreementSentence', {
    level: t(`agreementLevel_${level}`),
    name: figures.headline.name,
    value: figures.headline.value!.toFixed(2),
    model: t(`agreementModelShort_${figures.model}`),
  });
}

/** What the headline measures, with the absolute-agreement figure beside a two-way one. */
export function agreementMeaning(t: Translate, figures: AgreementFigures): string {
  if (figures.model === 'TWO_WAY') {
    const absolute = figures.icc.find((f) => f.method === 'ICC2K')?.value;
    return t('agreementMeaning_TWO_WAY', {
      name: figures.headline.name,
      absolute: absolute == null ? '—' : absolute.toFixed(2),
    });
  }
  return t('agreementMeaning_ONE_WAY', { name: figures.headline.name, k: figures.k });
}

/** A p-value as people read it: "= 0.034", "< 0.001". */
export function pValueText(p: number | null): string {
  if (p === null) return '—';
  return p < 0.001 ? '< 0.001' : `= ${p.toFixed(3)}`;
}

/** A judge's leniency in words: "平均高 3.2 分" / "3.2 points above on average". */
export function leniencyWords(t: Translate, leniency: number | null): string {
  if (leniency === null) return '—';
  const points = Math.abs(leniency).toFixed(1);
  if (points === '0.0') return t('leniencySame');
  return t(leniency > 0 ? 'leniencyAbove' : 'leniencyBelow', { points });
}

/** Results grouped by scope, in the order the API gives them (§7's order). */
export function byScope(results: EntryResult[]): [string, EntryResult[]][] {
  const groups = new Map<string, EntryResult[]>();
  for (const r of results) groups.set(r.scopeKey, [...(groups.get(r.scopeKey) ?? []), r]);
  return [...groups];
}
