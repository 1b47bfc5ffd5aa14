import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit chains (judging-rules.md §9): one chain of records per event, and its head, the row
 * appends lock. No foreign key to events: audit depends only on core and db.
 */
export class CreateAudit1795800000000 implements MigrationInterface {
  name = 'CreateAudit1795800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`audit_records\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`event_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`seq\` int unsigned NOT NULL,
      \`at\` datetime(3) NOT NULL,
      \`actor_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`action\` varchar(64) NOT NULL,
      \`subject_type\` varchar(32) NOT NULL,
      \`subject_id\` varchar(64) NOT NULL,
      \`detail\` longtext NOT NULL,
      \`hash\` char(64) NOT NULL,
      \`prev_hash\` char(64) NULL,
      UNIQUE INDEX \`uq_audit_records_event_seq\` (\`event_id\`, \`seq\`),
      PRIMARY KEY (\`id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`audit_chain_heads\` (
      \`event_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`seq\` int unsigned NOT NULL,
      \`last_hash\` char(64) NOT NULL,
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (\`event_id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `audit_chain_heads`');
    await q.query('DROP TABLE `audit_records`');
  }
}
