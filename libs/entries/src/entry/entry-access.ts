import { Role, Viewer } from '@app/core';
import { isOrganiser } from '@app/identity';

/**
 * Which of an event's entries a viewer may see at all (before results are published): every
 * entry (organisers), its own (an entrant), its region's (a coordinator), or none (`null`:
 * the public; judges see entries through their assignments, EntryVisibilityService). The one
 * definition behind `mayViewEntry` and the listing's WHERE clause (EntryQueryService).
 */
export type EntryScope = { all: true } | { entrantId: string } | { regionCode: string };

export function entryScopeOf(viewer: Viewer | null): EntryScope | null {
  if (!viewer) return null;
  if (isOrganiser(viewer)) return { all: true };
  if (viewer.role === Role.ENTRANT && viewer.entrantId) return { entrantId: viewer.entrantId };
  if (viewer.role === Role.COORDINATOR && viewer.regionCode) {
    return { regionCode: viewer.regionCode };
  }
  return null;
}

export function mayViewEntry(
  viewer: Viewer | null,
  entry: { entrantId: string; regionCode: string },
): boolean {
  const scope = entryScopeOf(viewer);
  if (!scope) return false;
  if ('all' in scope) return true;
  if ('entrantId' in scope) return entry.entrantId === scope.entrantId;
  return entry.regionCode === scope.regionCode;
}

/** How a viewer changes an entry: as its entrant (inside the window), or as an organiser. */
export type EntryActor = 'ENTRANT' | 'ORGANISER';

export function actorFor(viewer: Viewer | null, entrantId: string): EntryActor | null {
  if (!viewer) return null;
  if (isOrganiser(viewer)) return 'ORGANISER';
  if (viewer.role === Role.ENTRANT && viewer.entrantId === entrantId) return 'ENTRANT';
  return null;
}

/**
 * How a viewer adds photos to an entry through the bulk upload: as `actorFor` says, and a
 * coordinator to the entries of its own region, by the entrant's rules (the event open, inside
 * its window, the entry a draft or submitted). A coordinator gathers its region's photos from
 * memory cards while entries are filed; it changes nothing else (docs/roles-and-rules.md).
 */
export function bulkPhotoActorFor(
  viewer: Viewer | null,
  entry: { entrantId: string; regionCode: string },
): EntryActor | null {
  const actor = actorFor(viewer, entry.entrantId);
  if (actor) return actor;
  if (viewer?.role === Role.COORDINATOR && viewer.regionCode === entry.regionCode) {
    return 'ENTRANT';
  }
  return null;
}
