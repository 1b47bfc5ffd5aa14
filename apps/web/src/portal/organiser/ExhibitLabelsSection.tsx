import { useEffect, useRef, useState } from 'react';
import { NetworkError } from '../../api';
import { useI18n } from '../../i18n';
import { useServices } from '../../services';
import { flatten } from '../categories';
import { describeError } from '../describeError';
import { download, HttpRefusal } from '../files';
import type { EventInfo } from '../ops';
import { ErrorLine } from '../ui';

type Layout = '2x4' | '3x7';
const LAYOUTS: Layout[] = ['2x4', '3x7'];
/** How often the page asks how far the sheet has got. */
const POLL_MS = 700;

/** A sheet's status as the API answers it (docs/http.md, "Exhibit labels"). */
interface SheetStatus {
  sheetId: string;
  state: 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';
  done: number | null;
  total: number | null;
  file: string | null;
}

/**
 * 打印展签: the organiser picks a category (or the whole event) and a layout; the worker draws
 * the sheet while this shows its progress; the finished PDF downloads with the token (a plain
 * link would not carry it). The same choice again finds the sheet already made.
 */
export function ExhibitLabelsSection({ event }: { event: EventInfo }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useServices();
  const [categoryId, setCategoryId] = useState('');
  const [layout, setLayout] = useState<Layout>('2x4');
  const [status, setStatus] = useState<SheetStatus | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  const base = `/api/events/${encodeURIComponent(event.id)}/labels`;
  const call = async (url: string, method: 'GET' | 'POST'): Promise<SheetStatus> => {
    const token = session.token();
    const response = await fetch(url, {
      method,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }).catch((e: Error) => {
      throw new NetworkError(e.message);
    });
    const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
    if (!response.ok) throw new HttpRefusal(response.status, body);
    return body as unknown as SheetStatus;
  };

  /** Follows the sheet until it is done or failed, one request at a time. */
  const follow = (sheetId: string) => {
    timer.current = window.setTimeout(() => {
      call(`${base}/${sheetId}`, 'GET').then(
        (next) => {
          setStatus(next);
          if (next.state === 'QUEUED' || next.state === 'RUNNING') follow(sheetId);
          else setBusy(false);
        },
        (e: unknown) => {
          setError(describeError(i18n, e));
          setBusy(false);
        },
      );
    }, POLL_MS);
  };

  const start = async () => {
    window.clearTimeout(timer.current);
    setError(null);
    setStatus(null);
    setBusy(true);
    const query = new URLSearchParams({ layout });
    if (categoryId) query.set('categoryId', categoryId);
    try {
      const first = await call(`${base}?${query}`, 'POST');
      setStatus(first);
      if (first.state === 'QUEUED' || first.state === 'RUNNING') follow(first.sheetId);
      else setBusy(false);
    } catch (e) {
      setError(describeError(i18n, e));
      setBusy(false);
    }
  };

  const save = () => {
    if (!status?.file) return;
    download(status.file, session.token(), `labels-${layout}.pdf`).catch((e: unknown) =>
      setError(describeError(i18n, e)),
    );
  };

  const all = flatten(event.categories);
  return (
    <>
      <p>{t('exhibitLabelsHelp')}</p>
      <div className="form-grid">
        <label className="field">
          <span>{t('exhibitLabelsCategory')}</span>
          <select value={categoryId} onChange={(e) => setCategoryId(e.target.value)}>
            <option value="">{t('exhibitLabelsAllCategories')}</option>
            {all.map(({ category, depth }) => (
              <option key={category.id} value={category.id}>
                {'— '.repeat(depth)}
                {category.code} {category.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('exhibitLabelsLayout')}</span>
          <select value={layout} onChange={(e) => setLayout(e.target.value as Layout)}>
            {LAYOUTS.map((l) => (
              <option key={l} value={l}>
                {t(`exhibitLabelsLayout_${l}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="actions">
        <button
          type="button"
          className="button primary"
          disabled={busy}
          onClick={() => void start()}
        >
          {t('printExhibitLabels')}
        </button>
        {status?.state === 'DONE' && status.file && (
          <button type="button" className="button" onClick={save}>
            {t('downloadExhibitLabels')}
          </button>
        )}
      </div>
      {status && <SheetProgress status={status} />}
      <ErrorLine error={error} />
    </>
  );
}

function SheetProgress({ status }: { status: SheetStatus }) {
  const { t } = useI18n();
  const total = status.total ?? 0;
  const done = status.state === 'DONE' ? total : (status.done ?? 0);
  const words =
    status.state === 'DONE'
      ? t('exhibitLabelsReady', { total })
      : status.state === 'FAILED'
        ? t('exhibitLabelsFailed')
        : status.state === 'RUNNING' && status.total !== null
          ? t('exhibitLabelsRunning', { done, total })
          : t('exhibitLabelsQueued');
  return (
    <div className="labels-progress">
      {status.state !== 'FAILED' && (
        <progress
          aria-label={t('exhibitLabelsProgress')}
          max={Math.max(total, 1)}
          value={status.state === 'QUEUED' ? undefined : done}
        />
      )}
      <p role="status" className={status.state === 'FAILED' ? 'error' : 'ok'}>
        {words}
      </p>
    </div>
  );
}
