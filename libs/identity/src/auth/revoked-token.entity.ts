import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { uuidColumn } from '@app/db';
import { UserEntity } from '../user/user.entity';

/**
 * A token ended by `signOut`, by its id (`jti`). Kept until the token would have expired
 * anyway, then pruned by the maintenance queue: an expired token is refused on its own.
 */
@Entity({ name: 'revoked_tokens' })
@Index('IDX_revoked_tokens_expires_at', ['expiresAt'])
export class RevokedTokenEntity {
  @PrimaryColumn({
    name: 'jti',
    type: 'char',
    length: 36,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  jti!: string;

  @Column(uuidColumn('user_id'))
  userId!: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'FK_revoked_tokens_user' })
  user?: UserEntity;

  @Column({ name: 'expires_at', type: 'datetime', precision: 3 })
  expiresAt!: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3 })
  revokedAt!: Date;
}
