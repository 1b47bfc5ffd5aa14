import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * For a round with a previous round: the previous round's tabulation its entries were taken
 * from (judging-rules.md §6), so openRound can tell whether a newer tabulation changed them.
 * One row per round, replaced when assignJudges runs again in DRAFT.
 */
export class CreateRoundEntrySources1796550000000 implements MigrationInterface {
  name = 'CreateRoundEntrySources1796550000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`round_entry_sources\` (
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`tabulation_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`taken_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (\`round_id\`),
      CONSTRAINT \`FK_round_entry_sources_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT \`FK_round_entry_sources_tabulation\` FOREIGN KEY (\`tabulation_id\`) REFERENCES \`tabulations\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `round_entry_sources`');
  }
}
