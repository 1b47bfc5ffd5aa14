import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import { RoundEntity } from '../round/round.entity';

/**
 * The previous round's tabulation a later round's entries were taken from (§6). The
 * tabulation is named by its entity's name, not its class: the results library that owns it
 * depends on judging.
 */
@Entity({ name: 'round_entry_sources' })
export class RoundEntrySourceEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'round_id' })
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_round_entry_sources_round' })
  round?: RoundEntity;

  @Column(uuidColumn('tabulation_id'))
  tabulationId!: string;

  @ManyToOne('TabulationEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({
    name: 'tabulation_id',
    foreignKeyConstraintName: 'FK_round_entry_sources_tabulation',
  })
  tabulation?: unknown;

  @Column({ ...createdAtColumn, name: 'taken_at' })
  takenAt!: Date;
}
