import { Controller, Get, Param, Res } from '@nestjs/common';
import archiver from 'archiver';
import type { Response } from 'express';
import { once } from 'node:events';
import { BadUserInput, mustBeUuid, RequestCtx } from '@app/core';
import { Ctx, ORGANISING_ROLES, Role, Roles } from '@app/identity';
import { ExportFile, PublicationDocumentsService } from '../publication-documents.service';
import { PublicationReason } from '../publication.errors';

/** Organisers' exports of a publication (docs/http.md, "Results and publications"); an entrant's own certificate. */
@Roles(...ORGANISING_ROLES)
@Controller('api/publications')
export class PublicationsController {
  constructor(private readonly documents: PublicationDocumentsService) {}

  /** `{id}.csv` and `{id}.pdf`: the published list. */
  @Get(':file')
  async list(
    @Ctx() ctx: RequestCtx,
    @Param('file') file: string,
    @Res() res: Response,
  ): Promise<void> {
    const match = /^(.+)\.(csv|pdf)$/.exec(file);
    if (!match) {
      throw new BadUserInput(
        PublicationReason.UNSUPPORTED_FORMAT,
        'the list comes as .csv or .pdf',
      );
    }
    const id = mustBeUuid(match[1], 'publication');
    send(
      res,
      match[2] === 'csv'
        ? await this.documents.csv(ctx, id)
        : await this.documents.listPdf(ctx, id),
    );
  }

  /**
   * Every standing certificate of a FINAL publication, streamed into a ZIP one at a time from
   * the files the worker stored (one not stored yet is drawn, and stored, on the way).
   */
  @Get(':id/certificates.zip')
  async all(@Ctx() ctx: RequestCtx, @Param('id') id: string, @Res() res: Response): Promise<void> {
    const { fileName, items, file } = await this.documents.certificates(
      ctx,
      mustBeUuid(id, 'publication'),
    );
    res.status(200).type('application/zip');
    res.setHeader('cache-control', 'private, no-store');
    res.setHeader('content-disposition', attachment(fileName));
    // PDFs are compressed already: storing them is as small and much faster.
    const zip = archiver('zip', { store: true });
    zip.on('warning', (error) => zip.emit('error', error));
    const finished = once(zip, 'end');
    zip.pipe(res);
    try {
      for (const item of items) {
        zip.append(await file(item), { name: `${item.entryCode}.pdf`, date: new Date(0) });
        // One certificate at a time: wait until the archive has taken it.
        await once(zip, 'entry');
      }
      await zip.finalize();
      await finished;
    } catch (error) {
      // The status line is sent: all that is left is to cut the download short.
      zip.abort();
      res.destroy(error as Error);
    }
  }

  /** One certificate: organisers, and the entrant of that entry (the service checks whose). */
  @Roles(...ORGANISING_ROLES, Role.ENTRANT)
  @Get(':id/certificates/:file')
  async one(
    @Ctx() ctx: RequestCtx,
    @Param('id') id: string,
    @Param('file') file: string,
    @Res() res: Response,
  ): Promise<void> {
    const match = /^(.+)\.pdf$/.exec(file);
    if (!match) {
      throw new BadUserInput(PublicationReason.UNSUPPORTED_FORMAT, 'a certificate comes as .pdf');
    }
    send(res, await this.documents.certificatePdf(ctx, mustBeUuid(id, 'publication'), match[1]));
  }
}

function send(res: Response, file: ExportFile): void {
  res
    .status(200)
    .type(file.contentType)
    .setHeader('cache-control', 'private, no-store')
    .setHeader('content-disposition', attachment(file.fileName))
    .send(file.bytes);
}

function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
