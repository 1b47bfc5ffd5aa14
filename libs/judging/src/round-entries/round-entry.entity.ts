import { Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { uuidPrimaryColumn } from '@app/db';
import { RoundEntity } from '../round/round.entity';

/**
 * An entry of a round (judging-rules.md §2): the event's ACCEPTED entries for a first round
 * (plus those a top-up adds), the advanced ones for a later round. Its result exists whether
 * or not a judge could be assigned to it.
 */
@Entity({ name: 'round_entries' })
export class RoundEntryEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'round_id' })
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_round_entries_round' })
  round?: RoundEntity;

  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'entry_id' })
  entryId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EntryEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'FK_round_entries_entry' })
  entry?: object;
}
