import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidPrimaryColumn } from '@app/db';
import { EventKind, EventStatus } from './event-status';

/** One edition of a fair or exhibition. */
@Entity({ name: 'events' })
@Index('UQ_events_slug', ['slug'], { unique: true })
export class EventEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column({ name: 'slug', type: 'varchar', length: 64 })
  slug!: string;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'kind', type: 'varchar', length: 32 })
  kind!: EventKind;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: EventStatus;

  @Column({ name: 'submission_opens_at', type: 'datetime', precision: 3, nullable: true })
  submissionOpensAt!: Date | null;

  @Column({ name: 'submission_closes_at', type: 'datetime', precision: 3, nullable: true })
  submissionClosesAt!: Date | null;

  @Column({ name: 'max_entries_per_entrant', type: 'int' })
  maxEntriesPerEntrant!: number;

  @Column({ name: 'max_images_per_entry', type: 'int' })
  maxImagesPerEntry!: number;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
