import {
  Column,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  ValueTransformer,
} from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import { EntryStatus } from './entry-status';

/** A list of strings kept as a JSON array in a text column (MariaDB's JSON is longtext anyway). */
const stringList: ValueTransformer = {
  to: (value: string[] | undefined) => (value === undefined ? undefined : JSON.stringify(value)),
  from: (value: string | null) => (value ? (JSON.parse(value) as string[]) : []),
};

/**
 * A work or product submitted to an event. `regionCode` is the entrant's region, copied in so
 * a coordinator's view and the region filter need no join. The relations to other domains'
 * entities are here only so the schema's foreign keys are declared; code reads those rows
 * through the other domains' services, never through these relations.
 */
@Entity({ name: 'entries' })
@Index('UQ_entries_event_code', ['eventId', 'code'], { unique: true })
@Index('IDX_entries_event_created', ['eventId', 'createdAt', 'id'])
@Index('IDX_entries_event_status', ['eventId', 'status'])
@Index('IDX_entries_event_region', ['eventId', 'regionCode'])
@Index('IDX_entries_category', ['categoryId'])
@Index('IDX_entries_entrant_event', ['entrantId', 'eventId'])
export class EntryEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('event_id'))
  eventId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EventEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'FK_entries_event' })
  event?: object;

  @Column(uuidColumn('entrant_id'))
  entrantId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EntrantEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entrant_id', foreignKeyConstraintName: 'FK_entries_entrant' })
  entrant?: object;

  @Column(uuidColumn('category_id'))
  categoryId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('CategoryEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'FK_entries_category' })
  category?: object;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('RegionEntity', { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_entries_region' })
  region?: object;

  /** the exhibit code, given on acceptance (e.g. B03-0127) */
  @Column({ name: 'code', type: 'varchar', length: 40, nullable: true })
  code!: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16 })
  status!: EntryStatus;

  @Column({ name: 'title', type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'description', type: 'text', nullable: true })
  description!: string | null;

  @Column({ name: 'materials', type: 'varchar', length: 500, nullable: true })
  materials!: string | null;

  @Column({ name: 'techniques', type: 'varchar', length: 500, nullable: true })
  techniques!: string | null;

  @Column({ name: 'dimensions', type: 'varchar', length: 500, nullable: true })
  dimensions!: string | null;

  @Column({ name: 'creators', type: 'text', transformer: stringList })
  creators!: string[];

  @Column({ name: 'item_count', type: 'int' })
  itemCount!: number;

  @Column({ name: 'year_created', type: 'int', nullable: true })
  yearCreated!: number | null;

  @Column({ name: 'patent_numbers', type: 'text', transformer: stringList })
  patentNumbers!: string[];

  @Column({ name: 'screening_reason', type: 'varchar', length: 1000, nullable: true })
  screeningReason!: string | null;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3, nullable: true })
  submittedAt!: Date | null;

  @Column(uuidColumn('created_by', true))
  createdBy!: string | null;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
