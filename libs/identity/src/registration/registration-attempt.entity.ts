import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One sign-up that got past the checks of its input (a well-formed one): counted per client
 * address and per credit code in a sliding window, whatever its outcome. Pruned by the
 * maintenance queue once older than the window.
 */
@Entity({ name: 'registration_attempts' })
@Index('IDX_registration_attempts_ip_at', ['ip', 'at'])
@Index('IDX_registration_attempts_credit_code_at', ['creditCode', 'at'])
export class RegistrationAttemptEntity {
  @PrimaryGeneratedColumn({ name: 'id', type: 'bigint' })
  id!: string;

  @Column({ name: 'ip', type: 'varchar', length: 45 })
  ip!: string;

  /** null for an individual without one */
  @Column({ name: 'credit_code', type: 'char', length: 18, nullable: true })
  creditCode!: string | null;

  @Column({ name: 'at', type: 'datetime', precision: 3 })
  at!: Date;
}
