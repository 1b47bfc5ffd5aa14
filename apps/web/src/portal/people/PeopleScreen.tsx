import { useId, useState } from 'react';
import {
  DeactivateUserDocument,
  JudgeWorkloadDocument,
  PeopleDocument,
  type PersonFragment,
  ReactivateUserDocument,
  ResetUserPasswordDocument,
  UserAdminRecordsDocument,
} from '../../gql/app';
import { useI18n } from '../../i18n';
import { useServices, useStore } from '../../services';
import { labelOf } from '../labelOf';
import type { Role } from '../ops';
import { ErrorLine, Loading, Section } from '../ui';
import { useGqlClient, useMutation, useQuery } from '../useGql';
import { usePageTitle } from '../usePageTitle';
import { mayAct, STAFF_ROLES } from './administered';
import { NewPersonForm } from './NewPersonForm';
import { OwedRounds, OwedSheetsNotice } from './OwedSheetsNotice';
import { PasswordNotice } from './PasswordNotice';
import './people.css';

/** The newest account changes the screen shows under the list. */
const RECORDS_SHOWN = 20;

interface Shown {
  title: string;
  password: string;
  lead?: string;
}

/**
 * The organisers' people: judges, coordinators (with their region's name), organisers and
 * admins, whether each is active and when it last signed in; new accounts; deactivating,
 * reactivating and resetting a password (confirmed first; a temporary password is shown once).
 * Only the roles the viewer may administer get actions, never the viewer's own row.
 */
export function PeopleScreen() {
  const i18n = useI18n();
  const { t, formatTime } = i18n;
  usePageTitle(t('people'));
  const { session } = useServices();
  const me = useStore(session.session)?.user;
  const [role, setRole] = useState<Role | ''>('');
  const people = useQuery(PeopleDocument, { roles: role ? [role] : [...STAFF_ROLES] });
  const records = useQuery(UserAdminRecordsDocument, {});
  const act = useMutation();
  const [shown, setShown] = useState<Shown | null>(null);
  const client = useGqlClient();
  // A judge about to be deactivated who still owes sheets in open rounds (asked first).
  const [owing, setOwing] = useState<{ person: PersonFragment; rounds: OwedRounds } | null>(null);
  const filterId = useId();

  const reload = () => {
    void people.reload();
    void records.reload();
  };

  const setActive = async (person: PersonFragment, active: boolean) => {
    setOwing(null);
    if (!active && person.role === 'JUDGE') {
      // What the judge still owes, so the organiser can move it first; when the question
      // fails, the plain confirmation below still guards the deactivation.
      const owed = await client(JudgeWorkloadDocument, { userId: person.id }).catch(() => null);
      if (owed && owed.judgeWorkload.length > 0) {
        setOwing({ person, rounds: owed.judgeWorkload });
        return;
      }
    }
    const question = active ? 'confirmReactivate' : 'confirmDeactivate';
    if (!window.confirm(t(question, { name: person.name }))) return;
    await applyActive(person, active);
  };

  const applyActive = async (person: PersonFragment, active: boolean) => {
    setOwing(null);
    const done = active
      ? await act.run(ReactivateUserDocument, { id: person.id })
      : await act.run(DeactivateUserDocument, { id: person.id });
    if (done) reload();
  };

  const reset = async (person: PersonFragment) => {
    if (!window.confirm(t('confirmReset', { name: person.name }))) return;
    const done = await act.run(ResetUserPasswordDocument, { id: person.id });
    if (!done) return;
    setShown({
      title: t('temporaryPasswordFor', { name: person.name }),
      password: done.resetUserPassword.temporaryPassword,
    });
    reload();
  };

  const list = people.data?.users ?? [];
  return (
    <section aria-labelledby="people-title" className="people">
      <h1 id="people-title">{t('people')}</h1>
      <p className="note">{t('peopleIntro')}</p>
      {shown && (
        <PasswordNotice
          title={shown.title}
          lead={shown.lead}
          password={shown.password}
          onClose={() => setShown(null)}
        />
      )}
      {owing && (
        <OwedSheetsNotice
          name={owing.person.name}
          rounds={owing.rounds}
          onDeactivate={() => void applyActive(owing.person, false)}
          onCancel={() => setOwing(null)}
        />
      )}
      <ErrorLine error={act.error} />
      <div className="actions">
        <div className="field inline">
          <label htmlFor={filterId}>{t('peopleRoleFilter')}</label>
          <select id={filterId} value={role} onChange={(e) => setRole(e.target.value as Role | '')}>
            <option value="">{t('peopleEveryone')}</option>
            {STAFF_ROLES.map((r) => (
              <option key={r} value={r}>
                {labelOf(t, 'Role', r)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {!people.data && <Loading error={people.error} />}
      {people.data && list.length === 0 && <p>{t('peopleNone')}</p>}
      {list.length > 0 && (
        <table className="table people-table">
          <thead>
            <tr>
              <th scope="col">{t('peopleName')}</th>
              <th scope="col">{t('peopleRole')}</th>
              <th scope="col">{t('peopleRegion')}</th>
              <th scope="col">{t('peopleState')}</th>
              <th scope="col">{t('peopleLastSignIn')}</th>
              <th scope="col">{t('peopleActions')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((person) => (
              <tr
                key={person.id}
                data-person={person.email}
                className={person.active ? undefined : 'inactive'}
              >
                <th scope="row" data-label={t('peopleName')}>
                  <span className="person-name">
                    {person.name}
                    {person.id === me?.id && ` ${t('personYou')}`}
                  </span>
                  <span className="person-email">{person.email}</span>
                </th>
                <td data-label={t('peopleRole')}>{labelOf(t, 'Role', person.role)}</td>
                <td data-label={t('peopleRegion')}>{person.region?.name ?? '—'}</td>
                <td data-label={t('peopleState')}>
                  <span className={`badge ${person.active ? 'person-active' : 'person-inactive'}`}>
                    {t(person.active ? 'personActive' : 'personDeactivated')}
                  </span>
                  {person.mustChangePassword && (
                    <span className="badge">{t('personMustChangePassword')}</span>
                  )}
                </td>
                <td data-label={t('peopleLastSignIn')}>
                  {person.lastSignInAt ? formatTime(person.lastSignInAt) : t('peopleNeverSignedIn')}
                </td>
                <td data-label={t('peopleActions')}>
                  {me && mayAct(me, person) && (
                    <div className="row-actions">
                      <button
                        type="button"
                        className={person.active ? 'button danger' : 'button'}
                        disabled={act.busy}
                        aria-label={t(person.active ? 'deactivatePersonOf' : 'reactivatePersonOf', {
                          name: person.name,
                        })}
                        onClick={() => void setActive(person, !person.active)}
                      >
                        {t(person.active ? 'deactivatePerson' : 'reactivatePerson')}
                      </button>
                      <button
                        type="button"
                        className="button"
                        disabled={act.busy}
                        aria-label={t('resetPasswordOf', { name: person.name })}
                        onClick={() => void reset(person)}
                      >
                        {t('resetPassword')}
                      </button>
                    </div>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {me && (
        <Section title={t('newPerson')} id="new-person">
          <NewPersonForm
            viewerRole={me.role}
            onCreated={(person, password) => {
              setShown({
                title: t('initialPassword'),
                lead: t('personCreated', { name: person.name, email: person.email }),
                password,
              });
              reload();
            }}
          />
        </Section>
      )}
      <Section title={t('peopleRecords')} id="people-records">
        {!records.data && <Loading error={records.error} />}
        {records.data?.userAdminRecords.length === 0 && <p>{t('peopleRecordsNone')}</p>}
        {records.data && records.data.userAdminRecords.length > 0 && (
          <table className="table people-table people-records">
            <thead>
              <tr>
                <th scope="col">{t('recordAt')}</th>
                <th scope="col">{t('recordActor')}</th>
                <th scope="col">{t('recordAction')}</th>
                <th scope="col">{t('recordUser')}</th>
              </tr>
            </thead>
            <tbody>
              {records.data.userAdminRecords.slice(0, RECORDS_SHOWN).map((record) => (
                <tr key={record.id}>
                  <td data-label={t('recordAt')}>{formatTime(record.at)}</td>
                  <td data-label={t('recordActor')}>{record.actor.name}</td>
                  <td data-label={t('recordAction')}>
                    {labelOf(t, 'UserAdminAction', record.action)}
                  </td>
                  <td data-label={t('recordUser')}>{record.user.name}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>
    </section>
  );
}
