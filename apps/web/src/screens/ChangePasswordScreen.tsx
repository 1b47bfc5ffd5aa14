import { FormEvent, useState } from 'react';
import { useI18n } from '../i18n';
import { describeError } from '../portal/describeError';
import { newPasswordProblem } from '../portal/people/passwords';
import { useServices } from '../services';

/**
 * Shown instead of everything else while the signed-in user's password is a temporary one (an
 * organiser reset it, or created the account so): the API refuses all but this change until it
 * is made (MUST_CHANGE_PASSWORD). After the change the app signs in again with the new password.
 */
export function ChangePasswordScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useServices();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = newPasswordProblem(current, next, again);
    if (problem) {
      setError(t(problem));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await session.changePassword(current, next);
    } catch (caught) {
      setError(describeError(i18n, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card login"
      onSubmit={(e) => void submit(e)}
      aria-labelledby="password-change-title"
    >
      <h1 id="password-change-title">{t('passwordChangeTitle')}</h1>
      <p>{t('passwordChangeIntro')}</p>
      <label className="field">
        <span>{t('temporaryPasswordLabel')}</span>
        <input
          type="password"
          name="current-password"
          autoComplete="current-password"
          required
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('newPasswordLabel')}</span>
        <input
          type="password"
          name="new-password"
          autoComplete="new-password"
          required
          value={next}
          onChange={(e) => setNext(e.target.value)}
        />
      </label>
      <label className="field">
        <span>{t('repeatPasswordLabel')}</span>
        <input
          type="password"
          name="repeat-password"
          autoComplete="new-password"
          required
          value={again}
          onChange={(e) => setAgain(e.target.value)}
        />
      </label>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button primary" disabled={busy}>
          {t('savePassword')}
        </button>
        <button type="button" className="button quiet" onClick={() => session.signOut()}>
          {t('signOut')}
        </button>
      </div>
    </form>
  );
}
