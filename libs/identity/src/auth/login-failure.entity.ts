import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One failed sign-in (or one password check under way, `pending`). Kept in MySQL (not Redis) so every API process counts the same failures
 * and sign-in keeps working while Redis is down. Pruned by the maintenance queue.
 */
@Entity({ name: 'login_failures' })
@Index('IDX_login_failures_email_at', ['email', 'at'])
@Index('IDX_login_failures_ip_at', ['ip', 'at'])
export class LoginFailureEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint' })
  id!: string;

  @Column({ name: 'email', type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'ip', type: 'varchar', length: 45 })
  ip!: string;

  @Column({ name: 'at', type: 'datetime', precision: 3 })
  at!: Date;

  /**
   * A password check counted before it runs (issue 19): true until it fails; a success deletes
   * the row. Counted like a failure, so checks sent together cannot all pass the limit.
   */
  @Column({ name: 'pending', type: 'boolean', default: false })
  pending!: boolean;
}
