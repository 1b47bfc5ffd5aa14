import { FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { flatten } from '../categories';
import {
  CREATE_CATEGORY,
  ENTRY_SUMMARY,
  EVENT_BY_ID,
  EventInfo,
  EventStatus,
  SET_EVENT_STATUS,
  UPDATE_EVENT,
} from '../ops';
import { EventNav } from '../EventNav';
import { ErrorLine, Loading, Section } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { EventForm } from './EventForm';
import { ExhibitLabelsSection } from './ExhibitLabelsSection';
import { EventObjections } from './ObjectionFlag';
import { PublicResultsLink } from './PublicResultsLink';
import { SummaryTable } from '../coordinator/SummaryTable';
import { usePageTitle } from '../usePageTitle';

const STATUSES: EventStatus[] = ['DRAFT', 'OPEN', 'CLOSED', 'ARCHIVED'];

/** An event's set-up: its settings and window, its status, its category tree, its counts. */
export function EventScreen({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const event = useQuery(EVENT_BY_ID, { id: eventId });
  const summary = useQuery(ENTRY_SUMMARY, { eventId });
  const save = useMutation();
  const status = useMutation();
  const current = event.data?.event;
  usePageTitle(t('eventSetup'), current?.name);
  if (!current) return <Loading error={event.error} />;
  const reload = (done: unknown) => {
    if (done) void event.reload();
  };
  return (
    <section aria-labelledby="event-title">
      <h1 id="event-title">{current.name}</h1>
      <EventNav eventId={eventId} />
      <div className="actions">
        <PublicResultsLink slug={current.slug} />
      </div>
      <EventObjections eventId={eventId} />
      <Section title={t('eventStatus')} id="event-status">
        <div className="actions" role="group" aria-label={t('eventStatus')}>
          {STATUSES.map((s) => (
            <button
              key={s}
              type="button"
              className={`button ${current.status === s ? 'primary' : ''}`}
              aria-pressed={current.status === s}
              disabled={status.busy || current.status === s}
              onClick={() => void status.run(SET_EVENT_STATUS, { id: eventId, s }).then(reload)}
            >
              {t(`eventStatus_${s}`)}
            </button>
          ))}
        </div>
        <ErrorLine error={status.error} />
      </Section>
      <Section title={t('eventSettings')} id="event-settings">
        <EventForm
          key={current.id}
          initial={current}
          busy={save.busy}
          error={save.error}
          submitLabel={t('saveChanges')}
          onSave={(input) => void save.run(UPDATE_EVENT, { id: eventId, input }).then(reload)}
        />
      </Section>
      <Section title={t('categories')} id="event-categories">
        <CategoryTree event={current} onChanged={() => void event.reload()} />
      </Section>
      <Section title={t('exhibitLabels')} id="event-labels">
        <ExhibitLabelsSection event={current} />
      </Section>
      <Section title={t('entryCounts')} id="event-counts">
        {summary.data ? (
          <SummaryTable summary={summary.data.entrySummary} />
        ) : (
          <Loading error={summary.error} />
        )}
      </Section>
    </section>
  );
}

function CategoryTree({ event, onChanged }: { event: EventInfo; onChanged: () => void }) {
  const { t } = useI18n();
  const add = useMutation();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState('');
  const all = flatten(event.categories);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await add.run(CREATE_CATEGORY, {
      input: {
        eventId: event.id,
        code: code.trim(),
        name: name.trim(),
        parentId: parentId || null,
      },
    });
    if (done) {
      setCode('');
      setName('');
      onChanged();
    }
  };
  return (
    <>
      {all.length === 0 && <p>{t('noCategories')}</p>}
      <ul className="tree">
        {all.map(({ category, depth }) => (
          <li key={category.id} style={{ paddingInlineStart: `${depth * 1.5}rem` }}>
            <span className="code">{category.code}</span> {category.name}
          </li>
        ))}
      </ul>
      <form className="form-grid" onSubmit={(e) => void submit(e)} aria-label={t('addCategory')}>
        <label className="field">
          <span>{t('parentCategory')}</span>
          <select value={parentId} onChange={(e) => setParentId(e.target.value)}>
            <option value="">{t('topLevel')}</option>
            {all.map(({ category, depth }) => (
              <option key={category.id} value={category.id}>
                {'— '.repeat(depth)}
                {category.code} {category.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('categoryCode')}</span>
          <input required value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('categoryName')}</span>
          <input required value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <ErrorLine error={add.error} />
        <button type="submit" className="button primary" disabled={add.busy}>
          {t('addCategory')}
        </button>
      </form>
    </>
  );
}
