import { Controller, Get, Param, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { mustBeUuid, RequestCtx, uuidParam } from '@app/core';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { layoutOf } from '../labels/label-sheet-content.service';
import { LabelSheetJobsService } from '../labels/label-sheet-jobs.service';

/**
 * Exhibit labels (docs/http.md, "Exhibit labels"): an organiser asks for an event's or a
 * category's sheet, follows its progress, and downloads the PDF once the worker has made it.
 */
@Roles(...ORGANISING_ROLES)
@Controller('api/events/:eventId/labels')
export class LabelSheetsController {
  constructor(private readonly sheets: LabelSheetJobsService) {}

  /** `?categoryId=&layout=2x4|3x7`: 202 while it is made, 200 when the same sheet exists already. */
  @Post()
  async start(
    @Ctx() ctx: RequestCtx,
    @Param('eventId', uuidParam('event')) eventId: string,
    @Query('categoryId') categoryId: string | undefined,
    @Query('layout') layout: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const status = await this.sheets.start(ctx, {
      eventId,
      categoryId: categoryId ? mustBeUuid(categoryId, 'category') : null,
      layout: layoutOf(layout || null),
    });
    res
      .status(status.state === 'DONE' ? 200 : 202)
      .setHeader('cache-control', 'no-store')
      .json(status);
  }

  /** `{sheetId}`: how far the sheet has got; `{sheetId}.pdf`: the finished sheet. */
  @Get(':file')
  async read(
    @Ctx() ctx: RequestCtx,
    @Param('eventId', uuidParam('event')) eventId: string,
    @Param('file') file: string,
    @Res() res: Response,
  ): Promise<void> {
    const pdf = /^(.*)\.pdf$/.exec(file);
    if (!pdf) {
      res
        .status(200)
        .setHeader('cache-control', 'no-store')
        .json(await this.sheets.status(ctx, eventId, file));
      return;
    }
    const found = await this.sheets.file(ctx, eventId, pdf[1]);
    res.status(200).set({
      'content-type': 'application/pdf',
      'content-length': String(found.bytes),
      'content-disposition': `attachment; filename="${found.fileName}"`,
      // The id is the content's hash: the same id is always the same bytes.
      etag: `"${found.sheetId}"`,
      'cache-control': 'private, no-store',
    });
    await pipeline(found.stream, res);
  }
}
