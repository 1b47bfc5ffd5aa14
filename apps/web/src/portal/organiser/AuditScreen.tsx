import { useState } from 'react';
import { OfficeAuditLogDocument, OfficeAuditRecordFragment } from '../../gql/app';
import { useI18n } from '../../i18n';
import { VERIFY_AUDIT } from '../ops';
import { describeError } from '../describeError';
import { EventNav } from '../EventNav';
import { labelOf } from '../labelOf';
import { ErrorLine, Loading } from '../ui';
import { useGqlClient, useMutation, useQuery } from '../useGql';
import { usePageTitle } from '../usePageTitle';
import { actionWords, AUDIT_ACTIONS, readableDetail, shortId, subjectWords } from './auditWords';
import './office.css';

const PAGE = 100;

interface Subject {
  type: string;
  id: string;
  /** what people call it (a round's name, an entry's exhibit code); null: its short id */
  label: string | null;
}

/**
 * The event's audit log: newest first (or oldest), who did what in words, filtered by action or
 * by one subject, the record's JSON behind a disclosure, page by page; and the chain's check.
 */
export function AuditScreen({ eventId }: { eventId: string }) {
  const i18n = useI18n();
  const { t, formatTime } = i18n;
  usePageTitle(t('auditLog'));
  const [newestFirst, setNewestFirst] = useState(true);
  const [action, setAction] = useState('');
  const [subject, setSubject] = useState<Subject | null>(null);
  const variables = {
    eventId,
    first: PAGE,
    newestFirst,
    action: action || null,
    subjectType: subject?.type ?? null,
    subjectId: subject?.id ?? null,
  };
  const first = useQuery(OfficeAuditLogDocument, variables);
  const client = useGqlClient();
  const verify = useMutation();
  // Later pages, kept with the filter they were read under (a new filter starts again).
  const [more, setMore] = useState<{ key: string; records: OfficeAuditRecordFragment[] }>({
    key: '',
    records: [],
  });
  const key = JSON.stringify(variables);
  const extra = more.key === key ? more.records : [];
  const [result, setResult] = useState<{
    ok: boolean;
    records: number;
    firstBrokenId: string | null;
  } | null>(null);
  const records = [...(first.data?.auditLog ?? []), ...extra];
  const lastPageFull = extra.length
    ? extra.length % PAGE === 0
    : (first.data?.auditLog.length ?? 0) === PAGE;

  const loadMore = async () => {
    try {
      const page = await client(OfficeAuditLogDocument, {
        ...variables,
        after: records[records.length - 1].id,
      });
      setMore({ key, records: [...extra, ...page.auditLog] });
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
      <div className="audit-filters">
        <label className="field">
          <span>{t('auditFilterAction')}</span>
          <select value={action} onChange={(e) => setAction(e.target.value)}>
            <option value="">{t('auditAllActions')}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionWords(t, a)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={newestFirst}
            onChange={(e) => setNewestFirst(e.target.checked)}
          />
          <span>{t('auditNewestFirst')}</span>
        </label>
        {subject && (
          <p data-testid="audit-subject">
            {t('auditFilterSubject')}：{subjectWords(t, subject.type)}{' '}
            <SubjectName id={subject.id} label={subject.label} />{' '}
            <button type="button" className="button" onClick={() => setSubject(null)}>
              {t('auditSubjectClear')}
            </button>
          </p>
        )}
      </div>
      {!first.data && <Loading error={first.error} />}
      {first.data && records.length === 0 && <p>{t('auditNoRecords')}</p>}
      <div className="table-wrap">
        <table className="table audit">
          <thead>
            <tr>
              <th scope="col">{t('auditAt')}</th>
              <th scope="col">{t('auditActor')}</th>
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
                <td>
                  {r.actor ? (
                    <>
                      {r.actor.name} <small>{labelOf(t, 'Role', r.actor.role)}</small>
                    </>
                  ) : (
                    t('auditSystem')
                  )}
                </td>
                <td data-action={r.action}>{actionWords(t, r.action)}</td>
                <td>
                  {subjectWords(t, r.subjectType)}{' '}
                  <SubjectName id={r.subjectId} label={r.subjectLabel ?? null} />
                  {!subject && (
                    <button
                      type="button"
                      className="button link"
                      onClick={() =>
                        setSubject({
                          type: r.subjectType,
                          id: r.subjectId,
                          label: r.subjectLabel ?? null,
                        })
                      }
                    >
                      {t('auditShowSubject')}
                    </button>
                  )}
                </td>
                <td>
                  <details className="audit-detail">
                    <summary>{t('auditShowDetail')}</summary>
                    <pre>{readableDetail(r.detail)}</pre>
                  </details>
                </td>
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

/** A subject by the name people know it by; its short id only when it has none. */
function SubjectName({ id, label }: { id: string; label: string | null }) {
  return label ? (
    <span data-testid="audit-subject-label">{label}</span>
  ) : (
    <small className="code">{shortId(id)}</small>
  );
}
