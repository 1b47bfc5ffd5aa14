import { useState } from 'react';
import { useI18n } from '../../i18n';
import { EVENT_ROUNDS, PortalRound, UPDATE_ROUND } from '../ops';
import { labelOf } from '../labelOf';
import { Section } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { RoundForm } from './RoundForm';

/** A draft's settings in the form; once the round is open, what they were, read-only. */
export function SettingsStage({ round, onChanged }: { round: PortalRound; onChanged: () => void }) {
  const { t } = useI18n();
  const rounds = useQuery(EVENT_ROUNDS, { id: round.eventId });
  const save = useMutation();
  const [saved, setSaved] = useState(false);
  const others = rounds.data?.event?.rounds ?? [];
  if (round.status !== 'DRAFT') {
    return (
      <Section title={t('roundSettings')} id="round-settings">
        <p className="note">{t('settingsLocked')}</p>
        <SettingsSummary
          round={round}
          previous={others.find((r) => r.id === round.previousRoundId)}
        />
      </Section>
    );
  }
  return (
    <Section title={t('roundSettings')} id="round-settings">
      <RoundForm
        key={round.id}
        eventId={round.eventId}
        initial={round}
        rounds={others}
        busy={save.busy}
        error={save.error}
        submitLabel={t('saveChanges')}
        onSave={(input) => {
          setSaved(false);
          void save.run(UPDATE_ROUND, { id: round.id, input }).then((ok) => {
            if (!ok) return;
            setSaved(true);
            onChanged();
          });
        }}
      />
      {saved && !save.busy && (
        <p className="ok" role="status" data-testid="settings-saved">
          {t('settingsSaved')}
        </p>
      )}
    </Section>
  );
}

/** Every setting of a round in words. */
function SettingsSummary({ round, previous }: { round: PortalRound; previous?: PortalRound }) {
  const { t } = useI18n();
  const criterionName = (key: string) => {
    const c = round.criteria.find((x) => x.key === key);
    return c ? c.name : key;
  };
  const quota = (q: { mode: string; value: number }) =>
    t(`quotaIs_${q.mode as 'COUNT'}`, { value: q.value });
  const rows: [string, string][] = [
    [t('previousRound'), previous?.name ?? (round.previousRoundId ? '—' : t('none'))],
    [t('judgesPerEntry'), String(round.judgesPerEntry)],
    [t('minSheets'), String(round.minSheets)],
    [t('blindRound'), round.blind ? t('settingYes') : t('settingNo')],
    [
      t('aggregation'),
      round.aggregation === 'TRIMMED_MEAN'
        ? `${labelOf(t, 'Aggregation', round.aggregation)}（${t('trimCountIs', { n: round.trimCount })}）`
        : labelOf(t, 'Aggregation', round.aggregation),
    ],
    [t('rankingScope'), labelOf(t, 'RankingScope', round.rankingScope)],
    [
      t('tieBreaks'),
      round.tieBreakCriteria.length
        ? round.tieBreakCriteria.map(criterionName).join(' → ')
        : t('noTieBreaks'),
    ],
    [t('tiePolicy'), labelOf(t, 'TiePolicy', round.tiePolicy)],
    [
      t('awardTiers'),
      round.awardTiers.length
        ? round.awardTiers.map((a) => `${a.name}：${quota(a.quota)}`).join('；')
        : t('none'),
    ],
    [t('advancement'), round.advancement ? quota(round.advancement) : t('noAdvancement')],
  ];
  return (
    <>
      <dl className="settings-summary" data-testid="settings-summary">
        {rows.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <table className="table">
        <caption>{t('criteria')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('criterionName')}</th>
            <th scope="col">{t('criterionKey')}</th>
            <th scope="col">{t('weight')}</th>
            <th scope="col">{t('maxScore')}</th>
            <th scope="col">{t('step')}</th>
          </tr>
        </thead>
        <tbody>
          {round.criteria.map((c) => (
            <tr key={c.key}>
              <th scope="row">{c.name}</th>
              <td className="code">{c.key}</td>
              <td>{c.weight}</td>
              <td>{c.maxScore}</td>
              <td>{c.step}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
