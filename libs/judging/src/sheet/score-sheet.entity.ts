import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import { AssignmentEntity } from '../assignment/assignment.entity';
import { RoundEntity } from '../round/round.entity';

/**
 * A judge's score sheet for one assignment (at most one: `assignment_id` is unique). `scores`
 * holds the values as exact decimals, by criterion key; `version` grows by one with every
 * change, checked inside the UPDATE itself so two tablets never overwrite each other unseen.
 */
@Entity({ name: 'score_sheets' })
@Index('UQ_score_sheets_assignment', ['assignmentId'], { unique: true })
@Index('IDX_score_sheets_round', ['roundId'])
export class ScoreSheetEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('assignment_id'))
  assignmentId!: string;

  @ManyToOne(() => AssignmentEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assignment_id', foreignKeyConstraintName: 'FK_score_sheets_assignment' })
  assignment?: AssignmentEntity;

  @Column(uuidColumn('round_id'))
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_score_sheets_round' })
  round?: RoundEntity;

  /** JSON: [[criterionKey, "7.50"], …] in the round's criteria order */
  @Column({ type: 'varchar', length: 4000 })
  scores!: string;

  /** T rounded half-up to 3 decimals (judging-rules.md §1) */
  @Column({ type: 'decimal', precision: 7, scale: 3 })
  total!: string;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  comment!: string | null;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'submitted_at', type: 'datetime', precision: 3 })
  submittedAt!: Date;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}

/**
 * Every clientMutationId a sheet was ever written with, and a hash of what it carried: a
 * tablet's retry is recognised however late it comes, by a primary key.
 */
@Entity({ name: 'score_sheet_mutations' })
export class ScoreSheetMutationEntity {
  @PrimaryColumn({
    name: 'client_mutation_id',
    type: 'varchar',
    length: 100,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  clientMutationId!: string;

  @Column(uuidColumn('sheet_id'))
  sheetId!: string;

  @ManyToOne(() => ScoreSheetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sheet_id', foreignKeyConstraintName: 'FK_score_sheet_mutations_sheet' })
  sheet?: ScoreSheetEntity;

  /** sha256 of the canonical JSON of (assignment, scores, comment) */
  @Column({
    name: 'payload_hash',
    type: 'char',
    length: 64,
    charset: 'ascii',
    collation: 'ascii_bin',
  })
  payloadHash!: string;

  @Column(createdAtColumn)
  createdAt!: Date;
}
