import { EVENT_BY_ID, PortalRound, Publication, PUBLISHED } from '../ops';
import { useQuery } from '../useGql';

export interface RoundPublications {
  /** the round's NOTICE and FINAL versions, or null until they are known */
  list: Publication[] | null;
  /** the event's address on the public results page, once known */
  slug: string | null;
  error: string | null;
  reload: () => void;
}

/**
 * The round's published lists (the event's, read by its slug, filtered to the round): the
 * round's page reads them to know its next step, the publication stage to show them.
 */
export function useRoundPublications(
  round: Pick<PortalRound, 'id' | 'eventId'>,
): RoundPublications {
  // the round page calls this before the round is read: no event to ask for yet
  const event = useQuery(EVENT_BY_ID, { id: round.eventId }, { skip: !round.eventId });
  const slug = event.data?.event?.slug ?? '';
  const published = useQuery(PUBLISHED, { slug }, { skip: !slug });
  const all = published.data?.publishedResults;
  return {
    list: all ? all.filter((p) => p.roundId === round.id) : null,
    slug: slug || null,
    error: published.error ?? event.error,
    reload: () => void published.reload(),
  };
}
