import { FormEvent, useState } from 'react';
import { publicKeyOf, usePublicI18n } from './publicI18n';
import { LoadFailed } from './LoadFailed';
import { OBJECTION_STATUS, publicGql } from './publicApi';
import { useLoad } from './useLoad';

/**
 * The filer's lookup of an objection by the number it was given when filing: its state and,
 * once resolved, the organisers' answer. The API tells nothing about who filed it.
 */
export function ObjectionLookup({ initialId }: { initialId: string }) {
  const { t } = usePublicI18n();
  const [typed, setTyped] = useState(initialId);
  const [asked, setAsked] = useState(initialId);
  const look = (event: FormEvent) => {
    event.preventDefault();
    setAsked(typed.trim());
  };
  return (
    <section aria-labelledby="objection-lookup-title">
      <h2 id="objection-lookup-title">{t('publicObjectionLookupTitle')}</h2>
      <form className="pub-form pub-inline" onSubmit={look} role="search">
        <label className="pub-field">
          <span>{t('publicObjectionLookupId')}</span>
          <input
            name="objectionId"
            required
            autoComplete="off"
            spellCheck={false}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <button type="submit" className="pub-button">
          {t('publicObjectionLookupSubmit')}
        </button>
      </form>
      {asked && <ObjectionState id={asked} />}
    </section>
  );
}

function ObjectionState({ id }: { id: string }) {
  const { t, formatTime } = usePublicI18n();
  const { data, error, reload } = useLoad(id, () => publicGql(OBJECTION_STATUS, { id }));
  if (error) return <LoadFailed error={error} retry={reload} />;
  if (!data) return <p aria-busy="true">{t('publicLoading')}</p>;
  const objection = data.objectionStatus;
  if (!objection) {
    return (
      <p className="pub-card pub-none" role="alert" data-testid="objection-none">
        {t('publicObjectionLookupNone', { id })}
      </p>
    );
  }
  return (
    <section className="pub-card" data-testid="objection-state" aria-live="polite">
      <dl className="pub-table">
        <dt>{t('publicEntryCode')}</dt>
        <dd className="pub-code">{objection.entryCode}</dd>
        <dt>{t('publicObjectionState')}</dt>
        <dd data-field="status">
          {t(publicKeyOf('publicObjectionState_', objection.status, 'publicObjectionState_OPEN'))}
        </dd>
        <dt>{t('publicObjectionFiledAt')}</dt>
        <dd>{formatTime(objection.createdAt)}</dd>
        {objection.resolvedAt && (
          <>
            <dt>{t('publicObjectionResolvedAt')}</dt>
            <dd>{formatTime(objection.resolvedAt)}</dd>
          </>
        )}
        {objection.response && (
          <>
            <dt>{t('publicObjectionResponse')}</dt>
            <dd data-field="response">{objection.response}</dd>
          </>
        )}
      </dl>
    </section>
  );
}
