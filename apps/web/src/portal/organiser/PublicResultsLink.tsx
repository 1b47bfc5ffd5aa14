import { useI18n } from '../../i18n';

/** The event's public results page (/results/{slug}), as the public sees it, in a new tab. */
export const publicResultsPath = (slug: string) => `/results/${encodeURIComponent(slug)}`;

export function PublicResultsLink({ slug }: { slug: string }) {
  const { t } = useI18n();
  return (
    <a
      href={publicResultsPath(slug)}
      target="_blank"
      rel="noopener noreferrer"
      className="text-link public-link"
      title={t('publicResultsLinkHint')}
      data-testid="public-results-link"
    >
      {t('publicResultsLink')} <span aria-hidden="true">↗</span>
    </a>
  );
}
