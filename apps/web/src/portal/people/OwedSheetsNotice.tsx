import type { JudgeWorkloadQuery } from '../../gql/app';
import { useI18n } from '../../i18n';
import { Link } from '../../router';

export type OwedRounds = JudgeWorkloadQuery['judgeWorkload'];

/**
 * Before a judge who still owes sheets is deactivated: how many, in which open rounds, and
 * where to move them (the round's assignment stage, 移交). Deactivating stays possible: the
 * owed assignments stay PENDING and can be moved afterwards too.
 */
export function OwedSheetsNotice({
  name,
  rounds,
  onDeactivate,
  onCancel,
}: {
  name: string;
  rounds: OwedRounds;
  onDeactivate: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const total = rounds.reduce((sum, r) => sum + r.pending, 0);
  return (
    <div className="notice owed-sheets" role="alertdialog" aria-labelledby="owed-sheets-title">
      <h2 id="owed-sheets-title">{t('owedSheetsTitle', { name, count: total })}</h2>
      <ul>
        {rounds.map((r) => (
          <li key={r.roundId} data-testid="owed-round">
            <Link href={`/org/round/${r.roundId}?stage=assignment`}>{r.roundName}</Link>
            {t('owedSheetsInRound', { count: r.pending })}
          </li>
        ))}
      </ul>
      <p>{t('owedSheetsMoveHint')}</p>
      <div className="actions">
        <button type="button" className="button danger" onClick={onDeactivate}>
          {t('owedSheetsDeactivateAnyway')}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          {t('owedSheetsCancel')}
        </button>
      </div>
    </div>
  );
}
