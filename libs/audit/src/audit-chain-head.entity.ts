import { Column, Entity, PrimaryColumn } from 'typeorm';
import { updatedAtColumn, uuidPrimaryColumn } from '@app/db';

/**
 * The end of one event's chain: appends lock this row (`SELECT … FOR UPDATE`), so they are
 * serialised per event, and verification compares it with the last record, so records removed
 * from the end are noticed too. `seq` 0 and an empty `last_hash`: no record yet.
 */
@Entity({ name: 'audit_chain_heads' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'event_id' })
  eventId!: string;

  /** The seq of the last record (0: none yet). */
  @Column({ name: 'seq', type: 'int', unsigned: true })
  seq!: number;

  /** The hash of the last record ('' while there is none). */
  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
