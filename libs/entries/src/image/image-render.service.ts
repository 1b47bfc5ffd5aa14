import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/core';
import { ImageDecodeError, RenderedImage, renderRenditions } from '@app/media';
import { STORAGE_DRIVER, StorageDriver, StorageNotFound } from '@app/storage';
import { renditionStorageKey, renditionUrlKey } from './image-keys';
import { ImageStatus } from './image-status';
import { ImageEntity } from './image.entity';
import { RenditionEntity } from './rendition.entity';

export type RenderOutcome = 'READY' | 'FAILED' | 'SKIPPED';

/** A failure no retry can mend: the image is FAILED with `reason`, which a person can act on. */
export class PermanentImageFailure extends Error {}

/**
 * The worker's side of a photo: PENDING/PROCESSING → READY with three renditions, or FAILED
 * with a reason. Idempotent: the rendition objects have deterministic keys (written atomically,
 * so a second run overwrites the first) and their rows are replaced in the same transaction
 * that makes the image READY; a finished, failed or deleted image is skipped.
 */
@Injectable()
export class ImageRenderService {
  private readonly logger = new Logger(ImageRenderService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  /**
   * `finalAttempt`: the queue will not retry, so a transient error fails the image too, with a
   * reason, instead of leaving it PROCESSING for ever.
   */
  async render(imageId: string, options: { finalAttempt: boolean }): Promise<RenderOutcome> {
    const images = this.dataSource.getRepository(ImageEntity);
    const image = await images.findOneBy({ id: imageId });
    if (!image || image.status === ImageStatus.READY || image.status === ImageStatus.FAILED) {
      return 'SKIPPED';
    }
    await images.update(
      { id: imageId, status: In([ImageStatus.PENDING, ImageStatus.PROCESSING]) },
      { status: ImageStatus.PROCESSING },
    );
    try {
      const rendered = await this.renderOriginal(image);
      return await this.store(image, rendered);
    } catch (error) {
      if (error instanceof PermanentImageFailure) {
        await this.fail(imageId, error.message);
        return 'FAILED';
      }
      if (options.finalAttempt) {
        await this.fail(
          imageId,
          'the photo could not be processed after several attempts; upload it again',
        );
        this.logger.error(`image ${imageId} failed for good: ${(error as Error).message}`);
        return 'FAILED';
      }
      throw error;
    }
  }

  private async renderOriginal(image: ImageEntity): Promise<RenderedImage> {
    let original: Buffer;
    try {
      original = await buffer(await this.storage.get(image.originalKey));
    } catch (error) {
      if (error instanceof StorageNotFound) {
        throw new PermanentImageFailure(
          'the uploaded file is missing from storage; upload it again',
        );
      }
      throw error;
    }
    try {
      return await renderRenditions(original, { maxPixels: this.config.uploadMaxPixels });
    } catch (error) {
      if (error instanceof ImageDecodeError) {
        throw new PermanentImageFailure(
          'the photo could not be read: the file may be damaged or incomplete; upload it again',
        );
      }
      throw error;
    }
  }

  private async store(image: ImageEntity, rendered: RenderedImage): Promise<RenderOutcome> {
    const rows = rendered.renditions.map((rendition) => {
      const storageKey = renditionStorageKey(image.renderKey, rendition.size);
      return Object.assign(new RenditionEntity(), {
        imageId: image.id,
        size: rendition.size,
        urlKey: renditionUrlKey(image.renderKey, rendition.size),
        storageKey,
        width: rendition.width,
        height: rendition.height,
        bytes: rendition.bytes.length,
        sha256: createHash('sha256').update(rendition.bytes).digest('hex'),
      });
    });
    for (const [index, rendition] of rendered.renditions.entries()) {
      await this.storage.put(rows[index].storageKey, Readable.from([rendition.bytes]));
    }
    const stored = await this.dataSource.transaction(async (manager) => {
      // The row, locked: a photo deleted meanwhile must not come back through its renditions.
      const current = await manager
        .getRepository(ImageEntity)
        .findOne({ where: { id: image.id }, lock: { mode: 'pessimistic_write' } });
      if (!current || current.status === ImageStatus.FAILED) return false;
      await manager.getRepository(RenditionEntity).delete({ imageId: image.id });
      await manager.getRepository(RenditionEntity).insert(rows);
      await manager.getRepository(ImageEntity).update(
        { id: image.id },
        {
          status: ImageStatus.READY,
          width: rendered.width,
          height: rendered.height,
          placeholder: rendered.placeholder,
          failureReason: null,
        },
      );
      return true;
    });
    if (!stored) {
      for (const row of rows) await this.storage.delete(row.storageKey).catch(() => undefined);
      return 'SKIPPED';
    }
    return 'READY';
  }

  private async fail(imageId: string, reason: string): Promise<void> {
    await this.dataSource
      .getRepository(ImageEntity)
      .update(
        { id: imageId, status: In([ImageStatus.PENDING, ImageStatus.PROCESSING]) },
        { status: ImageStatus.FAILED, failureReason: reason },
      );
  }
}
