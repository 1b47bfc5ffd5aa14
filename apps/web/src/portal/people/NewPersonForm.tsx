import { FormEvent, useId, useState } from 'react';
import { CreatePersonDocument, type PersonFragment } from '../../gql/app';
import { useI18n } from '../../i18n';
import { labelOf } from '../labelOf';
import { REGIONS, type Role } from '../ops';
import { ErrorLine } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { administeredRoles } from './administered';
import { passwordProblem, proposedPassword } from './passwords';
import { refusedField } from './refusedField';

/**
 * A new account of a role the viewer may create: name, email, role, the region of a coordinator
 * (by its name), a first password proposed at random and, by default, to be changed at the first
 * sign-in. The password is shown once more after the account is made (PasswordNotice).
 */
export function NewPersonForm({
  viewerRole,
  onCreated,
}: {
  viewerRole: string;
  onCreated: (person: PersonFragment, password: string) => void;
}) {
  const { t } = useI18n();
  const roles = administeredRoles(viewerRole);
  const regions = useQuery(REGIONS);
  const create = useMutation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>(roles[0] ?? 'JUDGE');
  const [regionCode, setRegionCode] = useState('');
  const [password, setPassword] = useState(() => proposedPassword());
  const [mustChange, setMustChange] = useState(true);
  // Selects are labelled by id, not wrapped: a wrapping label would read every option as its name.
  const roleId = useId();
  const regionId = useId();

  // The field the refusal on screen concerned: the password the form checked itself, else the
  // API's. Editing that field takes the refusal away ("这个邮箱已经注册过" about an email no
  // longer typed would only mislead).
  const [slipField, setSlipField] = useState<string | null>(null);
  const concerned = create.refusal ? refusedField(create.refusal) : slipField;
  const edited = (field: string) => {
    if (create.error && concerned === field) create.setError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(password);
    if (problem) {
      create.setError(`${t('initialPassword')}：${t(problem)}`);
      setSlipField('password');
      return;
    }
    setSlipField(null);
    const done = await create.run(CreatePersonDocument, {
      input: {
        name: name.trim(),
        email: email.trim(),
        role,
        regionCode: role === 'COORDINATOR' ? regionCode : null,
        password,
        mustChangePassword: mustChange,
      },
    });
    if (!done) return;
    onCreated(done.createUser, password);
    setName('');
    setEmail('');
    setPassword(proposedPassword());
  };

  return (
    <form className="form-card" onSubmit={(e) => void submit(e)}>
      <div className="form-grid">
        <label className="field">
          <span>{t('peopleName')}</span>
          <input
            required
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              edited('name');
            }}
          />
        </label>
        <label className="field">
          <span>{t('peopleEmail')}</span>
          <input
            type="email"
            required
            autoComplete="off"
            value={email}
            onChange={(e) => {
              setEmail(e.target.value);
              edited('email');
            }}
          />
        </label>
        <div className="field">
          <label htmlFor={roleId}>{t('peopleRole')}</label>
          <select
            id={roleId}
            value={role}
            onChange={(e) => {
              setRole(e.target.value as Role);
              edited('role');
            }}
          >
            {roles.map((r) => (
              <option key={r} value={r}>
                {labelOf(t, 'Role', r)}
              </option>
            ))}
          </select>
        </div>
        {role === 'COORDINATOR' && (
          <div className="field">
            <label htmlFor={regionId}>{t('peopleRegion')}</label>
            <select
              id={regionId}
              required
              value={regionCode}
              onChange={(e) => {
                setRegionCode(e.target.value);
                edited('regionCode');
              }}
            >
              <option value="">{t('choose')}</option>
              {regions.data?.regions.map((r) => (
                <option key={r.code} value={r.code}>
                  {r.name}
                </option>
              ))}
            </select>
            <span className="hint">{t('coordinatorRegionHint')}</span>
          </div>
        )}
        <label className="field">
          <span>{t('initialPassword')}</span>
          <input
            required
            autoComplete="new-password"
            spellCheck={false}
            lang="en"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              edited('password');
            }}
          />
          <span className="hint">{t('initialPasswordHint')}</span>
        </label>
      </div>
      <label className="check">
        <input
          type="checkbox"
          checked={mustChange}
          onChange={(e) => setMustChange(e.target.checked)}
        />
        {t('mustChangeAtFirstSignIn')}
      </label>
      <ErrorLine error={create.error ?? regions.error} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={create.busy}>
          {t('createPerson')}
        </button>
      </div>
    </form>
  );
}
