import { Column, Entity, PrimaryColumn } from 'typeorm';
import { updatedAtColumn } from '@app/db';

/**
 * One client address that has filed objections, and the times of its filings still inside the
 * rate window. The row is the lock that makes "at most 10 an hour from one address" hold when
 * requests arrive together (objection-throttle.ts): a filing locks it first, creating it on first
 * use, decides on the times it holds, and appends its own in the objection's transaction.
 */
@Entity({ name: 'objection_senders' })
export class ObjectionSenderEntity {
  @PrimaryColumn({
    name: 'client_ip',
    type: 'varchar',
    length: 45,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  clientIp!: string;

  /** JSON array of epoch milliseconds, oldest first: the filings inside the window, no more */
  @Column({ type: 'varchar', length: 1000, charset: 'ascii', collation: 'ascii_bin' })
  recent!: string;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
