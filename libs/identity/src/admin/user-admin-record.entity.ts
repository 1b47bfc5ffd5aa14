import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { uuidColumn, uuidPrimaryColumn } from '@app/db';
import { UserEntity } from '../user/user.entity';
import { UserAdminAction } from './user-admin-action';

/**
 * One act of user administration: who did what to which user, when. Append-only: written in
 * the transaction of the change it records (UserAdminLog), never changed. User accounts belong
 * to no event, so these are not in an event's audit chain (docs/decisions.md, People).
 */
@Entity({ name: 'user_admin_records' })
@Index('IDX_user_admin_records_at', ['at'])
@Index('IDX_user_admin_records_user_at', ['userId', 'at'])
export class UserAdminRecordEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  /** The user the act was done to. */
  @Column(uuidColumn('user_id'))
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_user_admin_records_user' })
  user?: UserEntity;

  /** The organiser or admin who did it. */
  @Column(uuidColumn('actor_id'))
  actorId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'FK_user_admin_records_actor' })
  actor?: UserEntity;

  @Column({
    name: 'action',
    type: 'varchar',
    length: 16,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  action!: UserAdminAction;

  @Column({ name: 'at', type: 'datetime', precision: 3 })
  at!: Date;
}
