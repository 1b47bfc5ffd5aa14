import { useI18n } from '../../i18n';
import type { PortalEntry } from '../ops';

/** What an organiser reads of an entry: in the screening queue and on the entry's own page. */
export function EntryDetails({ entry }: { entry: PortalEntry }) {
  const { t } = useI18n();
  return (
    <dl className="details">
      <dt>{t('category')}</dt>
      <dd>
        {entry.category.code} {entry.category.name}
      </dd>
      <dt>{t('entrant')}</dt>
      <dd>{entry.entrant?.name}</dd>
      <dt>{t('creators')}</dt>
      <dd>{entry.creators.join('、')}</dd>
      <dt>{t('materials')}</dt>
      <dd>{entry.materials}</dd>
      <dt>{t('dimensions')}</dt>
      <dd>{entry.dimensions}</dd>
      {entry.patentNumbers.length > 0 && (
        <>
          <dt>{t('patentNumbers')}</dt>
          <dd>{entry.patentNumbers.join(', ')}</dd>
        </>
      )}
      <dt>{t('description')}</dt>
      <dd>{entry.description}</dd>
    </dl>
  );
}
