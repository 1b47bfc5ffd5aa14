import { FormEvent, useEffect, useState } from 'react';
import { publicKeyOf, usePublicI18n } from './publicI18n';
import { navigate } from '../router';
import { HashCheck } from './HashCheck';
import { LoadFailed } from './LoadFailed';
import { Certificate, PUBLICATION_BY_ID, publicGql, VERIFY } from './publicApi';
import { useLoad } from './useLoad';

/**
 * `/verify/{code}`, where the QR code on a certificate leads: what the code proves, or a
 * clear "no certificate has this code"; a field to type another code.
 */
export function VerifyPage({ code }: { code: string }) {
  const { t } = usePublicI18n();
  const [typed, setTyped] = useState(code);
  useEffect(() => {
    setTyped(code);
    document.title = `${t('publicVerifyTitle')} · ${t('publicTitle')}`;
  }, [code, t]);
  const go = (event: FormEvent) => {
    event.preventDefault();
    const next = typed.trim();
    if (next) navigate(`/verify/${encodeURIComponent(next)}`);
  };
  return (
    <>
      <h1>{t('publicVerifyTitle')}</h1>
      <form className="pub-form pub-inline" onSubmit={go} role="search">
        <label className="pub-field">
          <span>{t('publicVerifyCode')}</span>
          <input
            name="code"
            required
            autoCapitalize="characters"
            autoComplete="off"
            spellCheck={false}
            aria-describedby="verify-hint"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <button type="submit" className="pub-button primary">
          {t('publicVerifySubmit')}
        </button>
        <p id="verify-hint" className="pub-note">
          {t('publicVerifyHint')}
        </p>
      </form>
      {code && <VerifyAnswer code={code} />}
    </>
  );
}

function VerifyAnswer({ code }: { code: string }) {
  const { t, formatTime } = usePublicI18n();
  const { data, error, reload } = useLoad(code, () => publicGql(VERIFY, { c: code }));
  if (error) return <LoadFailed error={error} retry={reload} />;
  if (!data) return <p aria-busy="true">{t('publicLoading')}</p>;
  const certificate = data.verifyCertificate;
  if (!certificate) {
    return (
      <section className="pub-card pub-none" role="alert" data-testid="certificate-none">
        <h2>✗ {t('publicVerifyNone', { code })}</h2>
        <p>{t('publicVerifyNoneHint')}</p>
      </section>
    );
  }
  // A revoked award: said first and loudly, with when and why; the rest still names the list.
  const revocation = certificate.status === 'REVOKED' ? certificate.revocation : null;
  return (
    <section
      className={`pub-card ${revocation ? 'pub-revoked' : 'pub-valid'}`}
      data-testid="certificate"
      data-status={certificate.status}
      aria-labelledby="cert-title"
      role={revocation ? 'alert' : undefined}
    >
      <h2 id="cert-title">
        {revocation ? `✗ ${t('publicVerifyRevoked')}` : `✓ ${t('publicVerifyValid')}`}
      </h2>
      {revocation && <p>{t('publicVerifyRevokedHint')}</p>}
      <dl className="pub-table">
        {revocation && (
          <>
            <dt>{t('publicRevokedOn')}</dt>
            <dd data-field="revokedAt">{formatTime(revocation.revokedAt)}</dd>
            <dt>{t('publicRevokedReason')}</dt>
            <dd data-field="revocationReason">{revocation.reason}</dd>
          </>
        )}
        <dt>{t('publicVerifyCode')}</dt>
        <dd className="pub-code" data-field="code">
          {certificate.code}
        </dd>
        <dt>{t('publicEntryCode')}</dt>
        <dd className="pub-code" data-field="entryCode">
          {certificate.entryCode}
        </dd>
        <dt>{t('publicWorkTitle')}</dt>
        <dd data-field="title">{certificate.title}</dd>
        <dt>{t('publicEntrant')}</dt>
        <dd data-field="entrantName">{certificate.entrantName}</dd>
        <dt>{t('publicAward')}</dt>
        <dd data-field="award" className="pub-award">
          {certificate.award.name}
        </dd>
        <dt>{t('publicVersion')}</dt>
        <dd data-field="version">
          {t('publicVersionN', { version: certificate.publicationVersion })}
        </dd>
        <dt>{t('publicResultStatus')}</dt>
        <dd data-field="status">
          {t(publicKeyOf('publicStatus_', certificate.publicationStatus, 'publicStatus_FINAL'))}
        </dd>
      </dl>
      <PublicationHash certificate={certificate} />
    </section>
  );
}

/** The hash the certificate names, recomputable from the list it was published in. */
function PublicationHash({ certificate }: { certificate: Certificate }) {
  const { data } = useLoad(certificate.publicationId, () =>
    publicGql(PUBLICATION_BY_ID, {
      id: certificate.publicationId,
    }),
  );
  return <HashCheck hash={certificate.publicationHash} items={data?.publication?.items ?? null} />;
}
