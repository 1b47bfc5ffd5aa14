import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import type { AcceptedFormat } from '@app/media';
import { PhotoBatchEntity } from './photo-batch.entity';

/**
 * What became of a file: STAGED (stored, checked, waiting for the commit), REFUSED by the
 * checks (never stored), ADDED as a photo of `entryId` (`imageId`), ALREADY_THERE (the entry
 * had these bytes), NOT_ADDED (the commit was refused for `reason`; tried again by the next).
 */
export enum BatchFileState {
  STAGED = 'STAGED',
  REFUSED = 'REFUSED',
  ADDED = 'ADDED',
  ALREADY_THERE = 'ALREADY_THERE',
  NOT_ADDED = 'NOT_ADDED',
}

/**
 * One distinct file of a bulk photo upload, known by its bytes (sha256): sending it again
 * stores nothing more, which is what makes an interrupted upload resumable. `storageKey` is
 * the staged original while the batch owns it; it becomes the image's original when ADDED
 * (and is cleared here), and is deleted when the file will not be used.
 */
@Entity({ name: 'photo_batch_files' })
@Index('UQ_photo_batch_files_batch_sha256', ['batchId', 'sha256'], { unique: true })
export class PhotoBatchFileEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('batch_id'))
  batchId!: string;

  @ManyToOne(() => PhotoBatchEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'batch_id', foreignKeyConstraintName: 'FK_photo_batch_files_batch' })
  batch?: PhotoBatchEntity;

  /** the name as sent (photo-names.ts displayName): shown and matched, never a path */
  @Column({ type: 'varchar', length: 400 })
  name!: string;

  @Column({ type: 'int' })
  bytes!: number;

  /** null for a file refused before it was read whole (too large, a broken ZIP) */
  @Column({
    type: 'char',
    length: 64,
    nullable: true,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  sha256!: string | null;

  @Column({
    name: 'storage_key',
    type: 'varchar',
    length: 200,
    nullable: true,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  storageKey!: string | null;

  @Column({
    type: 'varchar',
    length: 8,
    nullable: true,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  format!: AcceptedFormat | null;

  @Column({ type: 'varchar', length: 16 })
  state!: BatchFileState;

  /** why it was REFUSED or NOT_ADDED (docs/errors.md) */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reason!: string | null;

  /** the refusal's safe facts (a limit, the pixels), as JSON */
  @Column({ type: 'varchar', length: 500, nullable: true })
  facts!: string | null;

  /** the entry it was added to, or the last one the commit tried */
  @Column(uuidColumn('entry_id', true))
  entryId!: string | null;

  @Column(uuidColumn('image_id', true))
  imageId!: string | null;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
