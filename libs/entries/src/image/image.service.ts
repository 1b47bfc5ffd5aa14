import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, NotFound, RequestCtx } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { isOrganiser } from '@app/identity';
import { RENDITION_SIZES, RenditionSize } from '@app/media';
import { STORAGE_DRIVER, StorageDriver } from '@app/storage';
import { EntriesReason } from '../entries.errors';
import { mayViewEntry } from '../entry/entry-access';
import { EntryStatus } from '../entry/entry-status';
import { EntryService } from '../entry/entry.service';
import { lockedPhotosOf } from './entry-photos';
import { CONTENT_TYPE_OF, renditionStorageKey } from './image-keys';
import { USABLE_STATUSES } from './image-status';
import { ImageEntity } from './image.entity';
import { RenditionEntity } from './rendition.entity';

/** Reading, ordering and deleting the photos of entries. Adding them: ImageUploadService. */
@Injectable()
export class ImageService {
  private readonly logger = new Logger(ImageService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    private readonly entries: EntryService,
    private readonly audit: AuditService,
  ) {}

  /** The images of entries, in their order: one statement for any number of entries. */
  async ofEntries(ctx: RequestCtx, entryIds: readonly string[]): Promise<ImageEntity[]> {
    if (entryIds.length === 0) return [];
    return repo(this.dataSource, ctx, ImageEntity).find({
      where: { entryId: In([...entryIds]) },
      order: { entryId: 'ASC', position: 'ASC' },
    });
  }

  /** The renditions of READY images: one statement for any number of images. */
  async renditionsOf(ctx: RequestCtx, imageIds: readonly string[]): Promise<RenditionEntity[]> {
    if (imageIds.length === 0) return [];
    return repo(this.dataSource, ctx, RenditionEntity).find({
      where: { imageId: In([...imageIds]) },
    });
  }

  /** A rendition by the key in its URL, for anyone (the key is the capability). */
  async rendition(urlKey: string): Promise<{ rendition: RenditionEntity; body: Readable } | null> {
    const rendition = await this.dataSource.getRepository(RenditionEntity).findOneBy({ urlKey });
    if (!rendition) return null;
    return { rendition, body: await this.storage.get(rendition.storageKey) };
  }

  /** The uploaded file, to the entry's own entrant and organisers only. */
  async original(
    ctx: RequestCtx,
    imageId: string,
  ): Promise<{ image: ImageEntity; contentType: string; body: Readable }> {
    const image = await this.visible(ctx, imageId);
    const entry = await this.entries.mustGet(ctx, image.entryId);
    const viewer = ctx.viewer;
    const owner = viewer?.entrantId !== null && viewer?.entrantId === entry.entrantId;
    if (!owner && !isOrganiser(viewer)) {
      throw new NotFound(EntriesReason.IMAGE_NOT_FOUND, `no image ${imageId}`);
    }
    return {
      image,
      contentType: CONTENT_TYPE_OF[image.format],
      body: await this.storage.get(image.originalKey),
    };
  }

  /** The image, when the viewer may see its entry; NOT_FOUND otherwise. */
  async visible(ctx: RequestCtx, imageId: string): Promise<ImageEntity> {
    const image = await repo(this.dataSource, ctx, ImageEntity).findOneBy({ id: imageId });
    if (image) {
      const entry = await this.entries.mustGet(ctx, image.entryId);
      if (mayViewEntry(ctx.viewer, entry)) return image;
    }
    throw new NotFound(EntriesReason.IMAGE_NOT_FOUND, `no image ${imageId}`);
  }

  /**
   * Deletes a photo, by the rules of changing its entry. A submitted entry keeps at least one
   * usable photo (it was submitted on the strength of it). The stored files go after commit.
   */
  async delete(ctx: RequestCtx, imageId: string, now = new Date()): Promise<boolean> {
    const image = await this.visible(ctx, imageId);
    await inTransaction(this.dataSource, ctx, async (tx) => {
      const { entry } = await this.entries.lockForImages(tx, image.entryId, now);
      const images = repo(this.dataSource, tx, ImageEntity);
      // Under the entry lock and read with a lock (see lockedPhotosOf): deletes racing each
      // other each see the others' deletions, so the last usable photo is kept.
      const photos = await lockedPhotosOf(tx, entry.id);
      const locked = photos.find((photo) => photo.id === imageId);
      if (!locked) throw new NotFound(EntriesReason.IMAGE_NOT_FOUND, `no image ${imageId}`);
      if (entry.status !== EntryStatus.DRAFT && USABLE_STATUSES.includes(locked.status)) {
        const others = photos.filter(
          (photo) => photo.id !== imageId && USABLE_STATUSES.includes(photo.status),
        ).length;
        if (others === 0) {
          throw new Conflict(
            EntriesReason.NO_IMAGES,
            `a ${entry.status} entry keeps at least one photo: add another before deleting this one`,
          );
        }
      }
      await images.delete({ id: imageId });
      await this.renumber(
        tx,
        photos.filter((photo) => photo.id !== imageId),
      );
      await this.audit.append(tx, {
        eventId: entry.eventId,
        action: 'image.deleted',
        subjectType: 'Entry',
        subjectId: entry.id,
        detail: { imageId, sha256: locked.sha256 },
      });
    });
    await this.removeFiles(image);
    return true;
  }

  /** `imageIds`: every image of the entry, each once, in the new order. */
  async reorder(
    ctx: RequestCtx,
    entryId: string,
    imageIds: readonly string[],
    now = new Date(),
  ): Promise<ImageEntity[]> {
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const { entry } = await this.entries.lockForImages(tx, entryId, now);
      const images = repo(this.dataSource, tx, ImageEntity);
      // Every photo committed before this turn, so none added meanwhile is left out of the order.
      const current = await lockedPhotosOf(tx, entryId);
      const known = new Set(current.map((image) => image.id));
      const given = new Set(imageIds);
      if (
        given.size !== imageIds.length ||
        given.size !== known.size ||
        imageIds.some((id) => !known.has(id))
      ) {
        throw new BadUserInput(
          EntriesReason.IMAGE_LIST_MISMATCH,
          `list every photo of the entry exactly once (it has ${known.size})`,
          { expected: known.size },
        );
      }
      for (const [index, id] of imageIds.entries()) {
        const image = current.find((candidate) => candidate.id === id)!;
        if (image.position !== index + 1) await images.update({ id }, { position: index + 1 });
      }
      await this.audit.append(tx, {
        eventId: entry.eventId,
        action: 'image.reordered',
        subjectType: 'Entry',
        subjectId: entry.id,
        detail: { imageIds: [...imageIds] },
      });
      return lockedPhotosOf(tx, entryId);
    });
  }

  /** Positions 1..n after a deletion, in the same order (`rest`: the locked photos left). */
  private async renumber(tx: RequestCtx, rest: readonly ImageEntity[]): Promise<void> {
    const images = repo(this.dataSource, tx, ImageEntity);
    for (const [index, image] of rest.entries()) {
      if (image.position !== index + 1)
        await images.update({ id: image.id }, { position: index + 1 });
    }
  }

  /** Best effort after commit: a file left behind is unreachable (its key is gone) and logged. */
  async removeFiles(image: Pick<ImageEntity, 'originalKey' | 'renderKey'>): Promise<void> {
    const keys = [
      image.originalKey,
      ...(Object.keys(RENDITION_SIZES) as RenditionSize[]).map((size) =>
        renditionStorageKey(image.renderKey, size),
      ),
    ];
    for (const key of keys) {
      await this.storage.delete(key).catch((error: Error) => {
        this.logger.error(`could not remove ${key}: ${error.message}`);
      });
    }
  }
}
