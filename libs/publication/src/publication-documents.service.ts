import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, APP_CONFIG, Conflict, NotFound, RequestCtx } from '@app/core';
import { EntryFactsService } from '@app/entries';
import { EventService } from '@app/events';
import { isOrganiser, Role } from '@app/identity';
import {
  CertificateData,
  DocumentFonts,
  renderCertificate,
  renderResultList,
} from '@app/documents';
import { RoundService } from '@app/judging';
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
 * items, so the files say exactly what was published.
 */
@Injectable()
export class PublicationDocumentsService {
  private readonly publicUrl: string;

  constructor(
    private readonly publications: PublicationService,
    private readonly fonts: DocumentFonts,
    private readonly entries: EntryFactsService,
    private readonly rounds: RoundService,
    private readonly events: EventService,
    private readonly revocations: AwardRevocationService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publicUrl = config.publicUrl;
  }

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
    const items = (await this.publications.itemsOf(ctx, [id])).get(id) ?? [];
    const names = await this.names(ctx, publication);
    const bytes = await renderResultList(this.fonts, {
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
    });
    return {
      fileName: `${await this.baseName(ctx, publication)}.pdf`,
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
    const found = await this.publications.mustGet(ctx, id);
    const item = await this.publications.itemByCode(ctx, id, entryCode);
    if (!isOrganiser(ctx.viewer)) {
      const entryId = item?.entryId ?? (await this.entries.idByCode(ctx, found.eventId, entryCode));
      if (!entryId || !(await this.ownsEntry(ctx, entryId))) throw notFound();
    }
    const publication = mustBeFinal(found);
    if (!item || item.certificateCode === null) throw notFound();
    // No document of an award that no longer stands (docs/decisions.md): the check says why.
    const revocation = await this.revocations.of(ctx, id, item.entryCode);
    if (revocation) {
      throw new Conflict(
        PublicationReason.AWARD_REVOKED,
        `the award of entry ${entryCode} was revoked on ${revocation.revokedAt.toISOString()}: ${revocation.reason}`,
        {
          revokedAt: revocation.revokedAt.toISOString(),
          revocationReason: revocation.reason,
        },
      );
    }
    const names = await this.names(ctx, publication);
    return {
      fileName: `certificate-${entryCode}.pdf`,
      contentType: 'application/pdf',
      bytes: await this.renderOne(publication, names.eventName, item),
    };
  }

  /**
   * The FINAL publication's awarded items whose award stands (a revoked one has no certificate),
   * and a renderer, so the caller streams them one by one.
   */
  async certificates(
    ctx: RequestCtx,
    id: string,
  ): Promise<{
    fileName: string;
    items: PublishedItemEntity[];
    render: (item: PublishedItemEntity) => Promise<Buffer>;
  }> {
    const publication = await this.finalPublication(ctx, id);
    const names = await this.names(ctx, publication);
    const [itemsOf, revocationsOf] = await Promise.all([
      this.publications.itemsOf(ctx, [id]),
      this.revocations.ofPublications(ctx, [id]),
    ]);
    const revoked = revocationsOf.get(id) ?? new Map();
    const items = (itemsOf.get(id) ?? []).filter(
      (i) => i.certificateCode !== null && !revoked.has(i.entryCode),
    );
    return {
      fileName: `${await this.baseName(ctx, publication)}-certificates.zip`,
      items,
      render: (item) => this.renderOne(publication, names.eventName, item),
    };
  }

  private renderOne(
    publication: PublicationEntity,
    eventName: string,
    item: PublishedItemEntity,
  ): Promise<Buffer> {
    const data: CertificateData = {
      entrantName: item.entrantName,
      title: item.title,
      entryCode: item.entryCode,
      awardName: item.awardName ?? item.awardKey ?? '',
      eventName,
      date: publication.finalisedAt ?? publication.publishedAt,
      verificationCode: item.certificateCode!,
    };
    return renderCertificate(this.fonts, data, { publicUrl: this.publicUrl });
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

  private async names(
    ctx: RequestCtx,
    publication: PublicationEntity,
  ): Promise<{ eventName: string; roundName: string; eventSlug: string; roundSequence: number }> {
    const round = await this.rounds.mustGet(ctx, publication.roundId);
    const event = await this.events.mustGet(ctx, round.eventId);
    return {
      eventName: event.name,
      roundName: round.name,
      eventSlug: event.slug,
      roundSequence: round.sequence,
    };
  }

  /** e.g. `gx-fair-2026-r2-v3`: ASCII, so every browser keeps the name. */
  private async baseName(ctx: RequestCtx, publication: PublicationEntity): Promise<string> {
    const { eventSlug, roundSequence } = await this.names(ctx, publication);
    return `${eventSlug}-r${roundSequence}-v${publication.version}`;
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
