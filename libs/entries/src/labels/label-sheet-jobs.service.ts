import { Inject, Injectable } from '@nestjs/common';
import type { Job, Queue } from 'bullmq';
import type { Readable } from 'node:stream';
import { Conflict, DomainError, Forbidden, NotFound, RequestCtx, CommonReason } from '@app/core';
import { isOrganiser } from '@app/identity';
import { ENQUEUE_TIMEOUT_MS, JobName, JobPayloads, JobProducer } from '@app/queue';
import { STORAGE_DRIVER, StorageDriver, StorageNotFound } from '@app/storage';
import { LabelSelection, LabelSheetContentService, SHEET_ID } from './label-sheet-content.service';
import { LabelSheetMeta, labelJobId, labelSheetKeys } from './label-sheet-files';
import type { LabelSheetOutcome } from './label-sheet-renderer.service';
import { LabelSheetReason } from './label-sheet.errors';

/** QUEUED (waiting its turn, or a retry after a failure), RUNNING, DONE or FAILED for good. */
export type LabelSheetState = 'QUEUED' | 'RUNNING' | 'DONE' | 'FAILED';

/** What `POST …/labels` and `GET …/labels/{sheetId}` answer (docs/http.md). */
export interface LabelSheetStatus {
  /** the sheet asked about */
  sheetId: string;
  state: LabelSheetState;
  /** labels drawn so far (null until the job reports) */
  done: number | null;
  /** labels the sheet prints (null until known) */
  total: number | null;
  layout: string;
  categoryId: string | null;
  /**
   * Once DONE, where the PDF is: the sheet the job made, whose id differs from `sheetId` when
   * the entries changed between the request and the job (the job prints them as they are).
   */
  file: string | null;
  /** DONE at once: the same content was stored already */
  reused: boolean;
}

type RenderJob = Job<JobPayloads[JobName.RenderLabelSheet], LabelSheetOutcome>;

/**
 * The API's side of exhibit labels: starts a sheet (or finds it made), says how far it has got,
 * and hands out the finished PDF. A sheet is named by its content's hash, so a repeat request for
 * the same entries and codes reuses the stored file, and requests made together queue one job
 * (BullMQ keeps one job per id). Organisers only.
 */
@Injectable()
export class LabelSheetJobsService {
  constructor(
    private readonly content: LabelSheetContentService,
    private readonly producer: JobProducer,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
  ) {}

  async start(ctx: RequestCtx, selection: LabelSelection): Promise<LabelSheetStatus> {
    mustOrganise(ctx);
    const sheet = await this.content.of(ctx, selection);
    const keys = labelSheetKeys(sheet.eventId, sheet.sheetId);
    const total = sheet.data.labels.length;
    if (await this.storage.stat(keys.pdf)) {
      return {
        ...this.describe(sheet, 'DONE', total, total),
        file: fileOf(sheet.eventId, sheet.sheetId),
        reused: true,
      };
    }
    const jobId = labelJobId(sheet.sheetId);
    const existing = await this.job(jobId);
    // A job that failed for good, or finished with a file since deleted, is replaced by a new
    // one; a job still waiting or running is the one this request joins.
    if (existing) {
      const state = await this.queueCall(() => existing.getState());
      if (state === 'failed' || state === 'completed') {
        await this.queueCall(() => existing.remove()).catch(() => undefined);
      }
    }
    const queued = await this.producer.enqueue(
      JobName.RenderLabelSheet,
      {
        eventId: sheet.eventId,
        categoryId: sheet.categoryId,
        layout: sheet.layout,
        sheetId: sheet.sheetId,
      },
      jobId,
    );
    if (!queued) throw queueUnavailable();
    const status = await this.status(ctx, sheet.eventId, sheet.sheetId);
    return { ...status, done: status.done ?? 0, total: status.total ?? total };
  }

  /** How far the sheet has got; NOT_FOUND when this event has no such sheet, made or queued. */
  async status(ctx: RequestCtx, eventId: string, sheetId: string): Promise<LabelSheetStatus> {
    mustOrganise(ctx);
    const id = mustBeSheetId(sheetId);
    const meta = await this.meta(eventId, id);
    if (meta && (await this.storage.stat(labelSheetKeys(eventId, id).pdf))) {
      return {
        sheetId: id,
        state: 'DONE',
        done: meta.labels,
        total: meta.labels,
        layout: meta.layout,
        categoryId: meta.categoryId,
        file: fileOf(eventId, id),
        reused: false,
      };
    }
    const job = await this.job(labelJobId(id));
    if (!job || job.data.eventId.toLowerCase() !== eventId.toLowerCase()) throw sheetNotFound(id);
    const state = await this.queueCall(() => job.getState());
    const progress = progressOf(job.progress);
    const base = {
      sheetId: id,
      layout: job.data.layout,
      categoryId: job.data.categoryId,
      reused: false,
      file: null,
      ...progress,
    };
    switch (state) {
      case 'active':
        return { ...base, state: 'RUNNING' };
      case 'failed':
        return { ...base, state: 'FAILED' };
      case 'completed': {
        const made = job.returnvalue;
        // The entries changed after the request: the job stored the sheet they make now.
        if (made && made.sheetId !== id) {
          return {
            ...base,
            state: 'DONE',
            done: made.labels,
            total: made.labels,
            file: fileOf(eventId, made.sheetId),
          };
        }
        throw sheetNotFound(id); // finished, but its file is gone: ask for it again
      }
      default:
        return { ...base, state: 'QUEUED' };
    }
  }

  /** The finished PDF as a stream, with its name and size. */
  async file(
    ctx: RequestCtx,
    eventId: string,
    sheetId: string,
  ): Promise<{ stream: Readable; fileName: string; bytes: number; sheetId: string }> {
    mustOrganise(ctx);
    const id = mustBeSheetId(sheetId);
    const keys = labelSheetKeys(eventId, id);
    const [meta, stat] = await Promise.all([this.meta(eventId, id), this.storage.stat(keys.pdf)]);
    if (!meta || !stat) {
      // Not there yet: say so when it is on its way, so the page waits rather than gives up.
      const status = await this.status(ctx, eventId, id);
      throw new Conflict(LabelSheetReason.LABEL_SHEET_NOT_READY, `sheet ${id} is ${status.state}`, {
        state: status.state,
      });
    }
    try {
      return {
        stream: await this.storage.get(keys.pdf),
        fileName: meta.fileName,
        bytes: stat.bytes,
        sheetId: id,
      };
    } catch (error) {
      if (error instanceof StorageNotFound) throw sheetNotFound(id);
      throw error;
    }
  }

  private describe(
    sheet: LabelSelection & { sheetId: string },
    state: LabelSheetState,
    done: number | null,
    total: number | null,
  ): LabelSheetStatus {
    return {
      sheetId: sheet.sheetId,
      state,
      done,
      total,
      layout: sheet.layout,
      categoryId: sheet.categoryId,
      file: null,
      reused: false,
    };
  }

  private async meta(eventId: string, sheetId: string): Promise<LabelSheetMeta | null> {
    try {
      const stream = await this.storage.get(labelSheetKeys(eventId, sheetId).meta);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return JSON.parse(Buffer.concat(chunks).toString('utf8')) as LabelSheetMeta;
    } catch (error) {
      if (error instanceof StorageNotFound) return null;
      throw error;
    }
  }

  private async job(jobId: string): Promise<RenderJob | null> {
    const queue: Queue = this.producer.queueOf(JobName.RenderLabelSheet);
    return ((await this.queueCall(() => queue.getJob(jobId))) as RenderJob | undefined) ?? null;
  }

  /** A call to Redis that answers within the enqueue timeout, or QUEUE_UNAVAILABLE. */
  private async queueCall<T>(call: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        call(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(queueUnavailable()), ENQUEUE_TIMEOUT_MS);
        }),
      ]);
    } catch (error) {
      if (error instanceof DomainError) throw error;
      throw queueUnavailable();
    } finally {
      clearTimeout(timer);
    }
  }
}

/** The download's path (docs/http.md). */
export function fileOf(eventId: string, sheetId: string): string {
  return `/api/events/${eventId}/labels/${sheetId}.pdf`;
}

function progressOf(progress: unknown): { done: number | null; total: number | null } {
  if (typeof progress === 'object' && progress !== null) {
    const { done, total } = progress as { done?: unknown; total?: unknown };
    if (typeof done === 'number' && typeof total === 'number') return { done, total };
  }
  return { done: null, total: null };
}

function mustOrganise(ctx: RequestCtx): void {
  if (!isOrganiser(ctx.viewer)) {
    throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'exhibit labels are for organisers');
  }
}

function mustBeSheetId(sheetId: string): string {
  if (!SHEET_ID.test(sheetId)) throw sheetNotFound(sheetId);
  return sheetId;
}

function sheetNotFound(sheetId: string): NotFound {
  return new NotFound(
    LabelSheetReason.LABEL_SHEET_NOT_FOUND,
    `no sheet of labels ${sheetId.slice(0, 40)} for this event; ask for the labels again`,
  );
}

function queueUnavailable(): DomainError {
  return new DomainError(
    'INTERNAL_SERVER_ERROR',
    LabelSheetReason.QUEUE_UNAVAILABLE,
    'the job queue did not answer; nothing was queued: try again in a moment',
    { retryable: true, retryAfterSeconds: 5 },
    503,
  );
}
