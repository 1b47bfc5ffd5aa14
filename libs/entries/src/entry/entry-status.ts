import { registerEnumType } from '@nestjs/graphql';

export enum EntryStatus {
  DRAFT = 'DRAFT',
  SUBMITTED = 'SUBMITTED',
  ACCEPTED = 'ACCEPTED',
  REJECTED = 'REJECTED',
  WITHDRAWN = 'WITHDRAWN',
  DISQUALIFIED = 'DISQUALIFIED',
}

export enum ScreeningDecision {
  ACCEPT = 'ACCEPT',
  REJECT = 'REJECT',
}

registerEnumType(EntryStatus, { name: 'EntryStatus' });
registerEnumType(ScreeningDecision, { name: 'ScreeningDecision' });

/** An entrant changes, submits and withdraws its entry only in these states. */
export const ENTRANT_EDITABLE: readonly EntryStatus[] = [EntryStatus.DRAFT, EntryStatus.SUBMITTED];

/** An organiser acting for an entrant may also change an accepted entry, until judging starts. */
export const ORGANISER_EDITABLE: readonly EntryStatus[] = [
  EntryStatus.DRAFT,
  EntryStatus.SUBMITTED,
  EntryStatus.ACCEPTED,
];

/** Entries that count against maxEntriesPerEntrant: every one still in the running. */
export const COUNTED_STATUSES: readonly EntryStatus[] = [
  EntryStatus.DRAFT,
  EntryStatus.SUBMITTED,
  EntryStatus.ACCEPTED,
];
