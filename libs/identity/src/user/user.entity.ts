import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import { Role } from '../role';
import { RegionEntity } from '../region/region.entity';
import { EntrantEntity } from '../entrant/entrant.entity';

@Entity({ name: 'users' })
@Index('UQ_users_email', ['email'], { unique: true })
@Index('IDX_users_role', ['role'])
export class UserEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  /** Stored lower-cased and trimmed; unique. */
  @Column({ name: 'email', type: 'varchar', length: 254 })
  email!: string;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  /** argon2id, PHC string. Never leaves the service layer. */
  @Column({ name: 'password_hash', type: 'varchar', length: 255 })
  passwordHash!: string;

  @Column({ name: 'role', type: 'varchar', length: 16 })
  role!: Role;

  /** A coordinator's region (required for COORDINATOR). */
  @Column({ name: 'region_code', type: 'char', length: 6, nullable: true })
  regionCode!: string | null;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_users_region' })
  region?: RegionEntity;

  /** The entrant an ENTRANT user acts for. */
  @Column(uuidColumn('entrant_id', true))
  entrantId!: string | null;

  @ManyToOne(() => EntrantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entrant_id', foreignKeyConstraintName: 'FK_users_entrant' })
  entrant?: EntrantEntity;

  /** A judge's employer or organisation: its entries are an automatic conflict of interest. */
  @Column(uuidColumn('affiliation_entrant_id', true))
  affiliationEntrantId!: string | null;

  @ManyToOne(() => EntrantEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'affiliation_entrant_id', foreignKeyConstraintName: 'FK_users_affiliation' })
  affiliationEntrant?: EntrantEntity;

  /** Raised on a password change: every token signed before it stops working. */
  @Column({ name: 'token_version', type: 'int', default: 0 })
  tokenVersion!: number;

  /**
   * False once an organiser deactivated the user: its sign-in and its tokens are refused, its
   * rows (sheets, audit records) stay. Reactivating it lets it sign in again.
   */
  @Column({ name: 'active', type: 'boolean', default: true })
  active!: boolean;

  /** Set by a password reset: the user may only change its (temporary) password until it does. */
  @Column({ name: 'must_change_password', type: 'boolean', default: false })
  mustChangePassword!: boolean;

  /** The last successful sign-in; null for a user that never signed in. */
  @Column({ name: 'last_sign_in_at', type: 'datetime', precision: 3, nullable: true })
  lastSignInAt!: Date | null;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
