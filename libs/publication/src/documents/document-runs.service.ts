import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, LessThan } from 'typeorm';
import { RequestCtx } from '@app/core';
import { repo } from '@app/db';
import { JobName, JobProducer } from '@app/queue';
import { DocumentRunState, PublicationDocumentRunEntity } from './publication-document.entity';

/** The job's id: one per request (finalising, then each revocation), so a repeat is a no-op. */
export function documentsJobId(publicationId: string, requestedAt: Date): string {
  return `publication-documents-${publicationId}-${requestedAt.getTime()}`;
}

/**
 * The runs of the job that makes a FINAL publication's documents (its row in
 * publication_document_runs): asked for in the transaction that makes them due (finalising, a
 * revocation), queued after it commits, moved along by the job, read by organisers' views and
 * by the sweep that queues a lost one again.
 */
@Injectable()
export class DocumentRunsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly jobs: JobProducer,
  ) {}

  /**
   * Inside the caller's transaction: the publication's documents are due (again) as of `at`.
   * The counts stay as they were until the job counts again.
   */
  async request(manager: EntityManager, publicationId: string, at: Date): Promise<void> {
    await manager.query(
      `INSERT INTO publication_document_runs (publication_id, state, requested_at, total, rendered)
       VALUES (?, ?, ?, 0, 0)
       ON DUPLICATE KEY UPDATE state = VALUES(state), requested_at = VALUES(requested_at), failure = NULL`,
      [publicationId, DocumentRunState.QUEUED, at],
    );
  }

  /** After commit: queues the job of that request (never throws; the sweep repairs a miss). */
  enqueue(publicationId: string, requestedAt: Date): Promise<boolean> {
    return this.jobs.enqueue(
      JobName.RenderPublicationDocuments,
      { publicationId },
      documentsJobId(publicationId, requestedAt),
    );
  }

  async get(ctx: RequestCtx, publicationId: string): Promise<PublicationDocumentRunEntity | null> {
    return repo(this.dataSource, ctx, PublicationDocumentRunEntity).findOneBy({ publicationId });
  }

  async ofPublications(
    ctx: RequestCtx,
    publicationIds: readonly string[],
  ): Promise<Map<string, PublicationDocumentRunEntity>> {
    if (publicationIds.length === 0) return new Map();
    const rows = await repo(this.dataSource, ctx, PublicationDocumentRunEntity).findBy({
      publicationId: In([...new Set(publicationIds)]),
    });
    return new Map(rows.map((r) => [r.publicationId, r]));
  }

  /** The job has started: RENDERING, no failure (a run asked for again keeps its new date). */
  async start(publicationId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO publication_document_runs (publication_id, state, requested_at, total, rendered)
       VALUES (?, ?, CURRENT_TIMESTAMP(3), 0, 0)
       ON DUPLICATE KEY UPDATE state = VALUES(state), failure = NULL`,
      [publicationId, DocumentRunState.RENDERING],
    );
  }

  async progress(publicationId: string, rendered: number, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE publication_document_runs SET rendered = ?, total = ?, updated_at = CURRENT_TIMESTAMP(3)
        WHERE publication_id = ?`,
      [rendered, total, publicationId],
    );
  }

  /**
   * Every document is stored. DONE only if nobody asked again while the job ran (a revocation
   * meanwhile): then the run stays QUEUED for the job of that request, with the counts.
   */
  async finish(publicationId: string, requestedAt: Date, total: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE publication_document_runs
          SET state = IF(requested_at = ?, ?, ?), rendered = ?, total = ?, failure = NULL
        WHERE publication_id = ?`,
      [requestedAt, DocumentRunState.DONE, DocumentRunState.QUEUED, total, total, publicationId],
    );
  }

  async fail(publicationId: string, failure: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE publication_document_runs SET state = ?, failure = ? WHERE publication_id = ?`,
      [DocumentRunState.FAILED, failure.slice(0, 500), publicationId],
    );
  }

  /**
   * Runs whose job may be lost: QUEUED or RENDERING and untouched since `before` (the job
   * writes its progress as it goes), or FAILED and untouched since `failedBefore`.
   */
  stale(before: Date, failedBefore: Date, limit: number): Promise<PublicationDocumentRunEntity[]> {
    return this.dataSource.getRepository(PublicationDocumentRunEntity).find({
      where: [
        {
          state: In([DocumentRunState.QUEUED, DocumentRunState.RENDERING]),
          updatedAt: LessThan(before),
        },
        { state: DocumentRunState.FAILED, updatedAt: LessThan(failedBefore) },
      ],
      order: { updatedAt: 'ASC' },
      take: limit,
    });
  }
}
