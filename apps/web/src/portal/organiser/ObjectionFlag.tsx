import { useI18n } from '../../i18n';
import { Link } from '../../router';
import { EVENT_ROUNDS } from '../ops';
import { useQuery } from '../useGql';
import { openCount, OpenObjectionCount, useOpenObjectionCounts } from './objectionWatch';
import './publication.css';

/** Where the organiser answers these objections: the round's publication stage. */
export const answerHref = (roundId: string) => `/org/round/${roundId}?stage=publication`;

/** A count in a red pill, read out with what it counts. */
export function CountBadge({ n, label }: { n: number; label: string }) {
  return (
    <span className="count-badge" aria-label={label} title={label} data-testid="objection-badge">
      {n}
    </span>
  );
}

/**
 * In the area nav, only while objections wait: how many, and a link to them (the round when
 * they are all about one, else the events, which show theirs).
 */
export function AreaObjectionFlag() {
  const { t } = useI18n();
  const counts = useOpenObjectionCounts();
  const n = openCount(counts);
  if (!counts || n === 0) return null;
  const href = counts.length === 1 ? answerHref(counts[0].roundId) : '/org';
  return (
    <Link
      href={href}
      className="objection-flag"
      data-testid="area-objection-flag"
      aria-label={t('objectionsWaitingAria', { n })}
    >
      {t('objections')} <CountBadge n={n} label={t('objectionsWaiting', { n })} />
    </Link>
  );
}

/** Beside an event on the home screen: its objections waiting, if any. */
export function EventObjectionBadge({ eventId }: { eventId: string }) {
  const { t } = useI18n();
  const n = openCount(useOpenObjectionCounts(), { eventId });
  if (n === 0) return null;
  return <span className="badge objection-waiting">{t('objectionsWaiting', { n })}</span>;
}

/**
 * On the event's screen: each round with objections waiting, linked to where they are answered,
 * with the time the oldest was filed.
 */
export function EventObjections({ eventId }: { eventId: string }) {
  const { t, formatTime } = useI18n();
  const waiting = (useOpenObjectionCounts() ?? []).filter((c) => c.eventId === eventId);
  const rounds = useQuery(EVENT_ROUNDS, { id: eventId }, { skip: waiting.length === 0 });
  if (waiting.length === 0) return null;
  const nameOf = (c: OpenObjectionCount) =>
    rounds.data?.event?.rounds.find((r) => r.id === c.roundId)?.name ?? '…';
  return (
    <div className="objection-notice" role="status" data-testid="event-objections">
      <strong>{t('objectionsWaiting', { n: openCount(waiting) })}</strong>
      <ul>
        {waiting.map((c) => (
          <li key={c.roundId}>
            <Link href={answerHref(c.roundId)} className="text-link">
              {t('eventObjectionsRound', { round: nameOf(c), n: c.open })}
            </Link>{' '}
            <small>{t('objectionsWaitingSince', { at: formatTime(c.oldestFiledAt) })}</small>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Beside the round's name: its objections waiting, a link to its publication stage. */
export function RoundObjectionFlag({ roundId }: { roundId: string }) {
  const { t } = useI18n();
  const n = openCount(useOpenObjectionCounts(), { roundId });
  if (n === 0) return null;
  return (
    <Link
      href={answerHref(roundId)}
      className="objection-flag"
      data-testid="round-objection-flag"
      data-count={n}
    >
      {t('objectionsWaiting', { n })}
    </Link>
  );
}
