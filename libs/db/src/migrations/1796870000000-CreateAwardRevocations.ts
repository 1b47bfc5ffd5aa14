import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Awards revoked after their publication became FINAL (judging-rules.md §8): a row beside the
 * frozen item, which itself never changes (nor does the publication's hash). The key is the
 * item (publication, entry code), so a second revocation of the same award cannot add a row,
 * however many arrive at once.
 */
export class CreateAwardRevocations1796870000000 implements MigrationInterface {
  name = 'CreateAwardRevocations1796870000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`award_revocations\` (
      \`publication_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_code\` varchar(40) NOT NULL,
      \`cause\` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`reason\` varchar(1000) NOT NULL,
      \`revoked_at\` datetime(3) NOT NULL,
      \`revoked_by\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      PRIMARY KEY (\`publication_id\`, \`entry_code\`),
      CONSTRAINT \`FK_award_revocations_publication\` FOREIGN KEY (\`publication_id\`) REFERENCES \`publications\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `award_revocations`');
  }
}
