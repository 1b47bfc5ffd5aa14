import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { uuidColumn, uuidPrimaryColumn } from '@app/db';
import { RevocationCause } from '../publication-enums';
import { PublicationEntity } from '../publication.entity';

const ASCII = { charset: 'ascii', collation: 'ascii_bin' } as const;

/**
 * An award of a FINAL publication, revoked afterwards (judging-rules.md §8). A row of its own
 * beside the frozen item, never a change to it: the published list and its hash stay exactly
 * as they were. One row per item at most (the key), so revoking twice stays one revocation.
 */
@Entity({ name: 'award_revocations' })
export class AwardRevocationEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'publication_id' })
  publicationId!: string;

  @ManyToOne(() => PublicationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({
    name: 'publication_id',
    foreignKeyConstraintName: 'FK_award_revocations_publication',
  })
  publication?: PublicationEntity;

  /** the item's entry code, unique within its publication */
  @PrimaryColumn({ name: 'entry_code', type: 'varchar', length: 40 })
  entryCode!: string;

  @Column({ type: 'varchar', length: 16, ...ASCII })
  cause!: RevocationCause;

  /** shown to the public beside the item and on the certificate's check */
  @Column({ type: 'varchar', length: 1000 })
  reason!: string;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3 })
  revokedAt!: Date;

  @Column(uuidColumn('revoked_by', true))
  revokedBy!: string | null;
}
