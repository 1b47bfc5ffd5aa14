import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The entries of a round (judging-rules.md §2): written by assignJudges, read by the
 * tabulation. Every entry of the round has a row, also one no judge could be assigned to, so
 * it still gets an (incomplete) result. `entry_id`'s foreign key has the index InnoDB makes for
 * it (named after the constraint), which also answers "is this entry in a round".
 */
export class CreateRoundEntries1796350000000 implements MigrationInterface {
  name = 'CreateRoundEntries1796350000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`round_entries\` (
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      PRIMARY KEY (\`round_id\`, \`entry_id\`),
      CONSTRAINT \`FK_round_entries_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT \`FK_round_entries_entry\` FOREIGN KEY (\`entry_id\`) REFERENCES \`entries\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `round_entries`');
  }
}
