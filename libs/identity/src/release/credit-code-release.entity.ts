import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { uuidColumn, uuidPrimaryColumn } from '@app/db';
import { EntrantEntity } from '../entrant/entrant.entity';
import { UserEntity } from '../user/user.entity';

/**
 * A credit code an organiser took back from the entrant that held it (a squatter, or a typing
 * mistake), so that the enterprise it belongs to can register. Append-only: written once by
 * CreditCodeReleaseService, never changed.
 */
@Entity({ name: 'credit_code_releases' })
@Index('IDX_credit_code_releases_released_at', ['releasedAt'])
export class CreditCodeReleaseEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column({ name: 'credit_code', type: 'char', length: 18 })
  creditCode!: string;

  /** The entrant that held the code (it keeps its account, without a credit code). */
  @Column(uuidColumn('entrant_id'))
  entrantId!: string;

  @ManyToOne(() => EntrantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entrant_id', foreignKeyConstraintName: 'FK_credit_code_releases_entrant' })
  entrant?: EntrantEntity;

  @Column(uuidColumn('released_by'))
  releasedBy!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'released_by', foreignKeyConstraintName: 'FK_credit_code_releases_user' })
  releasedByUser?: UserEntity;

  @Column({ name: 'reason', type: 'varchar', length: 500 })
  reason!: string;

  @Column({ name: 'released_at', type: 'datetime', precision: 3 })
  releasedAt!: Date;
}
