import { ChangeEvent, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { NetworkError } from '../../api';
import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { useServices } from '../../services';
import { describeError } from '../describeError';
import { EventNav } from '../EventNav';
import { describeRefusal } from '../refusal';
import { ErrorLine, Loading } from '../ui';
import { usePageTitle } from '../usePageTitle';
import {
  BatchReport,
  BatchSummary,
  bulkPhotoApi,
  EventQueueLine,
  FileState,
  plan,
  ReportFile,
} from './bulkPhotoApi';
import { etaKey } from './bulkPhotoMessages';

/** A network failure is tried again this many times, after 1, 2, 4 seconds, before the person is asked. */
const RETRIES = 3;
/** The photos' processing is looked at this often after a commit. */
const QUEUE_POLL_MS = 10_000;
/** The order of the check's table: what needs a person first. */
const ORDER: FileState[] = [
  'AMBIGUOUS',
  'UNMATCHED',
  'REFUSED',
  'NOT_ADDED',
  'NO_ROOM',
  'MATCHED',
  'ALREADY_THERE',
  'ADDED',
];

interface Sending {
  done: number;
  total: number;
  bytes: number;
  totalBytes: number;
}

/**
 * 批量上传照片: an organiser (every entry of the event) or a coordinator (its region's, `region`)
 * chooses photos, ZIPs or a folder; they go to a batch a few at a time, and a break costs only
 * the request in flight: "resume" sends what the batch does not list. The check shows each file's
 * match before anything is added; ambiguous titles get a choice; the commit adds, and the
 * photos' processing follows.
 */
export function BulkPhotosScreen({
  eventId,
  region = false,
}: {
  eventId: string;
  region?: boolean;
}) {
  const i18n = useI18n();
  const { t, locale, formatTime } = i18n;
  const { session } = useServices();
  const api = useMemo(() => bulkPhotoApi(() => session.token()), [session]);
  const [batch, setBatch] = useState<BatchSummary | null>(null);
  const [loaded, setLoaded] = useState(false);
  const [files, setFiles] = useState<File[]>([]);
  const [sending, setSending] = useState<Sending | null>(null);
  const [lost, setLost] = useState(false);
  const [report, setReport] = useState<BatchReport | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [line, setLine] = useState<EventQueueLine | null>(null);
  const zipsSent = useRef(new Set<File>());
  usePageTitle(t('bulkPhotos'));

  const [failure, setFailure] = useState<unknown>(null);
  const fail = useCallback((e: unknown) => setFailure(e), []);
  const error = failure === null ? null : describeError(i18n, failure);

  // A batch of this person's for the event is taken up again (a page reloaded mid-upload).
  useEffect(() => {
    let live = true;
    api.mine(eventId).then(
      async (mine) => {
        const last = mine[0] ?? null;
        if (!live) return;
        setBatch(last);
        if (last) setReport(await api.report(last.id));
        setLoaded(true);
      },
      (e: unknown) => {
        if (live) fail(e);
        setLoaded(true);
      },
    );
    return () => {
      live = false;
    };
  }, [api, eventId, fail]);

  // After a commit, organisers see the event's photos through the worker.
  const added = report?.counts.ADDED ?? 0;
  useEffect(() => {
    if (region || added === 0) return;
    let timer: number | undefined;
    const look = () =>
      api.queue().then(
        (queue) => {
          const mine = queue.events.find((e) => e.eventId === eventId) ?? null;
          setLine(mine);
          if (mine && mine.pending + mine.processing > 0)
            timer = window.setTimeout(() => void look(), QUEUE_POLL_MS);
        },
        () => undefined,
      );
    void look();
    return () => window.clearTimeout(timer);
  }, [api, eventId, region, added]);

  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    const chosen = [...(event.target.files ?? [])];
    event.target.value = '';
    setFiles((list) => [...list, ...chosen]);
    setLost(false);
  };

  /** Sends every file the batch does not list yet, a request at a time. */
  const upload = async () => {
    setFailure(null);
    setLost(false);
    setBusy(true);
    let current = batch;
    try {
      // What the batch holds already is not sent again (a resumed or a repeated upload).
      const listed = current ? (await api.report(current.id)).files : [];
      current ??= await api.start(eventId);
      setBatch(current);
      const groups = plan(files, listed, zipsSent.current);
      const total = groups.reduce((n, g) => n + g.length, 0);
      const totalBytes = groups.reduce((n, g) => n + g.reduce((b, f) => b + f.size, 0), 0);
      let done = 0;
      let bytes = 0;
      setSending({ done, total, bytes, totalBytes });
      const batchId = current.id;
      for (const group of groups) {
        await sendWithRetries(() =>
          api.send(batchId, group, (sent) =>
            setSending({ done, total, bytes: bytes + sent, totalBytes }),
          ),
        );
        for (const file of group) if (/\.zip$/i.test(file.name)) zipsSent.current.add(file);
        done += group.length;
        bytes += group.reduce((b, f) => b + f.size, 0);
        setSending({ done, total, bytes, totalBytes });
      }
      setReport(await api.report(batchId));
      setFiles([]);
    } catch (e) {
      if (e instanceof NetworkError) setLost(true);
      else fail(e);
      if (current) await api.report(current.id).then(setReport, () => undefined);
    } finally {
      setSending(null);
      setBusy(false);
    }
  };

  const commit = async () => {
    if (!report) return;
    setFailure(null);
    setBusy(true);
    try {
      setReport(await api.commit(report.batchId, choices));
      setChoices({});
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const refresh = () => {
    if (batch) api.report(batch.id).then(setReport, fail);
  };

  const discard = async () => {
    if (!batch || !window.confirm(t('bulkConfirmDiscard'))) return;
    setBusy(true);
    try {
      await api.discard(batch.id);
      setBatch(null);
      setReport(null);
      setChoices({});
      setLine(null);
      zipsSent.current.clear();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const counts = report?.counts;
  // What the commit adds, as far as the check knows; files it could not add before are tried again.
  const toAdd = (counts?.MATCHED ?? 0) + Object.keys(choices).length;
  const mayCommit = toAdd + (counts?.NOT_ADDED ?? 0) > 0;
  const mb = (files.reduce((n, f) => n + f.size, 0) / 1024 / 1024).toFixed(1);
  const rows = report
    ? [...report.files].sort((a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state))
    : [];

  return (
    <section aria-labelledby="bulk-title">
      <h1 id="bulk-title">{t('bulkPhotos')}</h1>
      {region ? (
        <Link href="/region" className="button quiet back">
          {t('back')}
        </Link>
      ) : (
        <EventNav eventId={eventId} />
      )}
      <div className="card section">
        <p>{t('bulkPhotosHelp')}</p>
        {region && <p className="note">{t('bulkPhotosRegionHelp')}</p>}
        {batch && (
          <p className="note" data-testid="bulk-continuing">
            {t('bulkContinuing', {
              at: formatTime(batch.createdAt),
              n: report?.files.length ?? batch.files,
            })}
          </p>
        )}
        <div className="actions">
          <label className="button">
            {t('bulkChooseFiles')}
            <input
              type="file"
              multiple
              accept="image/jpeg,image/png,image/webp,image/avif,.zip,application/zip"
              className="visually-hidden"
              data-testid="bulk-files"
              onChange={pick}
            />
          </label>
          <label className="button">
            {t('bulkChooseFolder')}
            <input
              type="file"
              multiple
              className="visually-hidden"
              data-testid="bulk-folder"
              onChange={pick}
              {...{ webkitdirectory: '' }}
            />
          </label>
        </div>
        {files.length > 0 && <p>{t('bulkChosen', { n: files.length, mb })}</p>}
        <div className="actions">
          <button
            type="button"
            className="button primary"
            disabled={busy || files.length === 0}
            onClick={() => void upload()}
          >
            {lost ? t('bulkResume') : t('bulkUpload')}
          </button>
          {batch && (
            <button
              type="button"
              className="button quiet"
              disabled={busy}
              onClick={() => void discard()}
            >
              {t('bulkStartOver')}
            </button>
          )}
        </div>
        {sending && (
          <>
            <p role="status">{t('bulkUploading', { done: sending.done, total: sending.total })}</p>
            <progress
              max={Math.max(1, sending.totalBytes)}
              value={sending.bytes}
              aria-label={t('bulkUpload')}
            />
          </>
        )}
        {lost && (
          <p className="error" role="alert">
            {t('bulkConnectionLost')}
          </p>
        )}
        <ErrorLine error={error} />
      </div>
      {!loaded && <Loading error={null} />}
      {report && (
        <div className="card section" data-testid="bulk-report">
          <h2>{t('bulkCheck')}</h2>
          {report.files.length === 0 ? (
            <p>{t('bulkNothingYet')}</p>
          ) : (
            <p role="status" data-testid="bulk-summary">
              {report.counts.ADDED + report.counts.NOT_ADDED > 0 && (
                <span className="bulk-added">
                  {t('bulkAddedSummary', {
                    added: report.counts.ADDED,
                    notAdded: report.counts.NOT_ADDED,
                  })}
                </span>
              )}{' '}
              {t('bulkSummary', {
                matched: report.counts.MATCHED,
                noRoom: report.counts.NO_ROOM,
                already: report.counts.ALREADY_THERE,
                ambiguous: report.counts.AMBIGUOUS,
                unmatched: report.counts.UNMATCHED,
                refused: report.counts.REFUSED,
              })}
            </p>
          )}
          {line && line.pending + line.processing > 0 && (
            <p className="note" data-testid="bulk-queue-line">
              {t('bulkQueueLine', {
                n: line.pending + line.processing,
                eta: t(...etaKey(line.etaSeconds)),
              })}
            </p>
          )}
          <div className="actions">
            <button
              type="button"
              className="button primary"
              disabled={busy || !mayCommit}
              onClick={() => void commit()}
            >
              {t('bulkCommit', { n: toAdd })}
            </button>
            <button type="button" className="button quiet" disabled={busy} onClick={refresh}>
              {t('bulkRefresh')}
            </button>
          </div>
          {rows.length > 0 && (
            <table className="table" data-testid="bulk-files-table">
              <thead>
                <tr>
                  <th scope="col">{t('bulkColFile')}</th>
                  <th scope="col">{t('bulkColState')}</th>
                  <th scope="col">{t('bulkColEntry')}</th>
                  <th scope="col">{t('bulkColNote')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((file) => (
                  <FileRow
                    key={file.id}
                    file={file}
                    chosen={choices[file.id] ?? ''}
                    onChoose={(entryId) =>
                      setChoices((now) => {
                        const next = { ...now };
                        if (entryId) next[file.id] = entryId;
                        else delete next[file.id];
                        return next;
                      })
                    }
                    note={note(file)}
                  />
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );

  /** What a row says beside its state: the reason in words, the place, the photo's processing. */
  function note(file: ReportFile): string {
    if (file.reason) {
      return describeRefusal(
        locale,
        {
          code: file.state === 'REFUSED' ? 'BAD_USER_INPUT' : 'CONFLICT',
          reason: file.reason,
          details: file.facts ?? {},
        },
        { UNPACKED_TOO_LARGE: 'bulkUnpackedTooLarge' },
      );
    }
    if (file.state === 'MATCHED' && file.position) {
      return `${t('bulkPosition', { n: file.position })} · ${t(`bulkMatchedBy_${file.matchedBy ?? 'CODE'}`)}`;
    }
    if (file.state === 'ADDED' && file.imageStatus) {
      return t(`imageStatus_${file.imageStatus as 'PENDING'}`);
    }
    return '';
  }
}

function FileRow({
  file,
  chosen,
  onChoose,
  note,
}: {
  file: ReportFile;
  chosen: string;
  onChoose: (entryId: string) => void;
  note: string;
}) {
  const { t } = useI18n();
  const named = (entry: { code: string | null; title: string }) =>
    entry.code ? `${entry.code} ${entry.title}` : entry.title;
  return (
    <tr data-state={file.state} data-testid="bulk-file">
      <th scope="row">{file.name}</th>
      <td>
        <span className={`badge bulk-${file.state}`}>{t(`bulkState_${file.state}`)}</span>
      </td>
      <td>
        {file.state === 'AMBIGUOUS' && file.candidates ? (
          <select
            aria-label={t('bulkChooseEntry')}
            value={chosen}
            onChange={(e) => onChoose(e.target.value)}
          >
            <option value="">{t('bulkChooseEntry')}</option>
            {file.candidates.map((entry) => (
              <option key={entry.id} value={entry.id}>
                {named(entry)}
              </option>
            ))}
          </select>
        ) : (
          file.entry && named(file.entry)
        )}
      </td>
      <td>{note}</td>
    </tr>
  );
}

/** A request tried again after a network failure (1, 2, 4 seconds); a refusal is not retried. */
async function sendWithRetries(send: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (e) {
      if (!(e instanceof NetworkError) || attempt >= RETRIES) throw e;
      await new Promise((resolve) => setTimeout(resolve, 1000 * 2 ** attempt));
    }
  }
}
