import { Controller, Delete, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { BadUserInput, CommonReason, isUuid, RequestCtx, uuidParam } from '@app/core';
import {
  BatchReport,
  BULK_PHOTO_LIMITS,
  Choices,
  PhotoBatchService,
  PhotoBatchSummary,
  PhotoCommitService,
  PhotoStagingService,
  ReceivedFile,
} from '@app/entries';
import { Ctx, Role, Roles } from '@app/identity';
import { eachFile } from './multipart-files';
import { fileTooLarge } from './multipart-stream';

/** A commit's body: ten thousand choices fit. */
const COMMIT_BODY_BYTES = 1024 * 1024;

/**
 * Photos in bulk (docs/http.md, "Bulk photos"): start a batch, send its files (photos, ZIPs of
 * photos, a folder) in as many requests as suits, look at the matches, commit. Organisers for
 * every entry of the event, coordinators for their region's.
 */
@Roles(Role.ADMIN, Role.ORGANISER, Role.COORDINATOR)
@Controller('api')
export class PhotoBatchesController {
  constructor(
    private readonly batches: PhotoBatchService,
    private readonly staging: PhotoStagingService,
    private readonly commits: PhotoCommitService,
  ) {}

  @Post('events/:eventId/photo-batches')
  create(
    @Ctx() ctx: RequestCtx,
    @Param('eventId', uuidParam('event')) eventId: string,
  ): Promise<PhotoBatchSummary> {
    return this.batches.create(ctx, eventId);
  }

  @Get('events/:eventId/photo-batches')
  async list(
    @Ctx() ctx: RequestCtx,
    @Param('eventId', uuidParam('event')) eventId: string,
  ): Promise<{ batches: PhotoBatchSummary[] }> {
    return { batches: await this.batches.listOwn(ctx, eventId) };
  }

  /** Each file's fate, in the order sent (a ZIP's photos in its order). */
  @Post('photo-batches/:batchId/files')
  @HttpCode(200)
  async send(
    @Ctx() ctx: RequestCtx,
    @Param('batchId', uuidParam('photo batch')) batchId: string,
    @Req() req: Request,
  ): Promise<{ files: ReceivedFile[] }> {
    // The batch is the caller's before a byte of the body is read.
    await this.batches.mustGetOwn(ctx, batchId);
    const received = await eachFile(
      req,
      'files',
      {
        maxParts: BULK_PHOTO_LIMITS.partsPerRequest,
        maxPartBytes: BULK_PHOTO_LIMITS.zipBytes,
        tooLarge: () => fileTooLarge(BULK_PHOTO_LIMITS.zipBytes),
        // a form may send other inputs beside the files
        strayFiles: 'skip',
        keepFolders: true,
      },
      (file, info) => this.staging.receive(ctx, batchId, info.fileName, file),
    );
    return { files: received.flat() };
  }

  @Get('photo-batches/:batchId')
  preview(
    @Ctx() ctx: RequestCtx,
    @Param('batchId', uuidParam('photo batch')) batchId: string,
  ): Promise<BatchReport> {
    return this.commits.preview(ctx, batchId);
  }

  @Post('photo-batches/:batchId/commit')
  @HttpCode(200)
  async commit(
    @Ctx() ctx: RequestCtx,
    @Param('batchId', uuidParam('photo batch')) batchId: string,
    @Req() req: Request,
  ): Promise<BatchReport> {
    const choices = choicesOf(await jsonBody(req, COMMIT_BODY_BYTES));
    return this.commits.commit(ctx, batchId, choices);
  }

  @Delete('photo-batches/:batchId')
  @HttpCode(204)
  async discard(
    @Ctx() ctx: RequestCtx,
    @Param('batchId', uuidParam('photo batch')) batchId: string,
  ): Promise<void> {
    await this.batches.discard(ctx, batchId);
  }
}

/** The body as JSON (none: undefined); the API parses no bodies but GraphQL's by itself. */
async function jsonBody(req: Request, maxBytes: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of req) {
    total += (chunk as Buffer).length;
    if (total > maxBytes) {
      throw new BadUserInput(CommonReason.INVALID_INPUT, `the body is over ${maxBytes} bytes`);
    }
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new BadUserInput(CommonReason.INVALID_INPUT, 'the body is not JSON');
  }
}

/** `{"choices": {fileId: entryId}}`, or nothing. */
function choicesOf(body: unknown): Choices {
  if (body === undefined || body === null || (typeof body === 'object' && !('choices' in body))) {
    return {};
  }
  const choices = (body as { choices?: unknown }).choices;
  const ok =
    typeof choices === 'object' &&
    choices !== null &&
    !Array.isArray(choices) &&
    Object.entries(choices).length <= BULK_PHOTO_LIMITS.filesPerBatch &&
    Object.entries(choices).every(
      ([file, entry]) => isUuid(file) && typeof entry === 'string' && isUuid(entry),
    );
  if (!ok) {
    throw new BadUserInput(
      CommonReason.INVALID_INPUT,
      'send {"choices": {"<file id>": "<entry id>", …}}, ids being UUIDs',
    );
  }
  return choices as Choices;
}
