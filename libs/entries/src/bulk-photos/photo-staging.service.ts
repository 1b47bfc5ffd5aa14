import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig, DomainError, RequestCtx } from '@app/core';
import { inTransaction, isDuplicateKey } from '@app/db';
import type { AcceptedFormat } from '@app/media';
import { EntriesReason } from '../entries.errors';
import { ImageUploadService, StagedOriginal } from '../image/image-upload.service';
import { ZipFormatError, ZipTooManyEntriesError } from '../import/zip-directory';
import { ZipPartTooLargeError } from '../import/zip-inflate';
import { BULK_PHOTO_LIMITS } from './bulk-photo-limits';
import { limited, peek, StreamTooLong } from './byte-streams';
import { BatchFileState, PhotoBatchFileEntity } from './photo-batch-file.entity';
import { PhotoBatchEntity } from './photo-batch.entity';
import { PhotoBatchService } from './photo-batch.service';
import { displayName, isClutter, zipEntryName } from './photo-names';
import { ZipArchive } from './zip-archive';

/** What became of one file sent: the answer of the upload, file by file. */
export interface ReceivedFile {
  name: string;
  bytes: number;
  /** STAGED: kept for the commit; SKIPPED: the batch had these bytes already; REFUSED: see reason */
  state: 'STAGED' | 'SKIPPED' | 'REFUSED';
  reason?: string;
  facts?: Record<string, unknown>;
  fileId?: string;
}

interface Refusal {
  reason: string;
  facts?: Record<string, unknown>;
}

/** The photos of a ZIP staged at the same time (each holds a 64 kB chunk at most). */
const ZIP_FILES_AT_ONCE = 4;

/** A ZIP's first bytes: a local file header, or the end record of an empty archive. */
const isZip = (head: Buffer) =>
  head.length >= 4 &&
  head[0] === 0x50 &&
  head[1] === 0x4b &&
  ((head[2] === 3 && head[3] === 4) || (head[2] === 5 && head[3] === 6));

/**
 * Receives the files of a bulk photo upload, one at a time as the request brings them: a photo
 * is staged (streamed to storage, hashed) and given the single upload's checks (size, format by
 * bytes, pixels, animation: ImageUploadService.check); a ZIP is written to a temporary file and
 * each photo in it staged the same way from its own bytes (zip-archive.ts), the archive held to
 * BULK_PHOTO_LIMITS. Each file is recorded as soon as it is staged, under the batch's lock:
 * bytes the batch already holds are SKIPPED (their new copy removed), so a request cut off
 * half-way keeps what arrived, and sending the same files again costs no second copy.
 */
@Injectable()
export class PhotoStagingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly batches: PhotoBatchService,
    private readonly uploads: ImageUploadService,
  ) {}

  /**
   * One file of a request, a photo or a ZIP of photos: what became of each photo. Fails only
   * when the request itself does (cut off, the database away); a bad file is a REFUSED line.
   */
  async receive(
    ctx: RequestCtx,
    batchId: string,
    name: string,
    source: Readable,
  ): Promise<ReceivedFile[]> {
    const batch = await this.batches.mustGetOwn(ctx, batchId);
    const { head, whole } = await peek(source, 4);
    try {
      if (isZip(head)) return await this.receiveZip(ctx, batch, displayName(name), whole);
      return [await this.receivePhoto(ctx, batch, displayName(name), whole)];
    } finally {
      whole.destroy();
    }
  }

  private async receiveZip(
    ctx: RequestCtx,
    batch: PhotoBatchEntity,
    name: string,
    source: Readable,
  ): Promise<ReceivedFile[]> {
    const dir = await mkdtemp(join(tmpdir(), 'judging-photo-zip-'));
    const path = join(dir, 'upload.zip');
    try {
      let bytes = 0;
      try {
        const counting = limited(source, BULK_PHOTO_LIMITS.zipBytes);
        counting.on('data', (chunk: Buffer) => (bytes += chunk.length));
        await pipeline(counting, createWriteStream(path));
      } catch (error) {
        if (!(error instanceof StreamTooLong)) throw error;
        return [
          await this.refuse(ctx, batch, name, bytes, null, {
            reason: EntriesReason.FILE_TOO_LARGE,
            facts: { maxBytes: BULK_PHOTO_LIMITS.zipBytes },
          }),
        ];
      }
      let archive: ZipArchive;
      try {
        archive = await ZipArchive.open(path, {
          maxEntries: BULK_PHOTO_LIMITS.filesPerBatch,
          maxDirectoryBytes: BULK_PHOTO_LIMITS.zipDirectoryBytes,
        });
      } catch (error) {
        const refusal = archiveRefusal(error);
        if (!refusal) throw error;
        return [await this.refuse(ctx, batch, name, bytes, null, refusal)];
      }
      const files = archive.entries.flatMap((entry) => {
        const inside = displayName(zipEntryName(entry.name, entry.flags));
        // Folders, and what archivers and systems add beside the photos, are not files sent.
        return entry.name.endsWith('/') || inside === '' || isClutter(inside)
          ? []
          : [{ entry, inside }];
      });
      // A few at a time: each waits on the disk (the staged copy, the row's commit) in turn.
      const received = await inTurns(files, ZIP_FILES_AT_ONCE, async ({ entry, inside }) => {
        const before = this.unreadable(entry);
        if (before) return this.refuse(ctx, batch, inside, entry.uncompressedSize, null, before);
        let unpacked: Readable;
        try {
          unpacked = await archive.unpack(entry);
        } catch (error) {
          const refusal = zipRefusal(error);
          if (!refusal) throw error;
          return this.refuse(ctx, batch, inside, entry.uncompressedSize, null, refusal);
        }
        try {
          return await this.receivePhoto(ctx, batch, inside, unpacked);
        } finally {
          unpacked.destroy();
        }
      });
      return received;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** What is refused of a file in a ZIP before a byte of it is unpacked. */
  private unreadable(entry: ZipArchive['entries'][number]): Refusal | null {
    if (entry.uncompressedSize > this.config.uploadMaxBytes) {
      return {
        reason: EntriesReason.FILE_TOO_LARGE,
        facts: { maxBytes: this.config.uploadMaxBytes },
      };
    }
    const most =
      entry.compressedSize * BULK_PHOTO_LIMITS.zipRatio + BULK_PHOTO_LIMITS.zipSlackBytes;
    if (entry.uncompressedSize > most) {
      return { reason: 'UNPACKED_TOO_LARGE', facts: { ratio: BULK_PHOTO_LIMITS.zipRatio } };
    }
    if (entry.flags & 0x1 || (entry.method !== 0 && entry.method !== 8)) {
      return { reason: EntriesReason.ZIP_ENTRY_UNREADABLE };
    }
    return null;
  }

  private async receivePhoto(
    ctx: RequestCtx,
    batch: PhotoBatchEntity,
    name: string,
    source: Readable,
  ): Promise<ReceivedFile> {
    const maxBytes = this.config.uploadMaxBytes;
    let staged: StagedOriginal;
    try {
      staged = await this.uploads.stage(limited(source, maxBytes));
    } catch (error) {
      if (error instanceof StreamTooLong) {
        return this.refuse(ctx, batch, name, maxBytes + 1, null, {
          reason: EntriesReason.FILE_TOO_LARGE,
          facts: { maxBytes },
        });
      }
      const refusal = zipRefusal(error);
      if (!refusal) throw error;
      return this.refuse(ctx, batch, name, 0, null, refusal);
    }
    try {
      const format = this.uploads.check(staged);
      return await this.record(ctx, batch, name, staged, { format });
    } catch (error) {
      await this.uploads.discard(staged);
      if (!(error instanceof DomainError)) throw error;
      return this.refuse(ctx, batch, name, staged.bytes, staged.sha256, {
        reason: error.reason,
        facts: error.details ? { ...error.details } : undefined,
      });
    }
  }

  private refuse(
    ctx: RequestCtx,
    batch: PhotoBatchEntity,
    name: string,
    bytes: number,
    sha256: string | null,
    refusal: Refusal,
  ): Promise<ReceivedFile> {
    return this.record(ctx, batch, name, { bytes, sha256, key: null }, { refusal });
  }

  /**
   * The file's row, under the batch's lock: a new STAGED or REFUSED one, or SKIPPED when the
   * batch has these bytes already (a newer name replaces the old: a file renamed to match is
   * sent again). A staged copy that is not kept is removed by the caller (it throws) or here.
   */
  private async record(
    ctx: RequestCtx,
    batch: PhotoBatchEntity,
    name: string,
    file: { bytes: number; sha256: string | null; key: string | null },
    outcome: { format: AcceptedFormat } | { refusal: Refusal },
  ): Promise<ReceivedFile> {
    const refusal = 'refusal' in outcome ? outcome.refusal : null;
    const answer = (state: ReceivedFile['state'], fileId?: string, why = refusal) => ({
      name,
      bytes: file.bytes,
      state,
      fileId,
      ...(why ? { reason: why.reason, ...(why.facts ? { facts: why.facts } : {}) } : {}),
    });
    let kept: { state: ReceivedFile['state']; fileId?: string; why?: Refusal | null };
    try {
      kept = await inTransaction(this.dataSource, ctx, async (_tx, manager) => {
        const locked = await manager
          .getRepository(PhotoBatchEntity)
          .findOneOrFail({ where: { id: batch.id }, lock: { mode: 'pessimistic_write' } });
        const files = manager.getRepository(PhotoBatchFileEntity);
        const same = await this.sameFile(manager, batch.id, name, file);
        if (same) {
          const movable =
            same.state === BatchFileState.STAGED || same.state === BatchFileState.NOT_ADDED;
          if (same.name !== name && movable) await files.update({ id: same.id }, { name });
          return { state: 'SKIPPED' as const, fileId: same.id, why: null };
        }
        if (locked.fileCount >= BULK_PHOTO_LIMITS.filesPerBatch) {
          return {
            state: 'REFUSED' as const,
            why: {
              reason: EntriesReason.TOO_MANY_FILES_IN_BATCH,
              facts: { limit: BULK_PHOTO_LIMITS.filesPerBatch },
            },
          };
        }
        const id = randomUUID();
        await files.insert({
          id,
          batchId: batch.id,
          name,
          bytes: Math.min(file.bytes, 2 ** 31 - 1),
          sha256: file.sha256,
          storageKey: refusal ? null : file.key,
          format: 'format' in outcome ? outcome.format : null,
          state: refusal ? BatchFileState.REFUSED : BatchFileState.STAGED,
          reason: refusal?.reason ?? null,
          facts: refusal?.facts ? JSON.stringify(refusal.facts).slice(0, 500) : null,
          entryId: null,
          imageId: null,
        });
        await manager
          .getRepository(PhotoBatchEntity)
          .update({ id: batch.id }, { fileCount: locked.fileCount + 1 });
        return {
          state: refusal ? ('REFUSED' as const) : ('STAGED' as const),
          fileId: id,
          why: refusal,
        };
      });
    } catch (error) {
      // The unique index, should two requests bring the same bytes past the lock's read.
      if (!isDuplicateKey(error, 'UQ_photo_batch_files_batch_sha256')) throw error;
      kept = { state: 'SKIPPED' };
    }
    if (kept.state !== 'STAGED' && file.key) await this.uploads.discard({ key: file.key });
    return answer(kept.state, kept.fileId, kept.why ?? null);
  }

  /** The row this file is already, by its bytes; a refused file read without them, by name. */
  private sameFile(
    manager: EntityManager,
    batchId: string,
    name: string,
    file: { bytes: number; sha256: string | null },
  ): Promise<PhotoBatchFileEntity | null> {
    const files = manager.getRepository(PhotoBatchFileEntity);
    if (file.sha256) return files.findOneBy({ batchId, sha256: file.sha256 });
    return files.findOneBy({ batchId, name, state: BatchFileState.REFUSED });
  }
}

/** Why a ZIP cannot be opened at all, as the reason the report gives. */
function archiveRefusal(error: unknown): Refusal | null {
  if (error instanceof ZipTooManyEntriesError) {
    return {
      reason: EntriesReason.TOO_MANY_FILES_IN_BATCH,
      facts: { limit: error.maxEntries },
    };
  }
  // A directory whose numbers point past its own bytes fails a read before a check notices.
  if (error instanceof ZipFormatError || error instanceof RangeError) {
    return { reason: EntriesReason.INVALID_ZIP };
  }
  return null;
}

/** Why a file in a ZIP cannot be unpacked, as the reason the report gives. */
function zipRefusal(error: unknown): Refusal | null {
  if (error instanceof ZipPartTooLargeError) {
    return { reason: 'UNPACKED_TOO_LARGE', facts: { ratio: BULK_PHOTO_LIMITS.zipRatio } };
  }
  if (error instanceof ZipFormatError) return { reason: EntriesReason.ZIP_ENTRY_UNREADABLE };
  return null;
}

/**
 * `work` on every item, `width` at a time, the answers in the items' order. After a failure no
 * item is started, and the failure is thrown once the ones under way have ended (the caller
 * removes what they read).
 */
async function inTurns<T, R>(
  items: readonly T[],
  width: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const answers: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const at = next++;
      try {
        answers[at] = await work(items[at]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const ended = await Promise.allSettled(
    Array.from({ length: Math.min(width, items.length) }, worker),
  );
  const failure = ended.find((end) => end.status === 'rejected');
  if (failure) throw failure.reason;
  return answers;
}
