import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { uuidPrimaryColumn } from '@app/db';
import type { RenditionSize } from '@app/media';
import { ImageEntity } from './image.entity';

/** One WebP rendition of a READY image, served at a URL made of `urlKey` alone. */
@Entity({ name: 'image_renditions' })
@Index('UQ_image_renditions_url_key', ['urlKey'], { unique: true })
export class RenditionEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'image_id' })
  imageId!: string;

  @ManyToOne(() => ImageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'image_id', foreignKeyConstraintName: 'FK_image_renditions_image' })
  image?: ImageEntity;

  @PrimaryColumn({ type: 'varchar', length: 8, charset: 'ascii', collation: 'ascii_bin' })
  size!: RenditionSize;

  @Column({
    name: 'url_key',
    type: 'varchar',
    length: 64,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  urlKey!: string;

  @Column({
    name: 'storage_key',
    type: 'varchar',
    length: 200,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  storageKey!: string;

  @Column({ type: 'int' })
  width!: number;

  @Column({ type: 'int' })
  height!: number;

  @Column({ type: 'int' })
  bytes!: number;

  /** sha256 of the WebP bytes: the strong ETag */
  @Column({ type: 'char', length: 64, charset: 'ascii', collation: 'ascii_bin' })
  sha256!: string;
}
