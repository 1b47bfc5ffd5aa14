import { Column, Entity, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn } from '@app/db';

/** A GB/T 2260 administrative division (e.g. 450100 南宁市). */
@Entity({ name: 'regions' })
export class RegionEntity {
  @PrimaryColumn({ name: 'code', type: 'char', length: 6 })
  code!: string;

  @Column({ name: 'name', type: 'varchar', length: 100 })
  name!: string;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
