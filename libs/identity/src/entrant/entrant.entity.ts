import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidPrimaryColumn } from '@app/db';
import { EntrantType } from '../role';
import { RegionEntity } from '../region/region.entity';

/** An enterprise, institution or individual that submits entries. */
@Entity({ name: 'entrants' })
@Index('UQ_entrants_credit_code', ['creditCode'], { unique: true })
export class EntrantEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column({ name: 'type', type: 'varchar', length: 16 })
  type!: EntrantType;

  @Column({ name: 'name', type: 'varchar', length: 200 })
  name!: string;

  /** GB 32100-2015 unified social credit code; required for enterprises and institutions. */
  @Column({ name: 'credit_code', type: 'char', length: 18, nullable: true })
  creditCode!: string | null;

  @Column({ name: 'region_code', type: 'char', length: 6 })
  regionCode!: string;

  @ManyToOne(() => RegionEntity, { onDelete: 'RESTRICT', onUpdate: 'CASCADE' })
  @JoinColumn({ name: 'region_code', foreignKeyConstraintName: 'FK_entrants_region' })
  region?: RegionEntity;

  @Column({ name: 'contact_name', type: 'varchar', length: 100, nullable: true })
  contactName!: string | null;

  @Column({ name: 'phone', type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
