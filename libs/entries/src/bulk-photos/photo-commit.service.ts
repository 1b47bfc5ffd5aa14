import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BadUserInput, DomainError, RequestCtx } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { EventService } from '@app/events';
import { STORAGE_DRIVER, StorageDriver } from '@app/storage';
import { EntriesReason } from '../entries.errors';
import { ORGANISER_EDITABLE } from '../entry/entry-status';
import { EntryEntity } from '../entry/entry.entity';
import { ImageUploadService } from '../image/image-upload.service';
import { ImageEntity } from '../image/image.entity';
import { BULK_PHOTO_LIMITS } from './bulk-photo-limits';
import { BatchFileState, PhotoBatchFileEntity } from './photo-batch-file.entity';
import { PhotoBatchEntity } from './photo-batch.entity';
import { PhotoBatchService } from './photo-batch.service';
import { EntryMatcher, EntryPhotos, Match, MatchedBy, Plan, planPhotos } from './photo-matching';

/** An entry as the report names it. */
export interface ReportEntry {
  id: string;
  code: string | null;
  title: string;
}

/**
 * One file of the report. Before the commit: MATCHED (to be added at `position`), NO_ROOM (the
 * entry would be full: TOO_MANY_IMAGES), ALREADY_THERE (the entry has these bytes), AMBIGUOUS
 * (several entries fit: `candidates`), UNMATCHED, REFUSED by the checks (`reason`). After it:
 * ADDED (`imageId`, `imageStatus`), ALREADY_THERE, or NOT_ADDED (`reason`; the next commit
 * tries again).
 */
export interface ReportFile {
  id: string;
  name: string;
  bytes: number;
  state:
    | 'MATCHED'
    | 'NO_ROOM'
    | 'ALREADY_THERE'
    | 'AMBIGUOUS'
    | 'UNMATCHED'
    | 'REFUSED'
    | 'ADDED'
    | 'NOT_ADDED';
  reason?: string;
  facts?: Record<string, unknown>;
  matchedBy?: MatchedBy;
  entry?: ReportEntry;
  position?: number;
  candidates?: ReportEntry[];
  imageId?: string;
  imageStatus?: string;
}

export interface BatchReport {
  batchId: string;
  eventId: string;
  /** a coordinator's batch: only this region's entries */
  regionCode: string | null;
  maxImagesPerEntry: number;
  expiresAt: Date;
  counts: Record<ReportFile['state'], number>;
  files: ReportFile[];
}

/** A person's choice of entry for a file (an AMBIGUOUS or UNMATCHED one), by ids. */
export type Choices = Readonly<Record<string, string>>;

const OPEN_STATES: readonly BatchFileState[] = [BatchFileState.STAGED, BatchFileState.NOT_ADDED];
/**
 * Files added in one transaction: one commit (and its flush to disk) for many photos, the event
 * locked for a few tenths of a second at most, which single uploads wait out.
 */
const FILES_A_TRANSACTION = 25;
const IN_CHUNKS = 1000;

/**
 * The preview and the commit of a bulk photo upload (docs/http.md, "Bulk photos"). Both match
 * the batch's files to the event's entries (the coordinator's region's only) by name
 * (photo-matching.ts) and plan where each goes; the preview only says so, the commit then adds
 * the files through ImageUploadService.addChecked, a few a transaction that holds their rows,
 * each under its entry's lock: the per-entry limit and positions hold as for
 * single uploads, whatever runs at the same time, and two commits of one batch add each file
 * once. Render jobs are queued as each photo is committed.
 */
@Injectable()
export class PhotoCommitService {
  private readonly logger = new Logger(PhotoCommitService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    private readonly batches: PhotoBatchService,
    private readonly events: EventService,
    private readonly uploads: ImageUploadService,
  ) {}

  async preview(ctx: RequestCtx, batchId: string, choices: Choices = {}): Promise<BatchReport> {
    const batch = await this.batches.mustGetOwn(ctx, batchId);
    return (await this.plan(ctx, batch, choices)).report;
  }

  async commit(
    ctx: RequestCtx,
    batchId: string,
    choices: Choices = {},
    now = new Date(),
  ): Promise<BatchReport> {
    const batch = await this.batches.mustGetOwn(ctx, batchId);
    // Touched: a batch being committed is not abandoned.
    await repo(this.dataSource, ctx, PhotoBatchEntity).update(
      { id: batch.id },
      { updatedAt: () => 'CURRENT_TIMESTAMP(3)' },
    );
    const { order } = await this.plan(ctx, batch, choices);
    for (let at = 0; at < order.length; at += FILES_A_TRANSACTION) {
      await this.addSome(ctx, batch, order.slice(at, at + FILES_A_TRANSACTION), now);
    }
    return (await this.plan(ctx, batch, {})).report;
  }

  /**
   * A few files made photos of their entries, or not, in one transaction holding their rows (a
   * file another commit has taken meanwhile is left alone), each added as a single upload is.
   * A refusal (the entry full, not editable now) comes before anything of that file is written;
   * it is written on the file's row, whose staged bytes stay for a later commit, and the others
   * go on. The render jobs are queued once the transaction has committed.
   */
  private async addSome(
    ctx: RequestCtx,
    batch: PhotoBatchEntity,
    some: ReadonlyArray<{ fileId: string; entryId: string }>,
    now: Date,
  ): Promise<void> {
    const done = await inTransaction(this.dataSource, ctx, async (tx, manager) => {
      const files = manager.getRepository(PhotoBatchFileEntity);
      // One locking read, in id order: two commits of a batch take its rows in the same order.
      const locked = new Map(
        (
          await files.find({
            where: { id: In(some.map((f) => f.fileId)), batchId: batch.id },
            order: { id: 'ASC' },
            lock: { mode: 'pessimistic_write' },
          })
        ).map((file) => [file.id, file]),
      );
      const outcomes: Array<{ created: boolean; imageId: string; unused: string | null }> = [];
      for (const { fileId, entryId } of some) {
        const file = locked.get(fileId);
        if (!file || !OPEN_STATES.includes(file.state) || !file.storageKey || !file.sha256) {
          continue;
        }
        try {
          const { image, created } = await this.uploads.addChecked(
            tx,
            entryId,
            { key: file.storageKey, bytes: file.bytes, sha256: file.sha256 },
            file.format!,
            now,
            'BULK_ADD',
          );
          await files.update(
            { id: file.id },
            {
              state: created ? BatchFileState.ADDED : BatchFileState.ALREADY_THERE,
              // Now the image's original (ADDED), or a copy to remove: no longer the batch's.
              storageKey: null,
              entryId,
              imageId: image.id,
              reason: null,
              facts: null,
            },
          );
          outcomes.push({ created, imageId: image.id, unused: created ? null : file.storageKey });
        } catch (error) {
          // Every refusal comes before the photo's row is written (the entry, its state, room).
          if (!(error instanceof DomainError)) throw error;
          await files.update(
            { id: file.id },
            {
              state: BatchFileState.NOT_ADDED,
              entryId,
              reason: error.reason,
              facts: error.details ? JSON.stringify(error.details).slice(0, 500) : null,
            },
          );
        }
      }
      return outcomes;
    });
    for (const { unused } of done) {
      if (!unused) continue;
      await this.storage.delete(unused).catch((error: Error) => {
        this.logger.error(`could not remove the staged photo ${unused}: ${error.message}`);
      });
    }
    // After the commit, as a single upload does; the sweep queues them should this fail.
    await this.uploads.queueRender(done.filter((d) => d.created).map((d) => d.imageId));
  }

  /** The report of the batch as it is now, and the files a commit would add, in order. */
  private async plan(
    ctx: RequestCtx,
    batch: PhotoBatchEntity,
    choices: Choices,
  ): Promise<{ report: BatchReport; order: { fileId: string; entryId: string }[] }> {
    const event = await this.events.mustGet(ctx, batch.eventId);
    const files = await repo(this.dataSource, ctx, PhotoBatchFileEntity).find({
      where: { batchId: batch.id },
      order: { createdAt: 'ASC', name: 'ASC' },
    });
    const entries = await this.entriesOf(ctx, batch);
    const live = [...entries.values()].filter((entry) => ORGANISER_EDITABLE.includes(entry.status));
    const matcher = new EntryMatcher(live);
    for (const [fileId, entryId] of Object.entries(choices)) {
      const file = files.find((f) => f.id === fileId);
      if (!file || !OPEN_STATES.includes(file.state) || !matcher.has(entryId)) {
        throw new BadUserInput(
          EntriesReason.INVALID_ASSIGNMENT,
          `file ${fileId} cannot be given to entry ${entryId}: not a waiting file of this batch, or not an entry it reaches`,
          { fileId, entryId },
        );
      }
    }

    const matches = new Map<string, Match>();
    for (const file of files) {
      if (!OPEN_STATES.includes(file.state)) continue;
      const byName = matcher.match(file.name);
      // A person's choice, this time or (for a file the last commit could not add) before.
      const chosen =
        choices[file.id] ??
        (byName.kind !== 'MATCHED' && file.state === BatchFileState.NOT_ADDED
          ? file.entryId
          : null);
      matches.set(
        file.id,
        chosen && matcher.has(chosen)
          ? { kind: 'MATCHED', entryId: chosen, by: 'CHOSEN', n: 1 }
          : byName,
      );
    }
    const matched = files.flatMap((file) => {
      const match = matches.get(file.id);
      return match?.kind === 'MATCHED'
        ? [
            {
              id: file.id,
              name: file.name,
              sha256: file.sha256!,
              entryId: match.entryId,
              n: match.n,
            },
          ]
        : [];
    });
    const photos = await this.photosOf(ctx, [...new Set(matched.map((f) => f.entryId))]);
    const plans = planPhotos(matched, (id) => photos.get(id) ?? NO_PHOTOS, event.maxImagesPerEntry);
    const statuses = await this.imageStatuses(ctx, files);

    const named = (id: string | null): ReportEntry | undefined => {
      const entry = id ? entries.get(id) : undefined;
      return entry ? { id: entry.id, code: entry.code, title: entry.title } : undefined;
    };
    const reportFiles = files.map((file) =>
      fileReport(file, matches.get(file.id), plans.get(file.id), named, statuses),
    );
    const counts = Object.fromEntries(STATES.map((state) => [state, 0])) as BatchReport['counts'];
    for (const file of reportFiles) counts[file.state] += 1;
    // The commit's order: entry by entry, in the order planPhotos gave them positions.
    const order = matched
      .map((file) => ({ file, plan: plans.get(file.id)! }))
      .sort(
        (a, b) =>
          a.file.entryId.localeCompare(b.file.entryId) ||
          rank(a.plan) - rank(b.plan) ||
          a.file.n - b.file.n ||
          a.file.name.localeCompare(b.file.name),
      )
      .map(({ file }) => ({ fileId: file.id, entryId: file.entryId }));
    return {
      report: {
        batchId: batch.id,
        eventId: batch.eventId,
        regionCode: batch.regionCode,
        maxImagesPerEntry: event.maxImagesPerEntry,
        expiresAt: new Date(batch.updatedAt.getTime() + BULK_PHOTO_LIMITS.keepMs),
        counts,
        files: reportFiles,
      },
      order,
    };
  }

  /** Every entry of the event the batch may reach (its region's, for a coordinator's). */
  private async entriesOf(
    ctx: RequestCtx,
    batch: PhotoBatchEntity,
  ): Promise<Map<string, Pick<EntryEntity, 'id' | 'code' | 'title' | 'status'>>> {
    const rows = await repo(this.dataSource, ctx, EntryEntity).find({
      select: { id: true, code: true, title: true, status: true },
      where: {
        eventId: batch.eventId,
        ...(batch.regionCode ? { regionCode: batch.regionCode } : {}),
      },
    });
    return new Map(rows.map((row) => [row.id, row]));
  }

  /** The photos of the matched entries now: one query per thousand entries. */
  private async photosOf(ctx: RequestCtx, entryIds: string[]): Promise<Map<string, EntryPhotos>> {
    const photos = new Map<string, { count: number; lastPosition: number; sha256s: Set<string> }>();
    for (let at = 0; at < entryIds.length; at += IN_CHUNKS) {
      const rows = await repo(this.dataSource, ctx, ImageEntity).find({
        select: { entryId: true, position: true, sha256: true },
        where: { entryId: In(entryIds.slice(at, at + IN_CHUNKS)) },
      });
      for (const row of rows) {
        const known = photos.get(row.entryId) ?? { count: 0, lastPosition: 0, sha256s: new Set() };
        known.count += 1;
        known.lastPosition = Math.max(known.lastPosition, row.position);
        known.sha256s.add(row.sha256);
        photos.set(row.entryId, known);
      }
    }
    return photos;
  }

  /** The processing state of the photos the batch added (PENDING until the worker is done). */
  private async imageStatuses(
    ctx: RequestCtx,
    files: readonly PhotoBatchFileEntity[],
  ): Promise<Map<string, string>> {
    const ids = files.flatMap((file) => (file.imageId ? [file.imageId] : []));
    const statuses = new Map<string, string>();
    for (let at = 0; at < ids.length; at += IN_CHUNKS) {
      const rows = await repo(this.dataSource, ctx, ImageEntity).find({
        select: { id: true, status: true },
        where: { id: In(ids.slice(at, at + IN_CHUNKS)) },
      });
      for (const row of rows) statuses.set(row.id, row.status);
    }
    return statuses;
  }
}

const NO_PHOTOS: EntryPhotos = { count: 0, lastPosition: 0, sha256s: new Set() };

const STATES: readonly ReportFile['state'][] = [
  'MATCHED',
  'NO_ROOM',
  'ALREADY_THERE',
  'AMBIGUOUS',
  'UNMATCHED',
  'REFUSED',
  'ADDED',
  'NOT_ADDED',
];

/** Files that fit first, so a commit fills the entry before it meets the limit. */
const rank = (plan: Plan) =>
  plan.state === 'MATCHED' ? 0 : plan.state === 'ALREADY_THERE' ? 1 : 2;

function fileReport(
  file: PhotoBatchFileEntity,
  match: Match | undefined,
  plan: Plan | undefined,
  named: (id: string | null) => ReportEntry | undefined,
  statuses: ReadonlyMap<string, string>,
): ReportFile {
  const base = { id: file.id, name: file.name, bytes: file.bytes };
  const why = file.reason
    ? {
        reason: file.reason,
        ...(file.facts ? { facts: JSON.parse(file.facts) as Record<string, unknown> } : {}),
      }
    : {};
  switch (file.state) {
    case BatchFileState.REFUSED:
      return { ...base, state: 'REFUSED', ...why };
    case BatchFileState.ADDED:
    case BatchFileState.ALREADY_THERE:
      return {
        ...base,
        state: file.state,
        entry: named(file.entryId),
        imageId: file.imageId ?? undefined,
        imageStatus: file.imageId ? statuses.get(file.imageId) : undefined,
      };
    default:
      break;
  }
  if (file.state === BatchFileState.NOT_ADDED) {
    return { ...base, state: 'NOT_ADDED', ...why, entry: named(file.entryId) };
  }
  if (!match || match.kind === 'UNMATCHED') return { ...base, state: 'UNMATCHED' };
  if (match.kind === 'AMBIGUOUS') {
    return {
      ...base,
      state: 'AMBIGUOUS',
      candidates: match.candidates.flatMap((id) => named(id) ?? []),
    };
  }
  const entry = named(match.entryId);
  if (plan?.state === 'MATCHED') {
    return { ...base, state: 'MATCHED', matchedBy: match.by, entry, position: plan.position };
  }
  if (plan?.state === 'NO_ROOM') {
    return {
      ...base,
      state: 'NO_ROOM',
      matchedBy: match.by,
      entry,
      reason: EntriesReason.TOO_MANY_IMAGES,
      facts: { limit: plan.limit },
    };
  }
  return { ...base, state: 'ALREADY_THERE', matchedBy: match.by, entry };
}
