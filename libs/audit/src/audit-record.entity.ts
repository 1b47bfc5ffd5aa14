import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { uuidColumn, uuidPrimaryColumn } from '@app/db';

/**
 * One link of an event's audit chain (judging-rules.md §9). Append-only: rows are written by
 * AuditService.append and never updated. No foreign key to events: audit depends only on core
 * and db, and a record must outlive anything it talks about.
 */
@Entity({ name: 'audit_records' })
@Index('uq_audit_records_event_seq', ['eventId', 'seq'], { unique: true })
export class AuditRecordEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('event_id'))
  eventId!: string;

  /** 1, 2, 3, … within the event: the chain order. */
  @Column({ name: 'seq', type: 'int', unsigned: true })
  seq!: number;

  @Column({ name: 'at', type: 'datetime', precision: 3 })
  at!: Date;

  /** The user who made the change; null for the system (jobs, bootstrap). */
  @Column(uuidColumn('actor_id', true))
  actorId!: string | null;

  @Column({ name: 'action', type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'subject_type', type: 'varchar', length: 32 })
  subjectType!: string;

  @Column({ name: 'subject_id', type: 'varchar', length: 64 })
  subjectId!: string;

  /** The canonical JSON of what changed, exactly as hashed. */
  @Column({ name: 'detail', type: 'longtext' })
  detail!: string;

  @Column({ name: 'hash', type: 'char', length: 64 })
  hash!: string;

  /** The hash of the record before; null for the first record of the chain. */
  @Column({ name: 'prev_hash', type: 'char', length: 64, nullable: true })
  prevHash!: string | null;
}
