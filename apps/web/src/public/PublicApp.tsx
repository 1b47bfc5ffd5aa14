import { useEffect, useMemo, useState } from 'react';
import { initialLocale, Locale, LOCALE_KEY } from '../locale';
import { PublicI18n, PublicI18nContext, publicTranslator, usePublicI18n } from './publicI18n';
import { match, useLocation } from '../router';
import { ObjectionPage } from './ObjectionPage';
import { ResultsPage } from './ResultsPage';
import { VerifyPage } from './VerifyPage';

/**
 * The public pages: an event's published results, the objection form, certificate checks. No
 * sign-in and nothing of the judges' app; times are shown in China time, as the notice and
 * the printed documents give them.
 */
export function PublicApp() {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const i18n = useMemo<PublicI18n>(() => {
    const format = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Asia/Shanghai',
    });
    const t = publicTranslator(locale);
    return {
      locale,
      t,
      setLocale: (next) => {
        localStorage.setItem(LOCALE_KEY, next);
        setLocale(next);
      },
      formatTime: (iso) => `${format.format(new Date(iso))} (${t('publicTimeZone')})`,
    };
  }, [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <PublicI18nContext.Provider value={i18n}>
      <PublicShell />
    </PublicI18nContext.Provider>
  );
}

function PublicShell() {
  const { t, locale, setLocale } = usePublicI18n();
  const { path } = useLocation();
  return (
    <>
      <a className="skip" href="#main">
        {t('publicTitle')}
      </a>
      <header className="pub-bar">
        <span className="pub-brand">{t('publicTitle')}</span>
        <button
          type="button"
          className="pub-button quiet"
          lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
          aria-label={t('publicLanguage')}
          onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
        >
          {t('publicSwitchLanguage')}
        </button>
      </header>
      <main id="main" className="pub-main">
        <PublicRoutes path={path} />
      </main>
    </>
  );
}

function PublicRoutes({ path }: { path: string }) {
  let params: Record<string, string> | null;
  if ((params = match('/results/:slug/objection/:publicationId', path)))
    return <ObjectionPage slug={params.slug} publicationId={params.publicationId} />;
  if ((params = match('/results/:slug', path))) return <ResultsPage slug={params.slug} />;
  if ((params = match('/verify/:code', path))) return <VerifyPage code={params.code} />;
  return <VerifyPage code="" />;
}
