import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Judging rounds with their criteria and award tiers. Scores' scales (max_score, step) and
 * quota values are DECIMAL(12,2): exact, as judging-rules.md §1 wants every computation to
 * start from the decimal. `(event_id, sequence)` numbers the rounds of an event.
 */
export class CreateRounds1796100000000 implements MigrationInterface {
  name = 'CreateRounds1796100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`rounds\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`event_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`name\` varchar(200) NOT NULL,
      \`sequence\` int NOT NULL,
      \`status\` varchar(16) NOT NULL,
      \`previous_round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`judges_per_entry\` int NOT NULL,
      \`min_sheets\` int NOT NULL,
      \`aggregation\` varchar(16) NOT NULL,
      \`trim_count\` int NOT NULL,
      \`ranking_scope\` varchar(20) NOT NULL,
      \`tie_break_criteria\` varchar(2000) NOT NULL,
      \`blind\` tinyint NOT NULL,
      \`tie_policy\` varchar(16) NOT NULL,
      \`advancement_mode\` varchar(16) NULL,
      \`advancement_value\` decimal(12,2) NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_rounds_event_sequence\` (\`event_id\`, \`sequence\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_rounds_event\` FOREIGN KEY (\`event_id\`) REFERENCES \`events\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_rounds_previous\` FOREIGN KEY (\`previous_round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`round_criteria\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`position\` int NOT NULL,
      \`key\` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`name\` varchar(200) NOT NULL,
      \`weight\` int NOT NULL,
      \`max_score\` decimal(12,2) NOT NULL,
      \`step\` decimal(12,2) NOT NULL,
      UNIQUE INDEX \`UQ_round_criteria_key\` (\`round_id\`, \`key\`),
      UNIQUE INDEX \`UQ_round_criteria_position\` (\`round_id\`, \`position\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_round_criteria_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`round_award_tiers\` (
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`rank\` int NOT NULL,
      \`key\` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`name\` varchar(200) NOT NULL,
      \`quota_mode\` varchar(16) NOT NULL,
      \`quota_value\` decimal(12,2) NOT NULL,
      UNIQUE INDEX \`UQ_round_award_tiers_key\` (\`round_id\`, \`key\`),
      PRIMARY KEY (\`round_id\`, \`rank\`),
      CONSTRAINT \`FK_round_award_tiers_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `round_award_tiers`');
    await q.query('DROP TABLE `round_criteria`');
    await q.query('DROP TABLE `rounds`');
  }
}
