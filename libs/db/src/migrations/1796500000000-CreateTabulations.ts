import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tabulations (judging-rules.md §7): every computation of a round is a new `version`, kept
 * with all its entry results. Two unique keys make a repeated job harmless at the database
 * level: `(round_id, version)`, and `(round_id, request_key)`, where the key names what asked
 * for the run (`close-<ms of the close>` for the job that a close queues, a fresh
 * `retabulate-<uuid>` for each retabulation), so a close's job delivered twice cannot store two
 * versions even if the round lock were bypassed. `tabulation_failures` remembers a close whose
 * input the tabulation refused, so the sweep does not queue it again and again.
 */
export class CreateTabulations1796500000000 implements MigrationInterface {
  name = 'CreateTabulations1796500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`tabulations\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`version\` int NOT NULL,
      \`request_key\` varchar(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`hash\` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`computed_at\` datetime(3) NOT NULL,
      \`entry_count\` int NOT NULL,
      \`complete_count\` int NOT NULL,
      \`sheet_count\` int NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_tabulations_round_version\` (\`round_id\`, \`version\`),
      UNIQUE INDEX \`UQ_tabulations_round_request\` (\`round_id\`, \`request_key\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_tabulations_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    // `position` is the row's place in §7's order, so a version reads back in order by index.
    await q.query(`CREATE TABLE \`entry_results\` (
      \`tabulation_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`position\` int NOT NULL,
      \`scope_key\` varchar(40) NOT NULL,
      \`sheet_count\` int NOT NULL,
      \`complete\` tinyint NOT NULL,
      \`score\` decimal(12,4) NULL,
      \`score_exact\` varchar(200) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`rank\` int NULL,
      \`award\` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`advanced\` tinyint NOT NULL,
      \`criterion_scores\` varchar(4000) NOT NULL,
      UNIQUE INDEX \`UQ_entry_results_position\` (\`tabulation_id\`, \`position\`),
      PRIMARY KEY (\`tabulation_id\`, \`entry_id\`),
      CONSTRAINT \`FK_entry_results_tabulation\` FOREIGN KEY (\`tabulation_id\`) REFERENCES \`tabulations\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT \`FK_entry_results_entry\` FOREIGN KEY (\`entry_id\`) REFERENCES \`entries\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`tabulation_failures\` (
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`request_key\` varchar(100) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`reason\` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`message\` varchar(1000) NOT NULL,
      \`failed_at\` datetime(3) NOT NULL,
      PRIMARY KEY (\`round_id\`, \`request_key\`),
      CONSTRAINT \`FK_tabulation_failures_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `tabulation_failures`');
    await q.query('DROP TABLE `entry_results`');
    await q.query('DROP TABLE `tabulations`');
  }
}
