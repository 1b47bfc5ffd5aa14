import { Controller, Get, Headers, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { APP_CONFIG, AppConfig, NotFound, RequestCtx, uuidParam } from '@app/core';
import {
  CONTENT_TYPE_OF,
  EntriesReason,
  ImageService,
  ImageUploadService,
  RENDITION_FILE,
  StagedOriginal,
} from '@app/entries';
import { Ctx, Public } from '@app/identity';
import { streamOneFile } from './multipart-stream';

/** A year: a rendition's URL key never points at other bytes (a new photo gets a new key). */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Photos as files (docs/http.md): upload, the original, and the renditions. */
@Controller('api')
export class ImagesController {
  constructor(
    private readonly uploads: ImageUploadService,
    private readonly images: ImageService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** 201 with the new image, or 200 with the one that already has these bytes. */
  @Post('entries/:entryId/images')
  async upload(
    @Ctx() ctx: RequestCtx,
    @Param('entryId', uuidParam('entry')) entryId: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    // The token, the entry and its state are checked before a byte of the body is read.
    await this.uploads.assertMayAdd(ctx, entryId);
    const staged = await streamOneFile<StagedOriginal>(
      req,
      'file',
      this.config.uploadMaxBytes,
      (file) => this.uploads.stage(file),
      (done) => this.uploads.discard(done),
    );
    const { image, created } = await this.uploads.add(ctx, entryId, staged);
    res.status(created ? 201 : 200);
    return {
      id: image.id,
      status: image.status,
      bytes: image.bytes,
      contentType: CONTENT_TYPE_OF[image.format],
    };
  }

  @Get('images/:imageId/original')
  async original(
    @Ctx() ctx: RequestCtx,
    @Param('imageId', uuidParam('image')) imageId: string,
    @Res() res: Response,
  ): Promise<void> {
    const { image, contentType, body } = await this.images.original(ctx, imageId);
    res.status(200).set({
      'content-type': contentType,
      'content-length': String(image.bytes),
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
      'content-disposition': 'inline',
      etag: `"${image.sha256}"`,
    });
    await pipeline(body, res);
  }

  @Public()
  @Get('renditions/:file')
  async rendition(
    @Param('file') file: string,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() res: Response,
  ): Promise<void> {
    const key = RENDITION_FILE.exec(file)?.[1];
    const found = key ? await this.images.rendition(key) : null;
    if (!found) throw new NotFound(EntriesReason.RENDITION_NOT_FOUND, 'no such rendition');
    const etag = `"${found.rendition.sha256}"`;
    res.set({
      'cache-control': IMMUTABLE,
      'x-content-type-options': 'nosniff',
      etag,
    });
    if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim() === etag)) {
      found.body.destroy();
      res.status(304).end();
      return;
    }
    res.status(200).set({
      'content-type': 'image/webp',
      'content-length': String(found.rendition.bytes),
    });
    await pipeline(found.body, res);
  }
}
