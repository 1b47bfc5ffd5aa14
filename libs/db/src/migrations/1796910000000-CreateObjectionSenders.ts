import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `objection_senders`: one row per client address that filed objections, holding the times of
 * its filings inside the rate window. Filing an objection locks the address's row before it
 * counts, so objections sent at the same moment take turns and the limit per address holds
 * (issue 19: 40 at once were all taken when the count was read outside any lock).
 */
export class CreateObjectionSenders1796910000000 implements MigrationInterface {
  name = 'CreateObjectionSenders1796910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`objection_senders\` (
      \`client_ip\` varchar(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`recent\` varchar(1000) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      PRIMARY KEY (\`client_ip\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `objection_senders`');
  }
}
