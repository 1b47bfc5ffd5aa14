import { canonicalJson, sha256Hex } from '@app/core';
import {
  CERTIFICATE_VERSION,
  CertificateData,
  RESULT_LIST_VERSION,
  ResultListData,
} from '@app/documents';
import type { PublicationEntity, PublishedItemEntity } from '../publication.entity';
import type { AwardRevocationEntity } from '../revocation/award-revocation.entity';
import { PublicationDocumentKind } from './publication-document.entity';

/** The time zone documents print dates in (the exhibitions this serves are in China). */
export const DOCUMENT_TIME_ZONE = 'Asia/Shanghai';

/** What a document is drawn from, its hash, and where its file is kept. */
export interface DocumentContent<D> {
  kind: PublicationDocumentKind;
  /** the certificate's entry code; '' for the list */
  entryCode: string;
  data: D;
  /** sha256 of everything the drawing depends on (template version, URL, zone, data) */
  hash: string;
  storageKey: string;
}

/**
 * A certificate as it is now: the item's frozen names, the date the list became FINAL, and the
 * award's revocation if there is one (a revoked award is drawn marked REVOKED: another hash, so
 * the valid certificate stored before is never served for it again).
 */
export function certificateContent(
  publication: PublicationEntity,
  eventName: string,
  item: PublishedItemEntity,
  revocation: AwardRevocationEntity | null | undefined,
  publicUrl: string,
): DocumentContent<CertificateData> {
  const data: CertificateData = {
    entrantName: item.entrantName,
    title: item.title,
    entryCode: item.entryCode,
    awardName: item.awardName ?? item.awardKey ?? '',
    eventName,
    date: publication.finalisedAt ?? publication.publishedAt,
    verificationCode: item.certificateCode!,
    revocation: revocation ? { revokedAt: revocation.revokedAt, reason: revocation.reason } : null,
  };
  const hash = sha256Hex(
    canonicalJson([
      'certificate',
      CERTIFICATE_VERSION,
      publicUrl,
      DOCUMENT_TIME_ZONE,
      data.entrantName,
      data.title,
      data.entryCode,
      data.awardName,
      data.eventName,
      data.date.toISOString(),
      data.verificationCode,
      data.revocation ? [data.revocation.revokedAt.toISOString(), data.revocation.reason] : null,
    ]),
  );
  return {
    kind: PublicationDocumentKind.CERTIFICATE,
    entryCode: item.entryCode,
    data,
    hash,
    storageKey: `publications/${publication.id}/certificates/${hash}.pdf`,
  };
}

/** The published list as PDF, as it is now (its status is printed on it). */
export function listContent(
  publication: PublicationEntity,
  names: { eventName: string; roundName: string },
  items: readonly PublishedItemEntity[],
): DocumentContent<ResultListData> {
  const data: ResultListData = {
    eventName: names.eventName,
    roundName: names.roundName,
    version: publication.version,
    status: publication.status,
    hash: publication.hash,
    publishedAt: publication.publishedAt,
    noticeEndsAt: publication.noticeEndsAt,
    items: items.map((i) => ({
      entryCode: i.entryCode,
      title: i.title,
      entrantName: i.entrantName,
      regionName: i.regionName,
      categoryName: i.categoryName,
      award:
        i.awardKey === null
          ? null
          : { key: i.awardKey, name: i.awardName ?? i.awardKey, rank: i.awardRank ?? 0 },
    })),
  };
  const hash = sha256Hex(
    canonicalJson([
      'list',
      RESULT_LIST_VERSION,
      DOCUMENT_TIME_ZONE,
      data.eventName,
      data.roundName,
      data.version,
      data.status,
      data.hash,
      data.publishedAt.toISOString(),
      data.noticeEndsAt.toISOString(),
      data.items.map((i) => [
        i.entryCode,
        i.title,
        i.entrantName,
        i.regionName,
        i.categoryName,
        i.award ? [i.award.key, i.award.name, i.award.rank] : null,
      ]),
    ]),
  );
  return {
    kind: PublicationDocumentKind.LIST,
    entryCode: '',
    data,
    hash,
    storageKey: `publications/${publication.id}/list-${hash}.pdf`,
  };
}
