import { Controller, Get, Logger, Param, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequestCtx, Role, uuidParam } from '@app/core';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { EntriesExportService } from '../export/entries-export.service';

/**
 * An event's entries as an Excel workbook (docs/http.md, "Entries export"): a coordinator its
 * own region's, an organiser all or one region's (`?regionCode=`).
 */
@Roles(...ORGANISING_ROLES, Role.COORDINATOR)
@Controller('api/events/:eventId')
export class EntriesExportController {
  private readonly logger = new Logger(EntriesExportController.name);

  constructor(private readonly exports: EntriesExportService) {}

  @Get('entries.xlsx')
  async xlsx(
    @Ctx() ctx: RequestCtx,
    @Param('eventId', uuidParam('event')) eventId: string,
    @Query('regionCode') regionCode: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.exports.prepare(ctx, eventId, regionCode?.trim() || null);
    res.status(200).set({
      'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="${file.fileName}"`,
      'cache-control': 'private, no-store',
    });
    // Refusals were answered above. A failure once bytes have left can only cut the download
    // short (the client sees a broken file, never a half sheet that looks whole).
    await file.writeTo(res).catch((error: Error) => {
      if (!res.headersSent) throw error;
      this.logger.error(`entries export of event ${eventId} cut short: ${error.stack}`);
      res.destroy(error);
    });
  }
}
