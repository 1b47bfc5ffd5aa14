import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';

const ASCII = { charset: 'ascii', collation: 'ascii_bin' } as const;

/**
 * One computation of a round (judging-rules.md §7): version 1, 2, … of the round, never
 * changed once written. `requestKey` names what asked for it (see the migration) and is
 * unique per round, as is the version: a repeated job cannot store a second version.
 */
@Entity({ name: 'tabulations' })
@Index('UQ_tabulations_round_version', ['roundId', 'version'], { unique: true })
@Index('UQ_tabulations_round_request', ['roundId', 'requestKey'], { unique: true })
export class TabulationEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('round_id'))
  roundId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('RoundEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_tabulations_round' })
  round?: object;

  @Column({ type: 'int' })
  version!: number;

  @Column({ name: 'request_key', type: 'varchar', length: 100, ...ASCII })
  requestKey!: string;

  /** sha256 hex of the canonical JSON of the results (§7) */
  @Column({ type: 'char', length: 64, ...ASCII })
  hash!: string;

  @Column({ name: 'computed_at', type: 'datetime', precision: 3 })
  computedAt!: Date;

  /** results stored (the round's entries less the disqualified and withdrawn ones) */
  @Column({ name: 'entry_count', type: 'int' })
  entryCount!: number;

  @Column({ name: 'complete_count', type: 'int' })
  completeCount!: number;

  /** counted sheets read (§2) */
  @Column({ name: 'sheet_count', type: 'int' })
  sheetCount!: number;

  @Column(createdAtColumn)
  createdAt!: Date;
}

/**
 * An entry's result in one tabulation. `score` is the reported (rounded) figure as an exact
 * DECIMAL string; `criterionScores` is JSON `[[key, score], …]` in the round's criteria order.
 */
@Entity({ name: 'entry_results' })
@Index('UQ_entry_results_position', ['tabulationId', 'position'], { unique: true })
export class EntryResultEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'tabulation_id' })
  tabulationId!: string;

  @ManyToOne(() => TabulationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'tabulation_id', foreignKeyConstraintName: 'FK_entry_results_tabulation' })
  tabulation?: TabulationEntity;

  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'entry_id' })
  entryId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EntryEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'entry_id', foreignKeyConstraintName: 'FK_entry_results_entry' })
  entry?: object;

  /** the row's place in §7's order (scope, rank with nulls last, entry code) */
  @Column({ type: 'int' })
  position!: number;

  @Column({ name: 'scope_key', type: 'varchar', length: 40 })
  scopeKey!: string;

  @Column({ name: 'sheet_count', type: 'int' })
  sheetCount!: number;

  @Column({ type: 'boolean' })
  complete!: boolean;

  @Column({ type: 'decimal', precision: 12, scale: 4, nullable: true })
  score!: string | null;

  @Column({ name: 'score_exact', type: 'varchar', length: 200, nullable: true, ...ASCII })
  scoreExact!: string | null;

  @Column({ type: 'int', nullable: true })
  rank!: number | null;

  /** the award tier's key */
  @Column({ type: 'varchar', length: 40, nullable: true, ...ASCII })
  award!: string | null;

  @Column({ type: 'boolean' })
  advanced!: boolean;

  @Column({ name: 'criterion_scores', type: 'varchar', length: 4000 })
  criterionScores!: string;
}

/** A close whose tabulation was refused (bad settings or data): the sweep leaves it alone. */
@Entity({ name: 'tabulation_failures' })
export class TabulationFailureEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'round_id' })
  roundId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('RoundEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_tabulation_failures_round' })
  round?: object;

  @PrimaryColumn({ name: 'request_key', type: 'varchar', length: 100, ...ASCII })
  requestKey!: string;

  @Column({ type: 'varchar', length: 40, ...ASCII })
  reason!: string;

  @Column({ type: 'varchar', length: 1000 })
  message!: string;

  @Column({ name: 'failed_at', type: 'datetime', precision: 3 })
  failedAt!: Date;
}
