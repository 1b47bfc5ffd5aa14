import { useEffect, useMemo, useState } from 'react';
import './office.css';
import {
  OfficeEntriesDocument,
  OfficeEntryFragment,
  ScreenEntriesDocument,
  type EntryStatus,
} from '../../gql/app';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { flatten } from '../categories';
import { EntriesWorkbook } from '../EntriesWorkbook';
import { EventNav } from '../EventNav';
import { labelOf } from '../labelOf';
import { EVENT_BY_ID, REGIONS } from '../ops';
import { EntryStatusBadge, ErrorLine, Loading } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { usePageTitle } from '../usePageTitle';
import {
  EntryListChoice,
  listVariables,
  NO_CHOICE,
  refusalLines,
  screenable,
  SORT_KEYS,
  toggled,
  withPage,
} from './entryList';

const PAGE = 50;
const STATUSES: readonly EntryStatus[] = [
  'DRAFT',
  'SUBMITTED',
  'ACCEPTED',
  'REJECTED',
  'WITHDRAWN',
  'DISQUALIFIED',
];

/**
 * The event's entries as an office works through them: find by title, creator, entrant or
 * exhibit code; filter by category (a parent takes its sub-categories), region and status;
 * sort; page; select and accept or reject the selection at once, with a reason.
 */
export function EntriesScreen({ eventId }: { eventId: string }) {
  const i18n = useI18n();
  const { t, formatTime, locale } = i18n;
  usePageTitle(t('entryList'));
  const event = useQuery(EVENT_BY_ID, { id: eventId });
  const regions = useQuery(REGIONS);
  const [choice, setChoice] = useState<EntryListChoice>(NO_CHOICE);
  const [typed, setTyped] = useState('');
  // The search waits for a pause in typing: one request per word, not per keystroke.
  useEffect(() => {
    const timer = window.setTimeout(() => setChoice((c) => ({ ...c, search: typed })), 300);
    return () => window.clearTimeout(timer);
  }, [typed]);
  // cursors[i] is the `after` of page i (keyset pages: going back is going to a cursor seen).
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const [page, setPage] = useState(0);
  const { filter, sort } = listVariables(choice);
  const list = useQuery(OfficeEntriesDocument, {
    eventId,
    filter,
    sort,
    first: PAGE,
    after: cursors[page],
  });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const choose = (change: Partial<EntryListChoice>) => {
    setChoice((c) => ({ ...c, ...change }));
    setCursors([null]);
    setPage(0);
    setSelected(new Set());
  };
  useEffect(() => {
    setCursors([null]);
    setPage(0);
    setSelected(new Set());
  }, [choice.search]);

  const rows = list.data?.entries.edges.map((e) => e.node) ?? [];
  const seen = useSeenEntries(rows);
  const regionName = new Map((regions.data?.regions ?? []).map((r) => [r.code, r.name]));
  const categories = event.data?.event ? flatten(event.data.event.categories) : [];
  // Select-all takes only what can be screened: a draft or a screened entry would come back refused.
  const pageIds = rows.filter(screenable).map((r) => r.id);
  const allOnPage = pageIds.length > 0 && pageIds.every((id) => selected.has(id));

  const screening = useMutation();
  const [reason, setReason] = useState('');
  const [confirmReject, setConfirmReject] = useState(false);
  const [outcome, setOutcome] = useState<{ done: string; refused: string[] } | null>(null);
  const screen = async (decision: 'ACCEPT' | 'REJECT') => {
    setConfirmReject(false);
    setOutcome(null);
    const answer = await screening.run(ScreenEntriesDocument, {
      eventId,
      entryIds: [...selected],
      decision,
      reason: reason.trim() || null,
    });
    if (!answer) return;
    const { screened, refused } = answer.screenEntries;
    const n = screened.length;
    setOutcome({
      done:
        n === 0
          ? t('bulkNoneDone')
          : t(decision === 'ACCEPT' ? 'bulkDoneAccepted' : 'bulkDoneRejected', { n }),
      refused: refusalLines(locale, refused, (id) => seen.get(id) ?? t('entryListNoCode')),
    });
    // An entry refused for its status stays unscreenable: only the others are worth a retry.
    setSelected(
      new Set(refused.filter((r) => !r.status || r.status === 'SUBMITTED').map((r) => r.entryId)),
    );
    if (refused.length === 0) setReason('');
    await list.reload();
  };

  const total = list.data?.entries.totalCount ?? 0;
  const hasNext = list.data?.entries.pageInfo.hasNextPage ?? false;
  const next = () => {
    const end = list.data?.entries.pageInfo.endCursor ?? null;
    setCursors((c) => [...c.slice(0, page + 1), end]);
    setPage(page + 1);
  };

  return (
    <section aria-labelledby="entries-title" className="entry-list">
      <h1 id="entries-title">{t('entryList')}</h1>
      <EventNav eventId={eventId} />
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('entryListSearch')}</span>
          <input
            type="search"
            value={typed}
            placeholder={t('entryListSearchHint')}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('entryListCategory')}</span>
          <select
            value={choice.categoryId}
            onChange={(e) => choose({ categoryId: e.target.value })}
          >
            <option value="">{t('entryListAll')}</option>
            {categories.map(({ category, depth }) => (
              <option key={category.id} value={category.id}>
                {'\u3000'.repeat(depth)}
                {category.code} {category.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('entryListRegion')}</span>
          <select
            value={choice.regionCode}
            onChange={(e) => choose({ regionCode: e.target.value })}
          >
            <option value="">{t('entryListAll')}</option>
            {(regions.data?.regions ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('entryListStatus')}</span>
          <select
            value={choice.status}
            onChange={(e) => choose({ status: e.target.value as EntryStatus | '' })}
          >
            <option value="">{t('entryListAll')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {labelOf(t, 'EntryStatus', s)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('entryListSort')}</span>
          <select
            value={choice.sortKey}
            onChange={(e) => choose({ sortKey: e.target.value as EntryListChoice['sortKey'] })}
          >
            {SORT_KEYS.map((k) => (
              <option key={k} value={k}>
                {labelOf(t, 'EntrySortKey', k)}
              </option>
            ))}
          </select>
        </label>
        <label className="check">
          <input
            type="checkbox"
            checked={choice.descending}
            onChange={(e) => choose({ descending: e.target.checked })}
          />
          <span>{t('entryListDescending')}</span>
        </label>
      </form>
      <EntriesWorkbook
        eventId={eventId}
        regionCode={choice.regionCode || null}
        label={t('entryListExport')}
        hint={
          choice.regionCode
            ? t('entryListExportRegion', {
                region: regionName.get(choice.regionCode) ?? t('entryListRegion'),
              })
            : t('entryListExportAll')
        }
      />

      {selected.size > 0 && (
        <div
          className="card bulk-bar"
          role="region"
          aria-label={t('bulkSelected', { n: selected.size })}
        >
          <p>
            <strong>{t('bulkSelected', { n: selected.size })}</strong>{' '}
            <button type="button" className="button link" onClick={() => setSelected(new Set())}>
              {t('bulkClear')}
            </button>
          </p>
          <label className="field">
            <span>{t('bulkReason')}</span>
            <input value={reason} maxLength={500} onChange={(e) => setReason(e.target.value)} />
          </label>
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={screening.busy}
              onClick={() => void screen('ACCEPT')}
            >
              {t('bulkAccept', { n: selected.size })}
            </button>
            {!confirmReject ? (
              <button
                type="button"
                className="button danger"
                disabled={screening.busy}
                onClick={() =>
                  reason.trim() ? setConfirmReject(true) : screening.setError(t('reasonRequired'))
                }
              >
                {t('bulkReject', { n: selected.size })}
              </button>
            ) : (
              <span role="alertdialog" aria-label={t('bulkConfirmReject', { n: selected.size })}>
                {t('bulkConfirmReject', { n: selected.size })}{' '}
                <button
                  type="button"
                  className="button danger"
                  disabled={screening.busy}
                  onClick={() => void screen('REJECT')}
                >
                  {t('bulkReject', { n: selected.size })}
                </button>{' '}
                <button type="button" className="button" onClick={() => setConfirmReject(false)}>
                  {t('bulkCancel')}
                </button>
              </span>
            )}
          </div>
          <ErrorLine error={screening.error} />
        </div>
      )}
      {outcome && (
        <div className="card" role="status" data-testid="bulk-outcome">
          <p className="ok">{outcome.done}</p>
          {outcome.refused.length > 0 && (
            <>
              <p>{t('bulkRefusedCount', { n: outcome.refused.length })}</p>
              <ul>
                {outcome.refused.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}

      {!list.data && <Loading error={list.error} />}
      {list.data && (
        <>
          <p className="note" aria-live="polite">
            {t('entryListCount', { total, page: page + 1 })}
          </p>
          {rows.length > 0 && (
            <p className="note" data-testid="selectable-count">
              {t('entryListSelectable', { n: pageIds.length, of: rows.length })}
            </p>
          )}
          <ErrorLine error={list.error} />
          <div className="table-wrap">
            <table className="table entries">
              <thead>
                <tr>
                  <th scope="col">
                    <label className="check pick">
                      <input
                        type="checkbox"
                        aria-label={t('entryListSelectPage')}
                        title={t('entryListSelectable', { n: pageIds.length, of: rows.length })}
                        disabled={pageIds.length === 0}
                        checked={allOnPage}
                        onChange={(e) => setSelected(withPage(selected, pageIds, e.target.checked))}
                      />
                    </label>
                  </th>
                  <th scope="col">{t('entryListCode')}</th>
                  <th scope="col">{t('entryListTitle')}</th>
                  <th scope="col">{t('entryListEntrant')}</th>
                  <th scope="col">{t('entryListRegion')}</th>
                  <th scope="col">{t('entryListCategory')}</th>
                  <th scope="col">{t('entryListStatus')}</th>
                  <th scope="col">{t('entryListSubmittedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((entry) => {
                  const why = screenable(entry)
                    ? null
                    : t('entryListNotScreenable', {
                        title: entry.title,
                        status: labelOf(t, 'EntryStatus', entry.status),
                      });
                  return (
                    <tr key={entry.id} className={selected.has(entry.id) ? 'selected' : undefined}>
                      <td>
                        <label className="check pick" title={why ?? undefined}>
                          <input
                            type="checkbox"
                            aria-label={why ?? t('entryListSelectOne', { title: entry.title })}
                            disabled={why !== null}
                            checked={selected.has(entry.id)}
                            onChange={() => setSelected(toggled(selected, entry.id))}
                          />
                        </label>
                      </td>
                      <td className="code">{entry.code ?? t('entryListNoCode')}</td>
                      <td>
                        <Link href={`/org/entry/${entry.id}`}>{entry.title}</Link>
                      </td>
                      <td>{entry.entrant?.name ?? ''}</td>
                      <td>{regionName.get(entry.regionCode) ?? ''}</td>
                      <td>{entry.category.name}</td>
                      <td>
                        <EntryStatusBadge status={entry.status} />
                      </td>
                      <td>{entry.submittedAt ? formatTime(entry.submittedAt) : ''}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          {rows.length === 0 && <p>{t('entryListNone')}</p>}
          <div className="actions pager">
            <button
              type="button"
              className="button"
              disabled={page === 0}
              onClick={() => setPage(page - 1)}
            >
              {t('entryListPrev')}
            </button>
            <button type="button" className="button" disabled={!hasNext} onClick={next}>
              {t('entryListNext')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}

/**
 * How each entry seen on a page is named in a bulk outcome (its code, else its title): the
 * selection may span pages no longer shown.
 */
function useSeenEntries(rows: readonly OfficeEntryFragment[]): Map<string, string> {
  const [seen] = useState(() => new Map<string, string>());
  return useMemo(() => {
    for (const row of rows) seen.set(row.id, row.code ? `${row.code} ${row.title}` : row.title);
    return seen;
  }, [rows, seen]);
}
