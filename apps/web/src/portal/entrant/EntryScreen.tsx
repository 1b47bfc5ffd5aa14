import { useEffect } from 'react';
import { DeleteEntryDocument } from '../../gql/app';
import { useI18n } from '../../i18n';
import { Link, navigate } from '../../router';
import {
  CREATE_ENTRY,
  ENTRY,
  EVENT_BY_ID,
  SUBMIT_ENTRY,
  UPDATE_ENTRY,
  WITHDRAW_ENTRY,
} from '../ops';
import { EntryStatusBadge, ErrorLine, Loading } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { draftOf, EntryForm, inputOf } from './EntryForm';
import { PhotoUploader } from './PhotoUploader';
import { usePageTitle } from '../usePageTitle';
import './entrant.css';

const EDITABLE = ['DRAFT', 'SUBMITTED'];

/** A new entry of an event: the form only; photos come once it exists. */
export function NewEntryScreen({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const event = useQuery(EVENT_BY_ID, { id: eventId });
  const save = useMutation();
  usePageTitle(t('newEntry'), event.data?.event?.name);
  if (!event.data?.event) return <Loading error={event.error} />;
  return (
    <section aria-labelledby="new-entry-title">
      <Link href="/entrant" className="button quiet back">
        {t('back')}
      </Link>
      <h1 id="new-entry-title">
        {t('newEntry')} · {event.data.event.name}
      </h1>
      <EntryForm
        categories={event.data.event.categories}
        initial={draftOf(null)}
        readOnly={false}
        busy={save.busy}
        error={save.error}
        submitLabel={t('saveDraft')}
        onSave={(draft) =>
          void save
            .run(CREATE_ENTRY, {
              input: { eventId, entry: inputOf(draft) },
            })
            .then((done) => {
              if (done) navigate(`/entrant/entry/${done.createEntry.id}`, { replace: true });
            })
        }
      />
    </section>
  );
}

/** One entry: its fields, its photos and their processing, submitting and withdrawing. */
export function EntryScreen({ entryId }: { entryId: string }) {
  const { t, formatTime } = useI18n();
  const entry = useQuery(ENTRY, { id: entryId });
  const shown = entry.data?.entry ?? null;
  const processing = Boolean(
    shown?.images.some((i) => i.status === 'PENDING' || i.status === 'PROCESSING'),
  );
  useWhileProcessing(processing, entry.reload);
  const event = useQuery(EVENT_BY_ID, { id: shown?.eventId ?? '' }, { skip: !shown });
  const save = useMutation();
  const act = useMutation();
  usePageTitle(shown?.title, t('myEntries'));

  if (!shown) return <Loading error={entry.error} />;
  const editable = EDITABLE.includes(shown.status);
  const usable = shown.images.filter((i) => i.status !== 'FAILED').length;
  const after = (done: unknown) => {
    if (done) void entry.reload();
  };
  return (
    <section aria-labelledby="entry-title">
      <Link href="/entrant" className="button quiet back">
        {t('back')}
      </Link>
      <h1 id="entry-title">
        {shown.code && <span className="code">{shown.code} </span>}
        {shown.title}
      </h1>
      <p className="status-line">
        <EntryStatusBadge status={shown.status} />
        {shown.submittedAt && (
          <span>{t('submittedAt', { at: formatTime(shown.submittedAt) })}</span>
        )}
      </p>
      {shown.screeningReason && (
        <p className="reason" role="status">
          {t('screeningReason', { reason: shown.screeningReason })}
        </p>
      )}
      <div className="actions">
        {shown.status === 'DRAFT' && (
          <button
            type="button"
            className="button primary"
            disabled={act.busy || usable === 0}
            onClick={() => void act.run(SUBMIT_ENTRY, { id: shown.id }).then(after)}
          >
            {t('submitEntry')}
          </button>
        )}
        {shown.status === 'DRAFT' && usable === 0 && <span className="note">{t('needPhoto')}</span>}
        {/* A draft is deleted, not withdrawn (the API would withdraw it, but a withdrawn draft
            only lingers in the list and counts for nothing): only a submitted entry is. */}
        {shown.status === 'SUBMITTED' && (
          <button
            type="button"
            className="button"
            disabled={act.busy}
            onClick={() => {
              if (window.confirm(t('confirmWithdraw')))
                void act.run(WITHDRAW_ENTRY, { id: shown.id }).then(after);
            }}
          >
            {t('withdrawEntry')}
          </button>
        )}
      </div>
      <ErrorLine error={act.error} />
      <PhotoUploader
        entryId={shown.id}
        images={shown.images}
        editable={editable}
        onChanged={() => void entry.reload()}
      />
      {event.data?.event && (
        <EntryForm
          key={shown.id + shown.status}
          categories={event.data.event.categories}
          initial={draftOf(shown)}
          readOnly={!editable}
          busy={save.busy}
          error={save.error}
          submitLabel={t('saveChanges')}
          onSave={(draft) =>
            void save.run(UPDATE_ENTRY, { id: shown.id, entry: inputOf(draft) }).then(after)
          }
        />
      )}
      {shown.status === 'DRAFT' && (
        <DeleteDraft entryId={shown.id} title={shown.title} photos={shown.images.length} />
      )}
    </section>
  );
}

/**
 * Deleting a draft, after the entrant confirms with the entry's title and its photo count in
 * the question: nothing of it can be recovered. A refusal (submitted meanwhile on another
 * device, the window closed) is said in words; done, the entrant is back at its list.
 */
function DeleteDraft({
  entryId,
  title,
  photos,
}: {
  entryId: string;
  title: string;
  photos: number;
}) {
  const { t } = useI18n();
  const remove = useMutation();
  return (
    <section className="delete-draft" aria-label={t('deleteDraft')}>
      <p className="note">{t('deleteDraftHint')}</p>
      <button
        type="button"
        className="button danger"
        disabled={remove.busy}
        onClick={() => {
          if (!window.confirm(t('confirmDeleteDraft', { title, n: photos }))) return;
          void remove.run(DeleteEntryDocument, { id: entryId }).then((done) => {
            if (done) navigate('/entrant', { replace: true });
          });
        }}
      >
        {t('deleteDraft')}
      </button>
      <ErrorLine error={remove.error} />
    </section>
  );
}

/** The first look again after a photo was added, and the longest wait between two. */
const FIRST_POLL_MS = 1500;
const MAX_POLL_MS = 30_000;

/**
 * Reloads the entry while the worker still has a photo of it to process, each wait twice the
 * last, up to 30 s: a photo of a single upload is ready within seconds, while one behind a bulk
 * upload of thousands may wait an hour, and thousands of entry screens asking every second
 * would be a storm (docs/decisions.md, "Bulk photos and the photo queue").
 */
function useWhileProcessing(processing: boolean, reload: () => Promise<unknown>): void {
  useEffect(() => {
    if (!processing) return;
    let delay = FIRST_POLL_MS;
    let timer: number | undefined;
    const next = () => {
      timer = window.setTimeout(() => {
        void reload();
        delay = Math.min(MAX_POLL_MS, delay * 2);
        next();
      }, delay);
    };
    next();
    return () => window.clearTimeout(timer);
  }, [processing, reload]);
}
