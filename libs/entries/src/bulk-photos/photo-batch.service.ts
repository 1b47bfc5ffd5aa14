import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, IsNull, LessThan, Not } from 'typeorm';
import { Forbidden, NotFound, RequestCtx, Role } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { EventService } from '@app/events';
import { isOrganiser } from '@app/identity';
import { STORAGE_DRIVER, StorageDriver } from '@app/storage';
import { EntriesReason } from '../entries.errors';
import { BULK_PHOTO_LIMITS } from './bulk-photo-limits';
import { PhotoBatchFileEntity } from './photo-batch-file.entity';
import { PhotoBatchEntity } from './photo-batch.entity';

/** A batch as its owner sees it in a list. */
export interface PhotoBatchSummary {
  id: string;
  eventId: string;
  files: number;
  createdAt: Date;
  updatedAt: Date;
  /** when it is removed with its unused files unless touched again */
  expiresAt: Date;
}

/**
 * The life of a bulk photo upload (docs/http.md, "Bulk photos"): started for an event by an
 * organiser, or by a coordinator for its region's entries; found again by its owner only (to
 * anyone else it does not exist); discarded, or removed by the maintenance worker once nobody
 * has touched it for BULK_PHOTO_LIMITS.keepMs, with every staged file not made a photo.
 * Receiving files: PhotoStagingService; preview and commit: PhotoCommitService.
 */
@Injectable()
export class PhotoBatchService {
  private readonly logger = new Logger(PhotoBatchService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    private readonly events: EventService,
  ) {}

  async create(ctx: RequestCtx, eventId: string): Promise<PhotoBatchSummary> {
    const regionCode = batchRegionOf(ctx);
    await this.events.mustGet(ctx, eventId);
    const batches = repo(this.dataSource, ctx, PhotoBatchEntity);
    const id = randomUUID();
    await batches.insert({
      id,
      eventId,
      createdBy: ctx.viewer!.userId,
      regionCode,
      fileCount: 0,
    });
    return summaryOf(await batches.findOneByOrFail({ id }));
  }

  /** The caller's batches of the event, newest first (a page reloaded finds its upload). */
  async listOwn(ctx: RequestCtx, eventId: string): Promise<PhotoBatchSummary[]> {
    batchRegionOf(ctx);
    const rows = await repo(this.dataSource, ctx, PhotoBatchEntity).find({
      where: { eventId, createdBy: ctx.viewer!.userId },
      order: { createdAt: 'DESC' },
      take: 20,
    });
    return rows.map(summaryOf);
  }

  /** The batch, when it is the caller's; PHOTO_BATCH_NOT_FOUND otherwise. */
  async mustGetOwn(ctx: RequestCtx, batchId: string): Promise<PhotoBatchEntity> {
    const batch = await repo(this.dataSource, ctx, PhotoBatchEntity).findOneBy({ id: batchId });
    if (!batch || batch.createdBy !== ctx.viewer?.userId) {
      throw new NotFound(EntriesReason.PHOTO_BATCH_NOT_FOUND, `no photo batch ${batchId} of yours`);
    }
    return batch;
  }

  /** Removes the batch and every staged file of it that did not become a photo. */
  async discard(ctx: RequestCtx, batchId: string): Promise<void> {
    await this.mustGetOwn(ctx, batchId);
    const keys = await inTransaction(this.dataSource, ctx, (_tx, manager) =>
      this.remove(manager, batchId),
    );
    await this.deleteStored(keys);
  }

  /** The maintenance job: batches untouched for BULK_PHOTO_LIMITS.keepMs, a few at a time. */
  async pruneExpired(now = new Date()): Promise<{ removed: number }> {
    const expired = await this.dataSource.getRepository(PhotoBatchEntity).find({
      select: { id: true },
      where: { updatedAt: LessThan(new Date(now.getTime() - BULK_PHOTO_LIMITS.keepMs)) },
      order: { updatedAt: 'ASC' },
      take: 50,
    });
    for (const { id } of expired) {
      const keys = await this.dataSource.transaction((manager) => this.remove(manager, id));
      await this.deleteStored(keys);
    }
    if (expired.length > 0) this.logger.log(`removed ${expired.length} abandoned photo batches`);
    return { removed: expired.length };
  }

  /**
   * Deletes the batch's rows under its lock and answers the storage keys it still owned. A
   * commit holds a file's row while it makes it a photo, and clears the key when it does: the
   * rows are locked before their keys are read, so a key that became an image's original is
   * never among them.
   */
  private async remove(manager: EntityManager, batchId: string): Promise<string[]> {
    const batch = await manager
      .getRepository(PhotoBatchEntity)
      .findOne({ where: { id: batchId }, lock: { mode: 'pessimistic_write' } });
    if (!batch) return [];
    const files = await manager.getRepository(PhotoBatchFileEntity).find({
      select: { id: true, storageKey: true },
      where: { batchId, storageKey: Not(IsNull()) },
      lock: { mode: 'pessimistic_write' },
    });
    await manager.getRepository(PhotoBatchEntity).delete({ id: batchId });
    return files.map((file) => file.storageKey!);
  }

  private async deleteStored(keys: readonly string[]): Promise<void> {
    for (const key of keys) {
      await this.storage.delete(key).catch((error: Error) => {
        this.logger.error(`could not remove the staged photo ${key}: ${error.message}`);
      });
    }
  }
}

/**
 * Who may upload in bulk, and to which entries: organisers to every entry of the event (null),
 * a coordinator to its region's. Anyone else is refused (the endpoints' roles say so first).
 */
export function batchRegionOf(ctx: RequestCtx): string | null {
  const viewer = ctx.viewer;
  if (isOrganiser(viewer)) return null;
  if (viewer?.role === Role.COORDINATOR && viewer.regionCode) return viewer.regionCode;
  throw new Forbidden(
    'ROLE_NOT_ALLOWED',
    'organisers, and coordinators for their region, upload photos in bulk',
  );
}

function summaryOf(batch: PhotoBatchEntity): PhotoBatchSummary {
  return {
    id: batch.id,
    eventId: batch.eventId,
    files: batch.fileCount,
    createdAt: batch.createdAt,
    updatedAt: batch.updatedAt,
    expiresAt: new Date(batch.updatedAt.getTime() + BULK_PHOTO_LIMITS.keepMs),
  };
}
