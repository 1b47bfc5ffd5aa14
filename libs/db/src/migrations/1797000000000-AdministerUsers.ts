import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People (issue 21): organisers and admins administer the platform's users.
 * - `users.active`: a deactivated user cannot sign in and its tokens are refused; it keeps its
 *   rows (score sheets, audit records) and can be reactivated.
 * - `users.must_change_password`: set by a password reset (a temporary password); the user may
 *   do nothing but change it until it does.
 * - `users.last_sign_in_at`: the last successful sign-in, for the people screen.
 * - `user_admin_records`: who created, deactivated, reactivated a user or reset its password,
 *   and when, append-only (user administration belongs to no event, so to no audit chain).
 */
export class AdministerUsers1797000000000 implements MigrationInterface {
  name = 'AdministerUsers1797000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'ALTER TABLE `users` ' +
        'ADD `active` tinyint NOT NULL DEFAULT 1 AFTER `token_version`, ' +
        'ADD `must_change_password` tinyint NOT NULL DEFAULT 0 AFTER `active`, ' +
        'ADD `last_sign_in_at` datetime(3) NULL AFTER `must_change_password`',
    );

    await q.query(`CREATE TABLE \`user_admin_records\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`user_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`actor_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`action\` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`at\` datetime(3) NOT NULL,
      INDEX \`IDX_user_admin_records_at\` (\`at\`),
      INDEX \`IDX_user_admin_records_user_at\` (\`user_id\`, \`at\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_user_admin_records_user\` FOREIGN KEY (\`user_id\`) REFERENCES \`users\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_user_admin_records_actor\` FOREIGN KEY (\`actor_id\`) REFERENCES \`users\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `user_admin_records`');
    await q.query(
      'ALTER TABLE `users` DROP COLUMN `last_sign_in_at`, DROP COLUMN `must_change_password`, DROP COLUMN `active`',
    );
  }
}
