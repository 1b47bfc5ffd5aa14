import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import { Conflict, NotFound, RequestCtx } from '@app/core';
import { EntryFactsService } from '@app/entries';
import { isOrganiser, Role } from '@app/identity';
import { certificateContent, listContent } from './documents/document-content';
import { PublicationDocumentKind } from './documents/publication-document.entity';
import { PublicationNames } from './documents/publication-names.service';
import { rowKey, StoredDocuments } from './documents/stored-documents.service';
import { PublicationStatus } from './publication-enums';
import { PublicationEntity, PublishedItemEntity } from './publication.entity';
import { PublicationReason } from './publication.errors';
import { PublicationService } from './publication.service';
import { AwardRevocationService } from './revocation/award-revocation.service';

export interface ExportFile {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

const CSV_HEADER = [
  '作品编号 Entry code',
  '作品名称 Title',
  '参赛者 Entrant',
  '地区 Region',
  '类别 Category',
  '奖项 Award',
  '奖项代码 Award key',
  '名次 Rank',
  '证书编号 Certificate code',
];

/**
 * The files of a publication (docs/http.md, "Results and publications"): its list as CSV and PDF, and the award
 * certificates of a FINAL one, one by one or all of them. Everything comes from the frozen
 * items, so the files say exactly what was published. The PDFs are served from storage, where
 * the worker puts a FINAL publication's ahead of time (issue 22); one not stored yet, or whose
 * content changed since (an award revoked), is drawn here and stored for the next request.
 */
@Injectable()
export class PublicationDocumentsService {
  constructor(
    private readonly publications: PublicationService,
    private readonly entries: EntryFactsService,
    private readonly revocations: AwardRevocationService,
    private readonly names: PublicationNames,
    private readonly stored: StoredDocuments,
  ) {}

  async csv(ctx: RequestCtx, id: string): Promise<ExportFile> {
    const publication = await this.publications.mustGet(ctx, id);
    const items = (await this.publications.itemsOf(ctx, [id])).get(id) ?? [];
    const lines = [CSV_HEADER, ...items.map(csvRow)].map((cells) => cells.map(csvCell).join(','));
    return {
      fileName: `${await this.baseName(ctx, publication)}.csv`,
      contentType: 'text/csv; charset=utf-8',
      // A BOM, so Chinese Excel reads UTF-8 rather than GB18030.
      bytes: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
    };
  }

  async listPdf(ctx: RequestCtx, id: string): Promise<ExportFile> {
    const publication = await this.publications.mustGet(ctx, id);
    const [items, names] = await Promise.all([
      this.publications.itemsOf(ctx, [id]).then((all) => all.get(id) ?? []),
      this.names.of(ctx, publication),
    ]);
    const { bytes } = await this.stored.bytes(ctx, id, listContent(publication, names, items));
    return {
      fileName: `${PublicationNames.baseName(names, publication)}.pdf`,
      contentType: 'application/pdf',
      bytes,
    };
  }

  /**
   * One award certificate: to organisers, and to the entrant whose entry it is. For any other
   * entrant the certificate does not exist (NOT_FOUND before the publication's status is
   * told), as another entrant's entry is hidden from them, so nobody probes whose entry won.
   * The entrant of the entry (listed or not) is told first that the publication is not FINAL
   * yet (CONFLICT): the notice list is public, so that says nothing it could not read there.
   */
  async certificatePdf(ctx: RequestCtx, id: string, entryCode: string): Promise<ExportFile> {
    const notFound = () =>
      new NotFound(
        PublicationReason.CERTIFICATE_NOT_FOUND,
        `entry ${entryCode} has no award certificate in this publication`,
      );
    // Read together; refused below in the order the rules say.
    const [found, item] = await Promise.all([
      this.publications.mustGet(ctx, id),
      this.publications.itemByCode(ctx, id, entryCode),
    ]);
    if (!isOrganiser(ctx.viewer)) {
      const entryId = item?.entryId ?? (await this.entries.idByCode(ctx, found.eventId, entryCode));
      if (!entryId || !(await this.ownsEntry(ctx, entryId))) throw notFound();
    }
    const publication = mustBeFinal(found);
    if (!item || item.certificateCode === null) throw notFound();
    // A revoked award's certificate is drawn marked REVOKED, with the date and reason
    // (docs/decisions.md): its content differs, so the valid one stored before is never served.
    const [revocation, names, row] = await Promise.all([
      this.revocations.of(ctx, id, item.entryCode),
      this.names.of(ctx, publication),
      this.stored.rowOf(ctx, id, PublicationDocumentKind.CERTIFICATE, item.entryCode),
    ]);
    const content = certificateContent(
      publication,
      names.eventName,
      item,
      revocation,
      this.stored.url,
    );
    const { bytes } = await this.stored.bytes(ctx, id, content, row);
    return {
      fileName: `certificate-${entryCode}.pdf`,
      contentType: 'application/pdf',
      bytes,
    };
  }

  /**
   * The FINAL publication's awarded items whose award stands (a revoked one is left out of the
   * ZIP: it is the set to print and hand out), each with its file: the stored one as a stream,
   * or drawn now (and stored) when it is not stored yet.
   */
  async certificates(
    ctx: RequestCtx,
    id: string,
  ): Promise<{
    fileName: string;
    items: PublishedItemEntity[];
    file: (item: PublishedItemEntity) => Promise<Readable | Buffer>;
  }> {
    const publication = await this.finalPublication(ctx, id);
    const [names, itemsOf, revocationsOf, rows] = await Promise.all([
      this.names.of(ctx, publication),
      this.publications.itemsOf(ctx, [id]),
      this.revocations.ofPublications(ctx, [id]),
      this.stored.rowsOf(ctx, id),
    ]);
    const revoked = revocationsOf.get(id) ?? new Map();
    const items = (itemsOf.get(id) ?? []).filter(
      (i) => i.certificateCode !== null && !revoked.has(i.entryCode),
    );
    return {
      fileName: `${PublicationNames.baseName(names, publication)}-certificates.zip`,
      items,
      file: (item) =>
        this.stored.streamOrBytes(
          ctx,
          id,
          certificateContent(publication, names.eventName, item, null, this.stored.url),
          rows.get(rowKey(PublicationDocumentKind.CERTIFICATE, item.entryCode)),
        ),
    };
  }

  private async finalPublication(ctx: RequestCtx, id: string): Promise<PublicationEntity> {
    return mustBeFinal(await this.publications.mustGet(ctx, id));
  }

  /** Whether the signed-in entrant is the one that filed this entry. */
  private async ownsEntry(ctx: RequestCtx, entryId: string): Promise<boolean> {
    const entrantId = ctx.viewer?.role === Role.ENTRANT ? ctx.viewer.entrantId : null;
    if (!entrantId) return false;
    return (await this.entries.filedBy(ctx, entrantId, [entryId])).has(entryId);
  }

  private async baseName(ctx: RequestCtx, publication: PublicationEntity): Promise<string> {
    return PublicationNames.baseName(await this.names.of(ctx, publication), publication);
  }
}

function mustBeFinal(publication: PublicationEntity): PublicationEntity {
  if (publication.status !== PublicationStatus.FINAL) {
    throw new Conflict(
      PublicationReason.PUBLICATION_NOT_FINAL,
      'certificates are issued once the publication is FINAL',
      { status: publication.status },
    );
  }
  return publication;
}

function csvRow(i: PublishedItemEntity): string[] {
  return [
    i.entryCode,
    i.title,
    i.entrantName,
    i.regionName,
    i.categoryName,
    i.awardName ?? '晋级 Advanced',
    i.awardKey ?? '',
    i.rank === null ? '' : String(i.rank),
    i.certificateCode ?? '',
  ];
}

/**
 * RFC 4180 quoting; a cell that a spreadsheet would run as a formula (= + - @ at the start)
 * gets a leading apostrophe, so a title cannot become a formula in the organiser's Excel.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
