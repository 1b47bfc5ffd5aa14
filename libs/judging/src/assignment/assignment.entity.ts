import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import { PanelEntity } from '../panel/panel.entity';
import { RoundEntity } from '../round/round.entity';
import { AssignmentStatus } from './assignment-status';

/** A judge's duty to score one entry in one round. */
@Entity({ name: 'assignments' })
@Index('UQ_assignments_round_entry_judge', ['roundId', 'entryId', 'judgeId'], { unique: true })
@Index('IDX_assignments_judge_round', ['judgeId', 'roundId'])
export class AssignmentEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('round_id'))
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_assignments_round' })
  round?: RoundEntity;

  @Column(uuidColumn('entry_id'))
  entryId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EntryEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'FK_assignments_entry' })
  entry?: object;

  @Column(uuidColumn('judge_id'))
  judgeId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'judge_id', foreignKeyConstraintName: 'FK_assignments_judge' })
  judge?: object;

  @Column(uuidColumn('panel_id'))
  panelId!: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'panel_id', foreignKeyConstraintName: 'FK_assignments_panel' })
  panel?: PanelEntity;

  @Column({ type: 'varchar', length: 16 })
  status!: AssignmentStatus;

  @Column({ name: 'recuse_reason', type: 'varchar', length: 1000, nullable: true })
  recuseReason!: string | null;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}
