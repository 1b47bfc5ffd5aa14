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

/** What a certificate's code proves now: its award stands, or was revoked after publication. */
export enum CertificateStatus {
  VALID = 'VALID',
  REVOKED = 'REVOKED',
}

/** Why an award was revoked: the entry was disqualified, or the organisers decided so. */
export enum RevocationCause {
  DISQUALIFIED = 'DISQUALIFIED',
  DECISION = 'DECISION',
}

/** How far the worker has got with a FINAL publication's certificates and list (issue 22). */
export enum PublicationDocumentsStatus {
  QUEUED = 'QUEUED',
  RENDERING = 'RENDERING',
  READY = 'READY',
  FAILED = 'FAILED',
}

registerEnumType(PublicationStatus, { name: 'PublicationStatus' });
registerEnumType(ObjectionStatus, { name: 'ObjectionStatus' });
registerEnumType(CertificateStatus, {
  name: 'CertificateStatus',
  description:
    "VALID, or REVOKED: the award was revoked after publication (see the certificate's revocation)",
});
registerEnumType(RevocationCause, {
  name: 'RevocationCause',
  description:
    'DISQUALIFIED: the entry was disqualified; DECISION: an organiser revoked the award, with a reason',
});
registerEnumType(PublicationDocumentsStatus, {
  name: 'PublicationDocumentsStatus',
  description:
    'QUEUED: waiting for the worker; RENDERING: being drawn; READY: every certificate and the list are stored, as the publication is now; FAILED: the last attempt failed (tried again within the hour; each document is still drawn on request)',
});
