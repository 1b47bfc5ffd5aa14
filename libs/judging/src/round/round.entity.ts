import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, updatedAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import { Aggregation, QuotaMode, RankingScope, RoundStatus, TiePolicy } from './round-enums';

const decimal = { type: 'decimal', precision: 12, scale: 2 } as const;

/**
 * A judging round of an event. Scores, steps and quota values are DECIMAL(12,2): exact, read
 * back as strings, never through a binary double (judging-rules.md §1). Criteria and award
 * tiers are rows of their own, in their order.
 */
@Entity({ name: 'rounds' })
@Index('UQ_rounds_event_sequence', ['eventId', 'sequence'], { unique: true })
export class RoundEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('event_id'))
  eventId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EventEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'FK_rounds_event' })
  event?: object;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'int' })
  sequence!: number;

  @Column({ type: 'varchar', length: 16 })
  status!: RoundStatus;

  @Column(uuidColumn('previous_round_id', true))
  previousRoundId!: string | null;

  @ManyToOne(() => RoundEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'previous_round_id', foreignKeyConstraintName: 'FK_rounds_previous' })
  previousRound?: RoundEntity;

  @Column({ name: 'judges_per_entry', type: 'int' })
  judgesPerEntry!: number;

  @Column({ name: 'min_sheets', type: 'int' })
  minSheets!: number;

  @Column({ type: 'varchar', length: 16 })
  aggregation!: Aggregation;

  @Column({ name: 'trim_count', type: 'int' })
  trimCount!: number;

  @Column({ name: 'ranking_scope', type: 'varchar', length: 20 })
  rankingScope!: RankingScope;

  /** criterion keys, in order, as a JSON array */
  @Column({ name: 'tie_break_criteria', type: 'varchar', length: 2000 })
  tieBreakCriteria!: string;

  @Column({ type: 'boolean' })
  blind!: boolean;

  @Column({ name: 'tie_policy', type: 'varchar', length: 16 })
  tiePolicy!: TiePolicy;

  @Column({ name: 'advancement_mode', type: 'varchar', length: 16, nullable: true })
  advancementMode!: QuotaMode | null;

  @Column({ name: 'advancement_value', ...decimal, nullable: true })
  advancementValue!: string | null;

  @Column(createdAtColumn)
  createdAt!: Date;

  @Column(updatedAtColumn)
  updatedAt!: Date;
}

@Entity({ name: 'round_criteria' })
@Index('UQ_round_criteria_key', ['roundId', 'key'], { unique: true })
@Index('UQ_round_criteria_position', ['roundId', 'position'], { unique: true })
export class RoundCriterionEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('round_id'))
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_round_criteria_round' })
  round?: RoundEntity;

  @Column({ type: 'int' })
  position!: number;

  @Column({ type: 'varchar', length: 40, charset: 'ascii', collation: 'ascii_bin' })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ type: 'int' })
  weight!: number;

  @Column({ name: 'max_score', ...decimal })
  maxScore!: string;

  @Column({ ...decimal })
  step!: string;
}

@Entity({ name: 'round_award_tiers' })
@Index('UQ_round_award_tiers_key', ['roundId', 'key'], { unique: true })
export class RoundAwardTierEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'round_id' })
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_round_award_tiers_round' })
  round?: RoundEntity;

  /** 1 = the highest tier */
  @PrimaryColumn({ type: 'int' })
  rank!: number;

  @Column({ type: 'varchar', length: 40, charset: 'ascii', collation: 'ascii_bin' })
  key!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'quota_mode', type: 'varchar', length: 16 })
  quotaMode!: QuotaMode;

  @Column({ name: 'quota_value', ...decimal })
  quotaValue!: string;
}
