import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';

/**
 * A bulk photo upload in progress (docs/http.md, "Bulk photos"): the files sent so far are
 * staged under it (PhotoBatchFileEntity) until a commit makes the matched ones photos of their
 * entries. It belongs to the person who started it; a coordinator's batch reaches only the
 * entries of `regionCode`. Removed with its unused files when untouched for a week.
 */
@Entity({ name: 'photo_batches' })
@Index('IDX_photo_batches_event_creator', ['eventId', 'createdBy'])
@Index('IDX_photo_batches_updated', ['updatedAt'])
export class PhotoBatchEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('event_id'))
  eventId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EventEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'FK_photo_batches_event' })
  event?: object;

  @Column(uuidColumn('created_by'))
  createdBy!: string;

  /** a coordinator's region: the batch matches and adds to these entries only */
  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true })
  regionCode!: string | null;

  /** distinct files staged or refused, kept under the batch's lock (BULK_PHOTO_LIMITS) */
  @Column({ name: 'file_count', type: 'int' })
  fileCount!: number;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
