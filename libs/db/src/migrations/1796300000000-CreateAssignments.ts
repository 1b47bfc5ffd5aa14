import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignments of judges to entries in a round. `(round_id, entry_id, judge_id)` is unique: a
 * judge holds an entry once in a round, whatever its status (a recusal stays on record, and
 * the same judge is never given the entry back). `(judge_id, round_id)` serves a judge's list.
 */
export class CreateAssignments1796300000000 implements MigrationInterface {
  name = 'CreateAssignments1796300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`assignments\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`judge_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`panel_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`status\` varchar(16) NOT NULL,
      \`recuse_reason\` varchar(1000) NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_assignments_round_entry_judge\` (\`round_id\`, \`entry_id\`, \`judge_id\`),
      INDEX \`IDX_assignments_judge_round\` (\`judge_id\`, \`round_id\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_assignments_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT \`FK_assignments_entry\` FOREIGN KEY (\`entry_id\`) REFERENCES \`entries\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_assignments_judge\` FOREIGN KEY (\`judge_id\`) REFERENCES \`users\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_assignments_panel\` FOREIGN KEY (\`panel_id\`) REFERENCES \`panels\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `assignments`');
  }
}
