import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { APP_CONFIG, AppConfig, BadUserInput, Conflict, RequestCtx } from '@app/core';
import { inTransaction, isDuplicateKey, repo } from '@app/db';
import { AcceptedFormat, looksComplete, sniffImage, SNIFF_BYTES, TAIL_BYTES } from '@app/media';
import { JobName, JobProducer } from '@app/queue';
import { STORAGE_DRIVER, StorageDriver } from '@app/storage';
import { EntriesReason } from '../entries.errors';
import { EntryService, PhotoChange } from '../entry/entry.service';
import { lockedPhotosOf } from './entry-photos';
import { originalStorageKey, randomKey } from './image-keys';
import { ImageStatus } from './image-status';
import { ImageEntity } from './image.entity';

/** An uploaded file, stored under a random key but not yet an image of anything. */
export interface StagedOriginal {
  key: string;
  bytes: number;
  sha256: string;
  /** the first SNIFF_BYTES and the last TAIL_BYTES, for the checks that need no decoding */
  head: Buffer;
  tail: Buffer;
}

export const renderJobId = (imageId: string) => `render-${imageId}`;

/**
 * Adding a photo to an entry (docs/http.md), in three steps the endpoint calls in order:
 * `assertMayAdd` before the body is read (who, which entry, its state, room for one more),
 * `stage` while it streams (to storage, hashed, never whole in memory), then `add` (format,
 * pixels, animation, duplicates, and the row in one transaction with the entry locked; the
 * render job after commit). A refused or failed upload leaves nothing stored.
 */
@Injectable()
export class ImageUploadService {
  private readonly logger = new Logger(ImageUploadService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    private readonly entries: EntryService,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
  ) {}

  async assertMayAdd(ctx: RequestCtx, entryId: string, now = new Date()): Promise<void> {
    await inTransaction(this.dataSource, ctx, async (tx) => {
      const { event } = await this.entries.lockForImages(tx, entryId, now);
      assertRoom(await lockedPhotosOf(tx, entryId), event.maxImagesPerEntry);
    });
  }

  /** Streams the file into storage; rejects (storing nothing) when the stream fails. */
  async stage(file: Readable): Promise<StagedOriginal> {
    const key = originalStorageKey(randomKey());
    const hash = createHash('sha256');
    const head: Buffer[] = [];
    let headBytes = 0;
    let tail: Buffer = Buffer.alloc(0);
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        if (headBytes < SNIFF_BYTES) {
          const part = chunk.subarray(0, SNIFF_BYTES - headBytes);
          head.push(part);
          headBytes += part.length;
        }
        tail =
          chunk.length >= TAIL_BYTES
            ? chunk.subarray(chunk.length - TAIL_BYTES)
            : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
        done(null, chunk);
      },
    });
    // pipe() does not forward errors: a source destroyed for its size must fail the write.
    file.on('error', (error) => tap.destroy(error));
    // storage.put listens to tap only once its pipeline starts (after an await); an error
    // before that must not go unheard (an uncaught exception), and the pipeline still sees it.
    tap.on('error', () => undefined);
    const { bytes } = await this.storage.put(key, file.pipe(tap));
    return {
      key,
      bytes,
      sha256: hash.digest('hex'),
      head: Buffer.concat(head),
      tail: Buffer.from(tail),
    };
  }

  /** Removes a staged file that will not become an image. Never throws. */
  async discard(staged: Pick<StagedOriginal, 'key'>): Promise<void> {
    await this.storage.delete(staged.key).catch((error: Error) => {
      this.logger.error(`could not remove the refused upload ${staged.key}: ${error.message}`);
    });
  }

  /**
   * Makes the staged file an image of the entry: 201-like `created: true`, or the image that
   * already has these bytes (`created: false`). Refusals are BAD_USER_INPUT with docs/http.md's
   * reasons; the staged file is removed unless it became the image. The render job is queued
   * after commit; when `ctx` is inside the caller's transaction, the caller queues it.
   */
  async add(
    ctx: RequestCtx,
    entryId: string,
    staged: StagedOriginal,
    now = new Date(),
  ): Promise<{ image: ImageEntity; created: boolean }> {
    let result: { image: ImageEntity; created: boolean };
    // Inside a caller's transaction the job must wait for that caller's commit (queueRender).
    const ownTransaction = !ctx.manager?.queryRunner?.isTransactionActive;
    try {
      result = await this.addChecked(ctx, entryId, staged, this.check(staged), now);
    } catch (error) {
      await this.discard(staged);
      throw error;
    }
    if (!result.created) {
      await this.discard(staged);
      return result;
    }
    if (ownTransaction) await this.queueRender([result.image.id]);
    return result;
  }

  /**
   * The row of a stored original that passed `check`, with the entry locked: the image, or the
   * one the entry already has with these bytes (`created: false`). Refusals (the entry's state,
   * TOO_MANY_IMAGES) are thrown before anything is written. Unlike `add`, it never removes the
   * stored file and never queues the render job: the caller owns both (the bulk upload keeps a
   * refused file for a later try). `how` says who may add: docs/roles-and-rules.md.
   */
  async addChecked(
    ctx: RequestCtx,
    entryId: string,
    stored: Pick<StagedOriginal, 'key' | 'bytes' | 'sha256'>,
    format: AcceptedFormat,
    now = new Date(),
    how: PhotoChange = 'ONE',
  ): Promise<{ image: ImageEntity; created: boolean }> {
    try {
      return await inTransaction(this.dataSource, ctx, (tx) =>
        this.insert(tx, entryId, stored, format, now, how),
      );
    } catch (error) {
      if (isDuplicateKey(error, 'UQ_images_entry_sha256')) {
        // Two uploads of the same bytes raced past the check: the other one's image stands.
        const image = await repo(this.dataSource, ctx, ImageEntity).findOneByOrFail({
          entryId,
          sha256: stored.sha256,
        });
        return { image, created: false };
      }
      throw error;
    }
  }

  /** Queues the render jobs of committed images (a caller that added them in its own transaction). */
  async queueRender(imageIds: readonly string[]): Promise<void> {
    for (const imageId of imageIds) {
      await this.jobs.enqueue(JobName.RenderImage, { imageId }, renderJobId(imageId));
    }
  }

  /**
   * docs/http.md's order after the size: the format, the pixels, animation. Throws the
   * refusal (BAD_USER_INPUT); answers the format of a file that may become a photo.
   */
  check(staged: StagedOriginal): AcceptedFormat {
    if (staged.bytes === 0) {
      throw new BadUserInput(EntriesReason.INVALID_IMAGE, 'the file is empty');
    }
    const sniffed = sniffImage(staged.head);
    if (!sniffed.ok) {
      if (sniffed.reason === 'INVALID_IMAGE') {
        throw new BadUserInput(
          EntriesReason.INVALID_IMAGE,
          'the file is damaged or cut short: it could not be read as a photo',
        );
      }
      throw new BadUserInput(
        EntriesReason.UNSUPPORTED_FORMAT,
        `${sniffed.format === 'unknown' ? 'this kind of file' : sniffed.format.toUpperCase()} is not accepted: send a JPEG, PNG, WebP or AVIF photo`,
        { format: sniffed.format },
      );
    }
    const { format, width, height, animated } = sniffed.image;
    if (!looksComplete(format, staged.head, staged.tail, staged.bytes)) {
      throw new BadUserInput(
        EntriesReason.INVALID_IMAGE,
        'the file is cut short: upload the whole photo again',
      );
    }
    if (width !== null && height !== null && width * height > this.config.uploadMaxPixels) {
      throw new BadUserInput(
        EntriesReason.TOO_MANY_PIXELS,
        `the photo has ${width} × ${height} pixels; at most ${this.config.uploadMaxPixels} are accepted`,
        { width, height, maxPixels: this.config.uploadMaxPixels },
      );
    }
    if (animated) {
      throw new BadUserInput(
        EntriesReason.ANIMATED_IMAGE,
        'animated images are not accepted: send a still photo',
      );
    }
    return format;
  }

  private async insert(
    tx: RequestCtx,
    entryId: string,
    staged: Pick<StagedOriginal, 'key' | 'bytes' | 'sha256'>,
    format: AcceptedFormat,
    now: Date,
    how: PhotoChange,
  ): Promise<{ image: ImageEntity; created: boolean }> {
    const { entry, event } = await this.entries.lockForImages(tx, entryId, now, how);
    const images = repo(this.dataSource, tx, ImageEntity);
    // Read under the entry lock (see lockedPhotosOf): the room and the position are decided on
    // the photos committed before this upload took its turn, never on an older snapshot.
    const photos = await lockedPhotosOf(tx, entryId);
    const same = photos.find((photo) => photo.sha256 === staged.sha256);
    if (same) return { image: same, created: false };
    const lastPosition = assertRoom(photos, event.maxImagesPerEntry);
    const image = images.create({
      id: randomUUID(),
      entryId,
      position: lastPosition + 1,
      status: ImageStatus.PENDING,
      sha256: staged.sha256,
      bytes: staged.bytes,
      format,
      originalKey: staged.key,
      renderKey: randomKey(),
      width: null,
      height: null,
      placeholder: null,
      failureReason: null,
      createdBy: tx.viewer?.userId ?? null,
    });
    await images.insert(image);
    await this.audit.append(tx, {
      eventId: entry.eventId,
      action: 'image.added',
      subjectType: 'Entry',
      subjectId: entry.id,
      detail: { imageId: image.id, sha256: image.sha256, bytes: image.bytes, format },
    });
    return { image: await images.findOneByOrFail({ id: image.id }), created: true };
  }
}

/** Throws TOO_MANY_IMAGES when the entry is full; answers the last position in use. */
function assertRoom(photos: readonly ImageEntity[], limit: number): number {
  if (photos.length >= limit) {
    throw new Conflict(
      EntriesReason.TOO_MANY_IMAGES,
      `an entry may have at most ${limit} photos; delete one first`,
      { limit },
    );
  }
  return photos.reduce((last, photo) => Math.max(last, photo.position), 0);
}
