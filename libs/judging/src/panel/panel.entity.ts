import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { createdAtColumn, uuidColumn, uuidPrimaryColumn } from '@app/db';
import { RoundEntity } from '../round/round.entity';

/** A panel of judges of a round, covering categories (a parent stands for its leaves). */
@Entity({ name: 'panels' })
@Index('UQ_panels_round_name', ['roundId', 'name'], { unique: true })
export class PanelEntity {
  @PrimaryColumn(uuidPrimaryColumn)
  id!: string;

  @Column(uuidColumn('round_id'))
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_panels_round' })
  round?: RoundEntity;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column(createdAtColumn)
  createdAt!: Date;
}

/** The categories a panel was given, as given (the leaves they stand for are derived). */
@Entity({ name: 'panel_categories' })
export class PanelCategoryEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'panel_id' })
  panelId!: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id', foreignKeyConstraintName: 'FK_panel_categories_panel' })
  panel?: PanelEntity;

  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'category_id' })
  categoryId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('CategoryEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'category_id', foreignKeyConstraintName: 'FK_panel_categories_category' })
  category?: object;

  @Column({ type: 'int' })
  position!: number;
}

/**
 * A judge on a panel. `round_id` is copied in so that one unique index says a judge sits on
 * one panel of a round.
 */
@Entity({ name: 'panel_judges' })
@Index('UQ_panel_judges_round_judge', ['roundId', 'judgeId'], { unique: true })
export class PanelJudgeEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'panel_id' })
  panelId!: string;

  @ManyToOne(() => PanelEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'panel_id', foreignKeyConstraintName: 'FK_panel_judges_panel' })
  panel?: PanelEntity;

  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'judge_id' })
  judgeId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('UserEntity', { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'judge_id', foreignKeyConstraintName: 'FK_panel_judges_judge' })
  judge?: object;

  @Column(uuidColumn('round_id'))
  roundId!: string;

  @ManyToOne(() => RoundEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_panel_judges_round' })
  round?: RoundEntity;

  @Column({ type: 'int' })
  position!: number;
}

/** A declared conflict of interest: the judge never judges this entrant's entries. */
@Entity({ name: 'conflicts' })
export class ConflictEntity {
  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'judge_id' })
  judgeId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('UserEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'judge_id', foreignKeyConstraintName: 'FK_conflicts_judge' })
  judge?: object;

  @PrimaryColumn({ ...uuidPrimaryColumn, name: 'entrant_id' })
  entrantId!: string;

  // Another domain's row, named rather than imported: the foreign key stays, the table stays its owner's.
  @ManyToOne('EntrantEntity', { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'entrant_id', foreignKeyConstraintName: 'FK_conflicts_entrant' })
  entrant?: object;

  @Column({ type: 'varchar', length: 1000, nullable: true })
  reason!: string | null;

  @Column(uuidColumn('declared_by', true))
  declaredBy!: string | null;

  @Column(createdAtColumn)
  createdAt!: Date;
}
