import { FormEvent, useState } from 'react';
import {
  PanelJudgesDocument as PANEL_JUDGES,
  UpdatePanelDocument as UPDATE_PANEL,
} from '../../gql/app';
import { useI18n } from '../../i18n';
import { CREATE_PANEL, DECLARE_CONFLICT, ENTRIES, EVENT_BY_ID, Panel, PortalRound } from '../ops';
import { ErrorLine, Section } from '../ui';
import { useMutation, useQuery } from '../useGql';
import { JudgeChoice, PanelForm, PanelValues } from './PanelForm';

/**
 * The round's panels (judges and the categories they judge), each editable in place while the
 * round is DRAFT or OPEN (the server says what an OPEN round keeps), and a new one in a draft.
 * Judges are picked among active accounts only.
 */
export function PanelsSection({ round, onChanged }: { round: PortalRound; onChanged: () => void }) {
  const { t } = useI18n();
  const event = useQuery(EVENT_BY_ID, { id: round.eventId });
  const judges = useQuery(PANEL_JUDGES);
  const create = useMutation();
  const update = useMutation();
  const [editing, setEditing] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const categories = event.data?.event?.categories ?? [];
  const choices = judges.data?.users ?? [];
  const inactive = new Set(choices.filter((j) => !j.active).map((j) => j.id));
  const editable = round.status === 'DRAFT' || round.status === 'OPEN';
  const note = round.status === 'OPEN' ? t('panelEditOpenNote') : t('panelEditDraftNote');
  const createPanel = async (values: PanelValues) => {
    const done = await create.run(CREATE_PANEL, { input: { roundId: round.id, ...values } });
    if (done) onChanged();
    return !!done;
  };
  const save = (panel: Panel) => async (values: PanelValues) => {
    const done = await update.run(UPDATE_PANEL, { id: panel.id, input: values });
    if (done) {
      setEditing(null);
      setSaved(panel.id);
      onChanged();
    }
    return !!done;
  };
  return (
    <Section title={t('panels')} id="panels">
      <ul className="rows panel-rows">
        {round.panels.map((panel) => (
          <li key={panel.id} className="row panel-row" data-testid="panel-row">
            {editing === panel.id ? (
              <PanelForm
                label={t('editPanelNamed', { name: panel.name })}
                initial={{
                  name: panel.name,
                  categoryIds: panel.categories.map((c) => c.id),
                  judgeIds: panel.judges.map((j) => j.id),
                }}
                categories={categories}
                judges={choices}
                submitLabel={t('savePanel')}
                busy={update.busy}
                error={update.error}
                note={note}
                onSubmit={save(panel)}
                onCancel={() => {
                  update.setError(null);
                  setEditing(null);
                }}
              />
            ) : (
              <>
                <strong>{panel.name}</strong>
                <span>{panel.categories.map((c) => `${c.code} ${c.name}`).join('、')}</span>
                <span>
                  {panel.judges.map((j, i) => (
                    <span key={j.id}>
                      {i > 0 && '、'}
                      {j.name}
                      {inactive.has(j.id) && (
                        <span className="badge inactive">{t('judgeInactive')}</span>
                      )}
                    </span>
                  ))}
                </span>
                {saved === panel.id && (
                  <span className="ok" role="status">
                    {t('panelSaved')}
                  </span>
                )}
                {editable && (
                  <button
                    type="button"
                    className="button quiet"
                    aria-label={t('editPanelNamed', { name: panel.name })}
                    onClick={() => {
                      setSaved(null);
                      setEditing(panel.id);
                    }}
                  >
                    {t('editPanel')}
                  </button>
                )}
              </>
            )}
          </li>
        ))}
      </ul>
      <ErrorLine error={judges.error} />
      {round.status === 'DRAFT' && (
        <PanelForm
          label={t('newPanel')}
          initial={{ name: '', categoryIds: [], judgeIds: [] }}
          categories={categories}
          judges={choices}
          submitLabel={t('createPanel')}
          busy={create.busy}
          error={create.error}
          onSubmit={createPanel}
        />
      )}
      <ConflictForm round={round} judges={choices.filter((j) => j.active)} />
    </Section>
  );
}

/** A judge's conflict of interest with an entrant, found by searching the event's entries. */
function ConflictForm({ round, judges }: { round: PortalRound; judges: JudgeChoice[] }) {
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
