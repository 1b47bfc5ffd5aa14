import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { updatedAtColumn, uuidPrimaryColumn } from '@app/db';
import { PublicationEntity } from '../publication.entity';

const ASCII = { charset: 'ascii', collation: 'ascii_bin' } as const;

export enum PublicationDocumentKind {
  /** one award's certificate, by entry code */
  CERTIFICATE = 'CERTIFICATE',
  /** the published list as PDF (entry code '') */
  LIST = 'LIST',
}

/**
 * A document of a publication, stored: which file holds it and the hash of what it was drawn
 * from (document-content.ts). It is served only while that hash is what the publication says
 * now; a revoked award, a new template or another PUBLIC_URL make another hash, and the file
 * is drawn again.
 */
@Entity({ name: 'publication_documents' })
export class PublicationDocumentEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'publication_id' })
  publicationId!: string;

  @ManyToOne(() => PublicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'publication_id',
    foreignKeyConstraintName: 'FK_publication_documents_publication',
  })
  publication?: PublicationEntity;

  @PrimaryColumn({ type: 'varchar', length: 16, ...ASCII })
  kind!: PublicationDocumentKind;

  /** the certificate's entry code; '' for the list */
  @PrimaryColumn({ name: 'entry_code', type: 'varchar', length: 40 })
  entryCode!: string;

  @Column({ name: 'content_hash', type: 'char', length: 64, ...ASCII })
  contentHash!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 200, ...ASCII })
  storageKey!: string;

  @Column({ type: 'int' })
  bytes!: number;

  @Column({ name: 'rendered_at', type: 'datetime', precision: 3 })
  renderedAt!: Date;
}

export enum DocumentRunState {
  /** asked for (finalised, or an award revoked since), the job not started */
  QUEUED = 'QUEUED',
  RENDERING = 'RENDERING',
  /** every document of the publication stored, as it is now */
  DONE = 'DONE',
  /** the job's last attempt failed; the sweep tries again an hour later */
  FAILED = 'FAILED',
}

/**
 * The job making a FINAL publication's documents: its state and progress (shown to organisers)
 * and when it was last asked for (its job id, so asking again after a revocation queues a new
 * job while an older one may still run). The sweep queues again a run that stayed QUEUED or
 * RENDERING without progress.
 */
@Entity({ name: 'publication_document_runs' })
@Index('IDX_publication_document_runs_state_updated', ['state', 'updatedAt'])
export class PublicationDocumentRunEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'publication_id' })
  publicationId!: string;

  @ManyToOne(() => PublicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'publication_id',
    foreignKeyConstraintName: 'FK_publication_document_runs_publication',
  })
  publication?: PublicationEntity;

  @Column({ type: 'varchar', length: 16, ...ASCII })
  state!: DocumentRunState;

  @Column({ name: 'requested_at', type: 'datetime', precision: 3 })
  requestedAt!: Date;

  /** documents the publication has (its certificates and the list); 0 until the job counts */
  @Column({ type: 'int' })
  total!: number;

  /** of them, stored as the publication is now */
  @Column({ type: 'int' })
  rendered!: number;

  @Column({ type: 'varchar', length: 500, nullable: true })
  failure!: string | null;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
