import { registerEnumType } from '@nestjs/graphql';

export enum EventKind {
  INVENTION_FAIR = 'INVENTION_FAIR',
  CRAFTS_EXHIBITION = 'CRAFTS_EXHIBITION',
  OTHER = 'OTHER',
}

export enum EventStatus {
  DRAFT = 'DRAFT',
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  ARCHIVED = 'ARCHIVED',
}

registerEnumType(EventKind, { name: 'EventKind' });
registerEnumType(EventStatus, { name: 'EventStatus' });

/** What the public sees: every event but drafts. */
export const PUBLIC_EVENT_STATUSES: readonly EventStatus[] = [
  EventStatus.OPEN,
  EventStatus.CLOSED,
  EventStatus.ARCHIVED,
];
