import { FormEvent, useState } from 'react';
import { ApiError, NetworkError } from '../api';
import { useI18n } from '../i18n';
import { Link, navigate } from '../router';
import { useServices } from '../services';
import { homeOf, mayOpen } from '../portal/roles';
import { signInPatiently } from '../sign-in-retry';

export function LoginScreen() {
  const { session } = useServices();
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Read before signing in: the shell moves a signed-in person off /login at once.
      const next = new URLSearchParams(window.location.search).get('next');
      const user = await signInPatiently(() => session.signIn(email.trim(), password));
      // Only a path of this app, never another site, and only of the person's own area.
      const target =
        next &&
        next.startsWith('/') &&
        !next.startsWith('//') &&
        next !== '/login' &&
        next !== '/' &&
        mayOpen(user.role, next)
          ? next
          : homeOf(user.role);
      navigate(target, { replace: true });
    } catch (caught) {
      if (caught instanceof ApiError && caught.reason === 'ACCOUNT_DEACTIVATED')
        setError(t('loginDeactivated'));
      else if (caught instanceof ApiError && caught.code === 'UNAUTHENTICATED')
        setError(t('wrongCredentials'));
      else if (caught instanceof ApiError && caught.code === 'RATE_LIMITED')
        setError(t('why_TOO_MANY_FAILED_LOGINS'));
      else if (caught instanceof NetworkError) setError(t('networkDown'));
      else setError(t('errorGeneric', { message: (caught as Error).message }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card login" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
      <h1 id="login-title">{t('signIn')}</h1>
      <label className="field">
        <span>{t('email')}</span>
        <input
          type="email"
          name="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('password')}</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" className="button primary" disabled={busy}>
        {busy ? t('signingIn') : t('signIn')}
      </button>
      <p>
        <Link href="/register" className="text-link">
          {t('registerLink')}
        </Link>
      </p>
    </form>
  );
}
