import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import { EventEntity } from '../event/event.entity';

/**
 * A category of an event, in a tree. `path` is the materialised chain of ids from the root,
 * `/<root>/<child>/…/<self>/`, so "this category and everything under it" is one prefix match.
 */
@Entity({ name: 'categories' })
@Index('UQ_categories_event_code', ['eventId', 'code'], { unique: true })
@Index('IDX_categories_parent', ['parentId'])
export class CategoryEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('event_id'))
  eventId!: string;

  @ManyToOne(() => EventEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'FK_categories_event' })
  event?: EventEntity;

  @Column({ name: 'code', type: 'varchar', length: 32 })
  code!: string;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  @Column(uuidColumn('parent_id', true))
  parentId!: string | null;

  @ManyToOne(() => CategoryEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'parent_id', foreignKeyConstraintName: 'FK_categories_parent' })
  parent?: CategoryEntity;

  @Column({ name: 'path', type: 'varchar', length: 160 })
  path!: string;

  @Column({ name: 'depth', type: 'int' })
  depth!: number;

  @Column(createdAtColumn)
  createdAt!: Date;
}
