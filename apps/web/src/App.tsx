import { useEffect, useMemo, useState } from 'react';
import { I18n, I18nContext, initialLocale, Locale, LOCALE_KEY, translator, useI18n } from './i18n';
import { Link, match, navigate, useLocation } from './router';
import { ChangePasswordScreen } from './screens/ChangePasswordScreen';
import { LoginScreen } from './screens/LoginScreen';
import { RoundScreen } from './screens/RoundScreen';
import { RoundsScreen } from './screens/RoundsScreen';
import { SheetScreen } from './screens/SheetScreen';
import { OutboxStatus } from './components/OutboxStatus';
import { UpdateBanner } from './components/UpdateBanner';
import { serverReach, watchReachability } from './offline/reachability';
import { Services, ServicesContext, useServices, useStore } from './services';
import { AreaNav, NotYours, portalRoute } from './portal/routes';
import { RegisterScreen } from './portal/entrant/RegisterScreen';
import { homeOf, mayOpen } from './portal/roles';
import { titlesItself } from './portal/usePageTitle';

export function App({ services }: { services: Services }) {
  const [locale, setLocale] = useState<Locale>(initialLocale);
  const i18n = useMemo<I18n>(() => {
    const format = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
    return {
      locale,
      t: translator(locale),
      setLocale: (next) => {
        localStorage.setItem(LOCALE_KEY, next);
        setLocale(next);
      },
      formatTime: (iso) => format.format(new Date(iso)),
    };
  }, [locale]);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <I18nContext.Provider value={i18n}>
      <ServicesContext.Provider value={services}>
        <Shell />
      </ServicesContext.Provider>
    </I18nContext.Provider>
  );
}

function Shell() {
  const { session, outbox } = useServices();
  const signedIn = useStore(session.session);
  const { path } = useLocation();
  const { t, locale, setLocale } = useI18n();

  // The server answering again (a probe, any request) sends what waited, without the backoff.
  useEffect(() => {
    const stop = watchReachability();
    const unsubscribe = serverReach.subscribe(() => {
      if (serverReach.get() === 'reachable') void outbox.flush();
    });
    return () => {
      stop();
      unsubscribe();
    };
  }, [outbox]);

  useEffect(() => {
    // The live location, not the rendered path: StrictMode runs this effect twice.
    const here = window.location.pathname;
    if (!signedIn && here !== '/login' && here !== '/register') {
      const next = encodeURIComponent(here + window.location.search);
      navigate(`/login?next=${next}`, { replace: true });
    } else if (signedIn && (path === '/' || path === '/login' || path === '/register')) {
      navigate(homeOf(signedIn.user.role), { replace: true });
    }
  }, [signedIn, path]);
  const role = signedIn?.user.role ?? '';
  // The portal's screens title themselves (portal/usePageTitle.ts); the judges' tablet and the
  // sign-in page keep the app's name. (This effect runs after the screens' own.)
  const ownTitle = signedIn ? titlesItself(path) : path === '/register';
  useEffect(() => {
    if (!ownTitle) document.title = t('appTitle');
  }, [ownTitle, path, t]);

  return (
    <>
      <header className="bar">
        <Link href={homeOf(role)} className="brand">
          {t(role === 'JUDGE' || !role ? 'appTitle' : 'portalTitle')}
        </Link>
        {role === 'JUDGE' && <OutboxStatus />}
        <AreaNav role={role} />
        <div className="bar-actions">
          <button
            type="button"
            className="button quiet"
            lang={locale === 'zh-CN' ? 'en' : 'zh-CN'}
            aria-label={t('language')}
            onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}
          >
            {t('switchLanguage')}
          </button>
          {signedIn && (
            <button type="button" className="button quiet" onClick={() => session.signOut()}>
              {t('signOut')}
            </button>
          )}
        </div>
      </header>
      <UpdateBanner />
      <main id="main">
        {signedIn?.user.mustChangePassword ? (
          // a temporary password is good for changing it and nothing else (the API says so too)
          <ChangePasswordScreen />
        ) : signedIn ? (
          <Routes path={path} role={role} />
        ) : path === '/register' ? (
          <RegisterScreen />
        ) : (
          <LoginScreen />
        )}
      </main>
    </>
  );
}

function Routes({ path, role }: { path: string; role: string }) {
  if (!mayOpen(role, path)) return <NotYours />;
  const portal = portalRoute(path);
  if (portal) return portal;
  let params: Record<string, string> | null;
  if ((params = match('/judge/entry/:code', path))) return <SheetScreen code={params.code} />;
  if ((params = match('/judge/round/:roundId', path)))
    return <RoundScreen roundId={params.roundId} />;
  return <RoundsScreen />;
}
