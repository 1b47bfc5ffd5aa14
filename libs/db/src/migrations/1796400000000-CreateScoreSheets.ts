import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Score sheets (one per assignment) and the client mutation ids they were written with. A
 * retried submission finds its id by primary key; `version` is compared inside the UPDATE.
 */
export class CreateScoreSheets1796400000000 implements MigrationInterface {
  name = 'CreateScoreSheets1796400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`score_sheets\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`assignment_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`scores\` varchar(4000) NOT NULL,
      \`total\` decimal(7,3) NOT NULL,
      \`comment\` varchar(2000) NULL,
      \`version\` int NOT NULL,
      \`submitted_at\` datetime(3) NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_score_sheets_assignment\` (\`assignment_id\`),
      INDEX \`IDX_score_sheets_round\` (\`round_id\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_score_sheets_assignment\` FOREIGN KEY (\`assignment_id\`) REFERENCES \`assignments\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT \`FK_score_sheets_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`score_sheet_mutations\` (
      \`client_mutation_id\` varchar(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`sheet_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`payload_hash\` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      PRIMARY KEY (\`client_mutation_id\`),
      CONSTRAINT \`FK_score_sheet_mutations_sheet\` FOREIGN KEY (\`sheet_id\`) REFERENCES \`score_sheets\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `score_sheet_mutations`');
    await q.query('DROP TABLE `score_sheets`');
  }
}
