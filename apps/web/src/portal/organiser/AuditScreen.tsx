import { useState } from 'react';
import { useI18n } from '../../i18n';
import { AUDIT_LOG, AuditRecord, VERIFY_AUDIT } from '../ops';
import { describeError } from '../describeError';
import { EventNav } from '../EventNav';
import { ErrorLine, Loading } from '../ui';
import { useGqlClient, useMutation, useQuery } from '../useGql';
import { usePageTitle } from '../usePageTitle';

const PAGE = 200;

/** The event's audit chain, oldest first, page by page, and its verification. */
export function AuditScreen({ eventId }: { eventId: string }) {
  const i18n = useI18n();
  const { t, formatTime } = i18n;
  const first = useQuery(AUDIT_LOG, { eventId, first: PAGE });
  usePageTitle(t('auditLog'));
  const client = useGqlClient();
  const verify = useMutation();
  const [more, setMore] = useState<AuditRecord[]>([]);
  const [result, setResult] = useState<{
    ok: boolean;
    records: number;
    firstBrokenId: string | null;
  } | null>(null);
  const records = [...(first.data?.auditLog ?? []), ...more];
  const lastPageFull =
    (more.length ? more.length % PAGE === 0 : records.length === PAGE) && records.length > 0;

  const loadMore = async () => {
    try {
      const page = await client(AUDIT_LOG, {
        eventId,
        first: PAGE,
        after: records[records.length - 1].id,
      });
      setMore((m) => [...m, ...page.auditLog]);
    } catch (caught) {
      verify.setError(describeError(i18n, caught));
    }
  };
  const check = async () => {
    const answer = await verify.run(VERIFY_AUDIT, { eventId });
    if (answer) setResult(answer.verifyAuditChain);
  };

  return (
    <section aria-labelledby="audit-title">
      <h1 id="audit-title">{t('auditLog')}</h1>
      <EventNav eventId={eventId} />
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={verify.busy}
          onClick={() => void check()}
        >
          {t('verifyChain')}
        </button>
        {result && (
          <span className={result.ok ? 'ok' : 'error'} role="status" data-testid="chain-result">
            {result.ok
              ? t('chainOk', { n: result.records })
              : t('chainBroken', { id: result.firstBrokenId ?? '?' })}
          </span>
        )}
      </div>
      <ErrorLine error={verify.error} />
      {!first.data && <Loading error={first.error} />}
      <div className="table-wrap">
        <table className="table audit">
          <thead>
            <tr>
              <th scope="col">{t('auditAt')}</th>
              <th scope="col">{t('auditAction')}</th>
              <th scope="col">{t('auditSubject')}</th>
              <th scope="col">{t('auditDetail')}</th>
              <th scope="col">{t('auditHash')}</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={r.id} className={result?.firstBrokenId === r.id ? 'broken' : undefined}>
                <td>{formatTime(r.at)}</td>
                <td className="code">{r.action}</td>
                <td>
                  {r.subjectType} <small className="code">{r.subjectId.slice(0, 8)}</small>
                </td>
                <td className="detail">{r.detail}</td>
                <td className="code" title={r.hash}>
                  {r.hash.slice(0, 12)}…
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {lastPageFull && (
        <button type="button" className="button" onClick={() => void loadMore()}>
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}
