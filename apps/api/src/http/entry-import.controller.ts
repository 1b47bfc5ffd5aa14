import { Controller, Get, HttpCode, Inject, Param, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BadUserInput, mustBeUuid, NotFound, RequestCtx, uuidParam } from '@app/core';
import {
  EntriesReason,
  EntryImportService,
  ImportReport,
  IMPORT_MAX_BYTES,
  importTemplate,
} from '@app/entries';
import { CategoryService, EventService } from '@app/events';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { REDIS_CLIENT, RedisClient } from '@app/queue';
import { ImportProgressState, ImportProgressStore } from './import-progress';
import { readOneFile } from './multipart';
import { Turns } from './turns';

/**
 * One import at a time in this API process, the others waiting their turn with their uploads
 * not yet read: an import holds its file (at most 10 MiB) and what it has read of it (bounded
 * by libs/entries' import-limits.ts), so the process's memory stays bounded however many
 * arrive together (test/hostile/import-bomb.e2e-spec.ts measures it).
 */
const IMPORTS = new Turns(1);

/**
 * Organisers' bulk import of entries (one row an entry, XLSX or CSV) and its template.
 * `?dryRun=true` checks the file and stores nothing; `?progress={uuid}` makes the import's
 * progress readable at `import-progress/{uuid}` while the request runs.
 */
@Roles(...ORGANISING_ROLES)
@Controller('api/events/:eventId/entries')
export class EntryImportController {
  private readonly progress: ImportProgressStore;

  constructor(
    private readonly imports: EntryImportService,
    private readonly events: EventService,
    private readonly categories: CategoryService,
    @Inject(REDIS_CLIENT) redis: RedisClient,
  ) {
    this.progress = new ImportProgressStore(redis);
  }

  @Post('import')
  @HttpCode(200)
  async import(
    @Ctx() ctx: RequestCtx,
    @Param('eventId', uuidParam('event')) eventId: string,
    @Query('dryRun') dryRun: string | undefined,
    @Query('progress') progressId: string | undefined,
    @Req() req: Request,
  ): Promise<ImportReport> {
    await this.events.mustGet(ctx, eventId);
    let last: ImportProgressState = { phase: 'WAITING', rowsRead: 0 };
    const write =
      progressId === undefined
        ? () => undefined
        : this.progress.reporter(ctx.viewer!.userId, mustBeUuid(progressId, 'progress'));
    const report = (state: ImportProgressState) => {
      last = state;
      write(state);
    };
    report(last);
    try {
      return await IMPORTS.run(async () => {
        const file = await readOneFile(req, 'file', IMPORT_MAX_BYTES);
        return this.imports.import(ctx, eventId, file, {
          dryRun: dryRun === 'true' || dryRun === '1',
          progress: report,
        });
      });
    } catch (error) {
      report({ phase: 'FAILED', rowsRead: last.rowsRead });
      throw error;
    }
  }

  /** How far the import started with `?progress={progressId}` has got (its starter only). */
  @Get('import-progress/:progressId')
  async importProgress(
    @Ctx() ctx: RequestCtx,
    @Param('eventId', uuidParam('event')) eventId: string,
    @Param('progressId', uuidParam('progress')) progressId: string,
  ): Promise<ImportProgressState> {
    await this.events.mustGet(ctx, eventId);
    const state = await this.progress.read(ctx.viewer!.userId, progressId);
    if (!state) {
      throw new NotFound(
        EntriesReason.IMPORT_PROGRESS_NOT_FOUND,
        'no import of yours is running or ended in the last 15 minutes with this progress id',
      );
    }
    return state;
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
