import { Role, Viewer } from '@app/core';
import { isOrganiser } from '@app/identity';

/** Who may see an entry at all (before results are published). Judges: a later port. */
export function mayViewEntry(
  viewer: Viewer | null,
  entry: { entrantId: string; regionCode: string },
): boolean {
  if (!viewer) return false;
  if (isOrganiser(viewer)) return true;
  if (viewer.role === Role.ENTRANT) return viewer.entrantId === entry.entrantId;
  if (viewer.role === Role.COORDINATOR) return viewer.regionCode === entry.regionCode;
  return false;
}

/** How a viewer changes an entry: as its entrant (inside the window), or as an organiser. */
export type EntryActor = 'ENTRANT' | 'ORGANISER';

export function actorFor(viewer: Viewer | null, entrantId: string): EntryActor | null {
  if (!viewer) return null;
  if (isOrganiser(viewer)) return 'ORGANISER';
  if (viewer.role === Role.ENTRANT && viewer.entrantId === entrantId) return 'ENTRANT';
  return null;
}
