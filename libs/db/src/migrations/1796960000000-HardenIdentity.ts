import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity under attack (issue 19):
 * - `login_failures.pending`: a password check is counted before it runs (a row with pending 1),
 *   so requests sent together cannot all pass the limit; a failure clears the flag, a success
 *   deletes the row.
 * - `registration_attempts`: sign-ups per client address and per credit code in a window.
 * - `revoked_tokens`: tokens ended by `signOut`, by their `jti`, kept until they expire anyway.
 * - `credit_code_releases`: the record of each credit code an organiser took back from an
 *   entrant (who, when, why), append-only.
 */
export class HardenIdentity1796960000000 implements MigrationInterface {
  name = 'HardenIdentity1796960000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE `login_failures` ADD `pending` tinyint NOT NULL DEFAULT 0 AFTER `at`',
    );

    await q.query(`CREATE TABLE \`registration_attempts\` (
      \`id\` bigint NOT NULL AUTO_INCREMENT,
      \`ip\` varchar(45) NOT NULL,
      \`credit_code\` char(18) NULL,
      \`at\` datetime(3) NOT NULL,
      INDEX \`IDX_registration_attempts_ip_at\` (\`ip\`, \`at\`),
      INDEX \`IDX_registration_attempts_credit_code_at\` (\`credit_code\`, \`at\`),
      PRIMARY KEY (\`id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`revoked_tokens\` (
      \`jti\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`user_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`expires_at\` datetime(3) NOT NULL,
      \`revoked_at\` datetime(3) NOT NULL,
      INDEX \`IDX_revoked_tokens_expires_at\` (\`expires_at\`),
      PRIMARY KEY (\`jti\`),
      CONSTRAINT \`FK_revoked_tokens_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`users\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`credit_code_releases\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`credit_code\` char(18) NOT NULL,
      \`entrant_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`released_by\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`reason\` varchar(500) NOT NULL,
      \`released_at\` datetime(3) NOT NULL,
      INDEX \`IDX_credit_code_releases_released_at\` (\`released_at\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_credit_code_releases_entrant\` FOREIGN KEY (\`entrant_id\`) REFERENCES \`entrants\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_credit_code_releases_user\` FOREIGN KEY (\`released_by\`) REFERENCES \`users\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `credit_code_releases`');
    await q.query('DROP TABLE `revoked_tokens`');
    await q.query('DROP TABLE `registration_attempts`');
    await q.query('ALTER TABLE `login_failures` DROP COLUMN `pending`');
  }
}
