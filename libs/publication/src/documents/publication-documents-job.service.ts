import { Injectable, Logger } from '@nestjs/common';
import { systemCtx } from '@app/core';
import { PublicationStatus } from '../publication-enums';
import { PublicationService } from '../publication.service';
import { AwardRevocationService } from '../revocation/award-revocation.service';
import { certificateContent, listContent } from './document-content';
import { DocumentRunsService } from './document-runs.service';
import { PublicationNames } from './publication-names.service';
import { AnyDocumentContent, rowKey, StoredDocuments } from './stored-documents.service';

/** How often the run's progress is written while the job draws: documents, and milliseconds. */
const PROGRESS_EVERY = 25;
const PROGRESS_EVERY_MS = 1_000;
/**
 * Documents being stored while the next ones are drawn: a file is written and flushed to disk
 * (fsync) and its row upserted, which waits on the disk and the database, not the CPU.
 */
const STORES_IN_FLIGHT = 4;

export type DocumentsJobOutcome =
  | { kind: 'done'; total: number; rendered: number; reused: number }
  | { kind: 'skipped'; why: string };

export interface DocumentsJobOptions {
  /** the job's last attempt: a failure now is FAILED (the sweep tries again an hour later) */
  finalAttempt?: boolean;
  /** told after each document (the processor reports it to BullMQ) */
  onProgress?: (done: number, total: number) => unknown;
}

/**
 * The worker's job for one FINAL publication (issue 22): every award's certificate (drawn as
 * REVOKED for an award revoked since) and the list as PDF, stored. Idempotent and resumable: a
 * document whose stored row already holds its content's hash, with its file present, is
 * skipped, so a job run again (after a crash, a lost job queued again by the sweep, or a
 * revocation) draws only what is missing or changed. Its progress is written as it goes.
 */
@Injectable()
export class PublicationDocumentsJob {
  private readonly logger = new Logger(PublicationDocumentsJob.name);

  constructor(
    private readonly publications: PublicationService,
    private readonly revocations: AwardRevocationService,
    private readonly names: PublicationNames,
    private readonly stored: StoredDocuments,
    private readonly runs: DocumentRunsService,
  ) {}

  async run(
    publicationId: string,
    options: DocumentsJobOptions = {},
  ): Promise<DocumentsJobOutcome> {
    const ctx = systemCtx(`publication-documents-${publicationId}`);
    const publication = await this.publications.byId(ctx, publicationId);
    if (!publication) return { kind: 'skipped', why: 'no such publication' };
    if (publication.status !== PublicationStatus.FINAL) {
      return { kind: 'skipped', why: `publication is ${publication.status}` };
    }
    // The request this run answers: read before anything else, so one made while it runs
    // (a revocation) is not marked done by it.
    const requestedAt = (await this.runs.get(ctx, publicationId))?.requestedAt ?? new Date(0);
    await this.runs.start(publicationId);
    try {
      const contents = await this.contentsOf(publicationId);
      const rows = await this.stored.rowsOf(ctx, publicationId);
      const total = contents.length;
      const missing: AnyDocumentContent[] = [];
      for (const content of contents) {
        const row = rows.get(rowKey(content.kind, content.entryCode));
        if (!(await this.stored.isStored(row, content))) missing.push(content);
      }
      let done = total - missing.length;
      const reused = done;
      await this.runs.progress(publicationId, done, total);
      let reportedAt = Date.now();
      let reportedDone = done;
      const stored = async () => {
        done += 1;
        await options.onProgress?.(done, total);
        if (done - reportedDone >= PROGRESS_EVERY || Date.now() - reportedAt >= PROGRESS_EVERY_MS) {
          reportedAt = Date.now();
          reportedDone = done;
          await this.runs.progress(publicationId, done, total);
        }
      };
      // Each document is drawn while the ones before it are still being written. A failure
      // stops the drawing; what is in flight settles before the job fails, so a job run again
      // finds exactly what was stored.
      const storing = new Set<Promise<void>>();
      let failure: { error: unknown } | null = null;
      try {
        for (const content of missing) {
          if (failure) break;
          const bytes = await this.stored.render(content);
          const row = rows.get(rowKey(content.kind, content.entryCode)) ?? null;
          const store: Promise<void> = this.stored
            .store(ctx, publicationId, content, bytes, row)
            .then(stored)
            .catch((error: unknown) => {
              failure ??= { error };
            })
            .finally(() => storing.delete(store));
          storing.add(store);
          if (storing.size >= STORES_IN_FLIGHT) await Promise.race(storing);
        }
      } finally {
        await Promise.all(storing);
      }
      if (failure) throw (failure as { error: unknown }).error;
      await this.runs.finish(publicationId, requestedAt, total);
      if (missing.length > 0) {
        this.logger.log(
          `publication ${publicationId}: ${missing.length} documents drawn, ${reused} already stored`,
        );
      }
      return { kind: 'done', total, rendered: missing.length, reused };
    } catch (error) {
      if (options.finalAttempt) {
        await this.runs
          .fail(publicationId, (error as Error).message ?? String(error))
          .catch(() => undefined);
      }
      throw error;
    }
  }

  /** The list, then each award's certificate in the list's order, as the publication is now. */
  private async contentsOf(publicationId: string): Promise<AnyDocumentContent[]> {
    const ctx = systemCtx(`publication-documents-${publicationId}`);
    const publication = await this.publications.mustGet(ctx, publicationId);
    const [names, itemsOf, revocationsOf] = await Promise.all([
      this.names.of(ctx, publication),
      this.publications.itemsOf(ctx, [publicationId]),
      this.revocations.ofPublications(ctx, [publicationId]),
    ]);
    const items = itemsOf.get(publicationId) ?? [];
    const revoked = revocationsOf.get(publicationId) ?? new Map();
    return [
      listContent(publication, names, items),
      ...items
        .filter((item) => item.certificateCode !== null)
        .map((item) =>
          certificateContent(
            publication,
            names.eventName,
            item,
            revoked.get(item.entryCode),
            this.stored.url,
          ),
        ),
    ];
  }
}
