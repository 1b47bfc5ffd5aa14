import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import type { AcceptedFormat } from '@app/media';
import { EntryEntity } from '../entry/entry.entity';
import { ImageStatus } from './image-status';

/**
 * A photo of an entry. The original is kept under `originalKey`; the renditions under keys
 * made from `renderKey`, a random value that names neither the entrant nor the file, so a
 * rendition URL says nothing in a blind round. The file's name is not kept at all.
 */
@Entity({ name: 'images' })
@Index('UQ_images_entry_sha256', ['entryId', 'sha256'], { unique: true })
@Index('IDX_images_entry_position', ['entryId', 'position'])
@Index('IDX_images_status_updated', ['status', 'updatedAt'])
export class ImageEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('entry_id'))
  entryId!: string;

  @ManyToOne(() => EntryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'FK_images_entry' })
  entry?: EntryEntity;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: ImageStatus;

  @Column({ type: 'char', length: 64, charset: 'ascii', collation: 'ascii_bin' })
  sha256!: string;

  @Column({ type: 'int' })
  bytes!: number;

  @Column({ type: 'varchar', length: 8, charset: 'ascii', collation: 'ascii_bin' })
  format!: AcceptedFormat;

  @Column({
    name: 'original_key',
    type: 'varchar',
    length: 200,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  originalKey!: string;

  @Column({
    name: 'render_key',
    type: 'char',
    length: 32,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  renderKey!: string;

  @Column({ type: 'int', nullable: true })
  width!: number | null;

  @Column({ type: 'int', nullable: true })
  height!: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  placeholder!: string | null;

  @Column({ name: 'failure_reason', type: 'varchar', length: 500, nullable: true })
  failureReason!: string | null;

  @Column(uuidColumn('created_by', true))
  createdBy!: string | null;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
