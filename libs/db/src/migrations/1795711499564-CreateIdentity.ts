import { MigrationInterface, QueryRunner } from 'typeorm';

/** Regions, entrants, users and the sign-in failure log. Tables are utf8mb4 whatever the server default. */
export class CreateIdentity1795711499564 implements MigrationInterface {
  name = 'CreateIdentity1795711499564';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`regions\` (
      \`code\` char(6) NOT NULL,
      \`name\` varchar(100) NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (\`code\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`entrants\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`type\` varchar(16) NOT NULL,
      \`name\` varchar(200) NOT NULL,
      \`credit_code\` char(18) NULL,
      \`region_code\` char(6) NOT NULL,
      \`contact_name\` varchar(100) NULL,
      \`phone\` varchar(40) NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_entrants_credit_code\` (\`credit_code\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_entrants_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\` (\`code\`) ON DELETE RESTRICT ON UPDATE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`users\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`email\` varchar(254) NOT NULL,
      \`name\` varchar(200) NOT NULL,
      \`password_hash\` varchar(255) NOT NULL,
      \`role\` varchar(16) NOT NULL,
      \`region_code\` char(6) NULL,
      \`entrant_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`affiliation_entrant_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`token_version\` int NOT NULL DEFAULT '0',
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_users_email\` (\`email\`),
      INDEX \`IDX_users_role\` (\`role\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_users_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\` (\`code\`) ON DELETE RESTRICT ON UPDATE CASCADE,
      CONSTRAINT \`FK_users_entrant\` FOREIGN KEY (\`entrant_id\`) REFERENCES \`entrants\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_users_affiliation\` FOREIGN KEY (\`affiliation_entrant_id\`) REFERENCES \`entrants\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`login_failures\` (
      \`id\` bigint NOT NULL AUTO_INCREMENT,
      \`email\` varchar(254) NOT NULL,
      \`ip\` varchar(45) NOT NULL,
      \`at\` datetime(3) NOT NULL,
      INDEX \`IDX_login_failures_email_at\` (\`email\`, \`at\`),
      INDEX \`IDX_login_failures_ip_at\` (\`ip\`, \`at\`),
      PRIMARY KEY (\`id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `login_failures`');
    await q.query('DROP TABLE `users`');
    await q.query('DROP TABLE `entrants`');
    await q.query('DROP TABLE `regions`');
  }
}
