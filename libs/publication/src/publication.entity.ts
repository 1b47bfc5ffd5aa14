import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import { ObjectionStatus, PublicationStatus } from './publication-enums';

const ASCII = { charset: 'ascii', collation: 'ascii_bin' } as const;

/**
 * One published version of a round's results (judging-rules.md §8): the items of one
 * tabulation, frozen. Only `status` (NOTICE → FINAL or SUPERSEDED) and `finalisedAt` change.
 */
@Entity({ name: 'publications' })
@Index('UQ_publications_round_version', ['roundId', 'version'], { unique: true })
@Index('IDX_publications_event_status', ['eventId', 'status'])
export class PublicationEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('event_id'))
  eventId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EventEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'FK_publications_event' })
  event?: object;

  @Column(uuidColumn('round_id'))
  roundId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('RoundEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_publications_round' })
  round?: object;

  @Column(uuidColumn('tabulation_id'))
  tabulationId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('TabulationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'tabulation_id', foreignKeyConstraintName: 'FK_publications_tabulation' })
  tabulation?: object;

  @Column({ type: 'int' })
  version!: number;

  @Column({ type: 'varchar', length: 16, ...ASCII })
  status!: PublicationStatus;

  @Column({ name: 'published_at', type: 'datetime', precision: 3 })
  publishedAt!: Date;

  @Column({ name: 'notice_ends_at', type: 'datetime', precision: 3 })
  noticeEndsAt!: Date;

  @Column({ name: 'finalised_at', type: 'datetime', precision: 3, nullable: true })
  finalisedAt!: Date | null;

  /** sha256 hex of the canonical JSON of the items (§8) */
  @Column({ type: 'char', length: 64, ...ASCII })
  hash!: string;

  /** the organiser chose to publish the aggregate scores too (off by default; not hashed) */
  @Column({ name: 'show_scores', type: 'boolean' })
  showScores!: boolean;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}

/**
 * An item as published: names copied at publication, so a later rename of an entrant or a
 * category cannot change what was published (or its hash).
 */
@Entity({ name: 'published_items' })
@Index('UQ_published_items_entry_code', ['publicationId', 'entryCode'], { unique: true })
@Index('UQ_published_items_certificate', ['certificateCode'], { unique: true })
export class PublishedItemEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'publication_id' })
  publicationId!: string;

  @ManyToOne(() => PublicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'publication_id',
    foreignKeyConstraintName: 'FK_published_items_publication',
  })
  publication?: PublicationEntity;

  /** the item's place in §8's order */
  @PrimaryColumn({ type: 'int' })
  position!: number;

  @Column(uuidColumn('entry_id'))
  entryId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EntryEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'FK_published_items_entry' })
  entry?: object;

  @Column({ name: 'entry_code', type: 'varchar', length: 40 })
  entryCode!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ name: 'entrant_name', type: 'varchar', length: 200 })
  entrantName!: string;

  @Column({ name: 'region_name', type: 'varchar', length: 100 })
  regionName!: string;

  @Column({ name: 'category_name', type: 'varchar', length: 200 })
  categoryName!: string;

  @Column({ name: 'category_code', type: 'varchar', length: 32 })
  categoryCode!: string;

  /** the award tier's key, null for an entry that only advanced */
  @Column({ name: 'award_key', type: 'varchar', length: 40, nullable: true, ...ASCII })
  awardKey!: string | null;

  /** the tier's name and rank at publication (for documents; the key is what the hash covers) */
  @Column({ name: 'award_name', type: 'varchar', length: 200, nullable: true })
  awardName!: string | null;

  @Column({ name: 'award_rank', type: 'int', nullable: true })
  awardRank!: number | null;

  @Column({ type: 'int', nullable: true })
  rank!: number | null;

  /** the aggregate score as reported, only where the publication shows scores */
  @Column({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  score!: string | null;

  /** given to awarded items when the publication becomes FINAL */
  @Column({ name: 'certificate_code', type: 'varchar', length: 20, nullable: true, ...ASCII })
  certificateCode!: string | null;
}

/** An objection to an item during the notice period. */
@Entity({ name: 'objections' })
@Index('IDX_objections_round_status', ['roundId', 'status'])
@Index('IDX_objections_publication', ['publicationId', 'createdAt'])
@Index('IDX_objections_client_created', ['clientIp', 'createdAt'])
export class ObjectionEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('publication_id'))
  publicationId!: string;

  @ManyToOne(() => PublicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'publication_id', foreignKeyConstraintName: 'FK_objections_publication' })
  publication?: PublicationEntity;

  /** the publication's round, so "an objection to any version of the round is OPEN" is one index read */
  @Column(uuidColumn('round_id'))
  roundId!: string;

  @Column({ name: 'entry_code', type: 'varchar', length: 40 })
  entryCode!: string;

  @Column({ type: 'varchar', length: 2000 })
  reason!: string;

  /** how to reach the objector; shown to nobody through the API */
  @Column({ type: 'varchar', length: 200, nullable: true })
  contact!: string | null;

  @Column({ type: 'varchar', length: 16, ...ASCII })
  status!: ObjectionStatus;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  response!: string | null;

  @Column(uuidColumn('filed_by', true))
  filedBy!: string | null;

  @Column({ name: 'client_ip', type: 'varchar', length: 45, ...ASCII })
  clientIp!: string;

  @Column(uuidColumn('resolved_by', true))
  resolvedBy!: string | null;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 3, nullable: true })
  resolvedAt!: Date | null;

  @Column(createdAtColumn)
  createdAt!: Date;
}
