import { FormEvent, useId, useState } from 'react';
import { creditCodeProblem, normaliseCreditCode } from '@app/validators';
import { gql } from '../../api';
import { useI18n } from '../../i18n';
import { Link, navigate } from '../../router';
import { useServices } from '../../services';
import { REGISTER, REGIONS } from '../ops';
import { ErrorLine } from '../ui';
import { describeError } from '../describeError';
import { usePageTitle } from '../usePageTitle';
import { useQuery } from '../useGql';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../people/passwords';

type EntrantType = 'ENTERPRISE' | 'INSTITUTION' | 'INDIVIDUAL';

/** An entrant signs up; the credit code is checked as it is typed (the same rule as the API). */
export function RegisterScreen() {
  const i18n = useI18n();
  const { t } = i18n;
  usePageTitle(t('registerTitle'));
  const { session } = useServices();
  const regions = useQuery(REGIONS);
  const [form, setForm] = useState({
    type: 'ENTERPRISE' as EntrantType,
    name: '',
    creditCode: '',
    regionCode: '',
    contactName: '',
    phone: '',
    email: '',
    password: '',
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const set = (field: keyof typeof form) => (value: string) =>
    setForm((f) => ({ ...f, [field]: value }));

  const needsCode = form.type !== 'INDIVIDUAL';
  const code = normaliseCreditCode(form.creditCode);
  const problem = needsCode && code ? creditCodeProblem(code) : null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    setBusy(true);
    setError(null);
    try {
      const { registerEntrant } = await gql(
        REGISTER,
        {
          input: {
            type: form.type,
            name: form.name.trim(),
            email: form.email.trim(),
            password: form.password,
            regionCode: form.regionCode,
            creditCode: needsCode ? code : null,
            contactName: form.contactName.trim() || null,
            phone: form.phone.trim() || null,
          },
        },
        null,
      );
      session.adopt(registerEntrant);
      navigate('/entrant', { replace: true });
    } catch (caught) {
      setError(describeError(i18n, caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card form-card" onSubmit={(e) => void submit(e)} aria-labelledby="reg-title">
      <h1 id="reg-title">{t('registerTitle')}</h1>
      <fieldset className="choices">
        <legend>{t('entrantType')}</legend>
        {(['ENTERPRISE', 'INSTITUTION', 'INDIVIDUAL'] as const).map((type) => (
          <label key={type} className="choice">
            <input
              type="radio"
              name="type"
              checked={form.type === type}
              onChange={() => set('type')(type)}
            />
            {t(`entrantType_${type}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t('entrantName')} value={form.name} onChange={set('name')} required />
      {needsCode && (
        <label className="field">
          <span>{t('creditCode')}</span>
          <input
            name="creditCode"
            required
            maxLength={24}
            autoCapitalize="characters"
            spellCheck={false}
            value={form.creditCode}
            aria-invalid={problem ? true : undefined}
            aria-describedby="credit-code-state"
            onChange={(e) => set('creditCode')(e.target.value)}
          />
          <small id="credit-code-state" className={problem ? 'hint bad' : 'hint good'}>
            {!code
              ? t('creditCodeHint')
              : problem
                ? t(`creditCode_${problem}`)
                : t('creditCodeValid')}
          </small>
        </label>
      )}
      <label className="field">
        <span>{t('region')}</span>
        <select
          name="region"
          required
          value={form.regionCode}
          onChange={(e) => set('regionCode')(e.target.value)}
        >
          <option value="">{t('choose')}</option>
          {regions.data?.regions.map((r) => (
            <option key={r.code} value={r.code}>
              {r.name}
            </option>
          ))}
        </select>
      </label>
      <Field label={t('contactName')} value={form.contactName} onChange={set('contactName')} />
      <Field label={t('phone')} value={form.phone} onChange={set('phone')} type="tel" />
      <Field label={t('email')} value={form.email} onChange={set('email')} type="email" required />
      <Field
        label={t('password')}
        value={form.password}
        onChange={set('password')}
        type="password"
        required
        autoComplete="new-password"
        minLength={MIN_PASSWORD_LENGTH}
        maxLength={MAX_PASSWORD_LENGTH}
        hint={t('passwordRuleHint', { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH })}
      />
      <ErrorLine error={error ?? regions.error} />
      <button type="submit" className="button primary" disabled={busy || Boolean(problem)}>
        {t('register')}
      </button>
      <p>
        <Link href="/login" className="text-link">
          {t('haveAccount')}
        </Link>
      </p>
    </form>
  );
}

export function Field({
  label,
  value,
  onChange,
  type = 'text',
  required,
  autoComplete,
  minLength,
  maxLength,
  hint,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: string;
  required?: boolean;
  autoComplete?: string;
  minLength?: number;
  maxLength?: number;
  /** the rule of the field, said before it is broken (read with the field by screen readers) */
  hint?: string;
}) {
  const hintId = useId();
  return (
    <label className="field">
      <span>{label}</span>
      <input
        type={type}
        required={required}
        autoComplete={autoComplete}
        minLength={minLength}
        maxLength={maxLength}
        aria-describedby={hint ? hintId : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint && (
        <small id={hintId} className="hint">
          {hint}
        </small>
      )}
    </label>
  );
}
