import { Controller, Get, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequestCtx, uuidParam } from '@app/core';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { ResultsExportService, RoundWhatIfExportService } from '@app/results';

/**
 * The results exports of docs/http.md (organisers): the latest tabulation as CSV or XLSX, and
 * a closed round's what-if (issue 23) as CSV.
 */
@Controller('api/rounds')
@Roles(...ORGANISING_ROLES)
export class ResultsExportController {
  constructor(
    private readonly exports: ResultsExportService,
    private readonly whatIf: RoundWhatIfExportService,
  ) {}

  @Get(':roundId/results.csv')
  async csv(
    @Ctx() ctx: RequestCtx,
    @Param('roundId', uuidParam('round')) roundId: string,
    @Res() res: Response,
  ): Promise<void> {
    const table = await this.exports.table(ctx, roundId);
    send(res, this.exports.csv(table), 'text/csv; charset=utf-8', `${table.baseName}.csv`);
  }

  @Get(':roundId/results.xlsx')
  async xlsx(
    @Ctx() ctx: RequestCtx,
    @Param('roundId', uuidParam('round')) roundId: string,
    @Res() res: Response,
  ): Promise<void> {
    const table = await this.exports.table(ctx, roundId);
    send(
      res,
      await this.exports.xlsx(table),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      `${table.baseName}.xlsx`,
    );
  }

  /** Read-only: recomputed from the round's input, never stored (docs/api-additions.md). */
  @Get(':roundId/what-if.csv')
  async whatIfCsv(
    @Ctx() ctx: RequestCtx,
    @Param('roundId', uuidParam('round')) roundId: string,
    @Res() res: Response,
  ): Promise<void> {
    const table = await this.whatIf.table(ctx, roundId);
    send(res, this.exports.csv(table), 'text/csv; charset=utf-8', `${table.baseName}.csv`);
  }
}

function send(res: Response, body: Buffer, contentType: string, fileName: string): void {
  res
    .status(200)
    .set({
      'content-type': contentType,
      'content-length': String(body.length),
      'content-disposition': `attachment; filename="${fileName}"`,
      'cache-control': 'private, no-store',
    })
    .end(body);
}
