import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BadUserInput, RequestCtx, uuidParam } from '@app/core';
import { EntryImportService, ImportReport, IMPORT_MAX_BYTES, importTemplate } from '@app/entries';
import { CategoryService, EventService } from '@app/events';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { readOneFile } from './multipart';

/**
 * Organisers' bulk import of entries (one row an entry, XLSX or CSV) and its template.
 * `?dryRun=true` checks the file and stores nothing.
 */
@Roles(...ORGANISING_ROLES)
@Controller('api/events/:eventId/entries')
export class EntryImportController {
  constructor(
    private readonly imports: EntryImportService,
    private readonly events: EventService,
    private readonly categories: CategoryService,
  ) {}

  @Post('import')
  @HttpCode(200)
  async import(
    @Ctx() ctx: RequestCtx,
    @Param('eventId', uuidParam('event')) eventId: string,
    @Query('dryRun') dryRun: string | undefined,
    @Req() req: Request,
  ): Promise<ImportReport> {
    await this.events.mustGet(ctx, eventId);
    const file = await readOneFile(req, 'file', IMPORT_MAX_BYTES);
    return this.imports.import(ctx, eventId, file, { dryRun: dryRun === 'true' || dryRun === '1' });
  }

  @Get('import-template.:format')
  async template(
    @Ctx() ctx: RequestCtx,
    @Param('eventId', uuidParam('event')) eventId: string,
    @Param('format') format: string,
    @Res() res: Response,
  ): Promise<void> {
    if (format !== 'xlsx' && format !== 'csv') {
      throw new BadUserInput('UNSUPPORTED_FORMAT', 'the template comes as .xlsx or .csv');
    }
    const event = await this.events.mustGet(ctx, eventId);
    const categories = await this.categories.ofEvents(ctx, [eventId]);
    const file = await importTemplate(format, event, categories);
    res
      .status(200)
      .type(file.contentType)
      .setHeader(
        'content-disposition',
        `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
      )
      .send(file.bytes);
  }
}
