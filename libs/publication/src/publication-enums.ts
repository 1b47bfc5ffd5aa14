import { registerEnumType } from '@nestjs/graphql';

export enum PublicationStatus {
  NOTICE = 'NOTICE',
  FINAL = 'FINAL',
  SUPERSEDED = 'SUPERSEDED',
}

export enum ObjectionStatus {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  DISMISSED = 'DISMISSED',
}

registerEnumType(PublicationStatus, { name: 'PublicationStatus' });
registerEnumType(ObjectionStatus, { name: 'ObjectionStatus' });
