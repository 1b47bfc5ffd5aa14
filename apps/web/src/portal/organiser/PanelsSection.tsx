import { FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';
import { flatten } from '../categories';
import {
  CREATE_PANEL,
  DECLARE_CONFLICT,
  ENTRIES,
  EVENT_BY_ID,
  PortalRound,
  PortalUser,
  USERS,
} from '../ops';
import { ErrorLine, Section } from '../ui';
import { useMutation, useQuery } from '../useGql';

/** The round's panels (judges and the categories they judge) and a new one. */
export function PanelsSection({ round, onChanged }: { round: PortalRound; onChanged: () => void }) {
  const { t } = useI18n();
  const event = useQuery(EVENT_BY_ID, { id: round.eventId });
  const judges = useQuery(USERS, { role: 'JUDGE' });
  const create = useMutation();
  const [name, setName] = useState('');
  const [categoryIds, setCategoryIds] = useState<string[]>([]);
  const [judgeIds, setJudgeIds] = useState<string[]>([]);
  const toggle = (list: string[], set: (l: string[]) => void, id: string) =>
    set(list.includes(id) ? list.filter((x) => x !== id) : [...list, id]);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const done = await create.run(CREATE_PANEL, {
      input: { roundId: round.id, name: name.trim(), categoryIds, judgeIds },
    });
    if (done) {
      setName('');
      setCategoryIds([]);
      setJudgeIds([]);
      onChanged();
    }
  };
  return (
    <Section title={t('panels')} id="panels">
      <ul className="rows">
        {round.panels.map((panel) => (
          <li key={panel.id} className="row">
            <strong>{panel.name}</strong>
            <span>{panel.categories.map((c) => `${c.code} ${c.name}`).join('、')}</span>
            <span>{panel.judges.map((j) => j.name).join('、')}</span>
          </li>
        ))}
      </ul>
      {round.status === 'DRAFT' && (
        <form onSubmit={(e) => void submit(e)} aria-label={t('newPanel')}>
          <label className="field">
            <span>{t('panelName')}</span>
            <input required value={name} onChange={(e) => setName(e.target.value)} />
          </label>
          <fieldset className="choices">
            <legend>{t('panelCategories')}</legend>
            {flatten(event.data?.event?.categories ?? []).map(({ category, depth }) => (
              <label
                key={category.id}
                className="choice"
                style={{ marginInlineStart: `${depth}rem` }}
              >
                <input
                  type="checkbox"
                  checked={categoryIds.includes(category.id)}
                  onChange={() => toggle(categoryIds, setCategoryIds, category.id)}
                />
                {category.code} {category.name}
              </label>
            ))}
          </fieldset>
          <fieldset className="choices">
            <legend>{t('panelJudges')}</legend>
            {judges.data?.users.map((judge) => (
              <label key={judge.id} className="choice">
                <input
                  type="checkbox"
                  checked={judgeIds.includes(judge.id)}
                  onChange={() => toggle(judgeIds, setJudgeIds, judge.id)}
                />
                {judge.name} <small>{judge.email}</small>
              </label>
            ))}
          </fieldset>
          <ErrorLine error={create.error ?? judges.error} />
          <button type="submit" className="button primary" disabled={create.busy}>
            {t('createPanel')}
          </button>
        </form>
      )}
      <ConflictForm round={round} judges={judges.data?.users ?? []} />
    </Section>
  );
}

/** A judge's conflict of interest with an entrant, found by searching the event's entries. */
function ConflictForm({ round, judges }: { round: PortalRound; judges: PortalUser[] }) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [entrantId, setEntrantId] = useState('');
  const [judgeId, setJudgeId] = useState('');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState(false);
  const found = useQuery(
    ENTRIES,
    { eventId: round.eventId, filter: { search: search.trim() }, first: 20 },
    { skip: search.trim().length < 1 },
  );
  const entrants = new Map<string, string>();
  for (const { node } of found.data?.entries.edges ?? [])
    if (node.entrant) entrants.set(node.entrant.id, node.entrant.name);
  const declare = useMutation();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    const done = await declare.run(DECLARE_CONFLICT, {
      e: entrantId,
      j: judgeId,
      r: reason.trim() || null,
    });
    if (done) setSaved(true);
  };
  return (
    <form className="form-grid" onSubmit={(e) => void submit(e)} aria-labelledby="conflict-title">
      <h3 id="conflict-title">{t('declareConflict')}</h3>
      <label className="field">
        <span>{t('findEntrant')}</span>
        <input type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('entrant')}</span>
        <select required value={entrantId} onChange={(e) => setEntrantId(e.target.value)}>
          <option value="">{t('choose')}</option>
          {[...entrants].map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('judge')}</span>
        <select required value={judgeId} onChange={(e) => setJudgeId(e.target.value)}>
          <option value="">{t('choose')}</option>
          {judges.map((j) => (
            <option key={j.id} value={j.id}>
              {j.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('conflictReason')}</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      <ErrorLine error={declare.error} />
      {saved && (
        <p className="ok" role="status">
          {t('conflictSaved')}
        </p>
      )}
      <button type="submit" className="button" disabled={declare.busy}>
        {t('declareConflict')}
      </button>
    </form>
  );
}
