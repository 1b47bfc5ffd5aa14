import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Publications (judging-rules.md §8): each version of a round's published results, the items
 * it froze (names copied, so a later rename changes nothing published), and the objections
 * filed while it was in notice. `(round_id, version)` is unique, so two publishes cannot both
 * take the same version; certificate codes are unique across all publications, since
 * `verifyCertificate` looks one up by its code alone. Objections keep the round's id so the
 * "any objection to any version of this round still OPEN" check is one index read, and the
 * client's address with the time so the rate limit per address is one too.
 */
export class CreatePublications1796600000000 implements MigrationInterface {
  name = 'CreatePublications1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`publications\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`event_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`tabulation_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`version\` int NOT NULL,
      \`status\` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`published_at\` datetime(3) NOT NULL,
      \`notice_ends_at\` datetime(3) NOT NULL,
      \`finalised_at\` datetime(3) NULL,
      \`hash\` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`show_scores\` tinyint NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_publications_round_version\` (\`round_id\`, \`version\`),
      INDEX \`IDX_publications_event_status\` (\`event_id\`, \`status\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_publications_event\` FOREIGN KEY (\`event_id\`) REFERENCES \`events\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_publications_round\` FOREIGN KEY (\`round_id\`) REFERENCES \`rounds\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_publications_tabulation\` FOREIGN KEY (\`tabulation_id\`) REFERENCES \`tabulations\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`published_items\` (
      \`publication_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`position\` int NOT NULL,
      \`entry_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_code\` varchar(40) NOT NULL,
      \`title\` varchar(200) NOT NULL,
      \`entrant_name\` varchar(200) NOT NULL,
      \`region_name\` varchar(100) NOT NULL,
      \`category_name\` varchar(200) NOT NULL,
      \`category_code\` varchar(32) NOT NULL,
      \`award_key\` varchar(40) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`award_name\` varchar(200) NULL,
      \`award_rank\` int NULL,
      \`rank\` int NULL,
      \`score\` decimal(12,4) NULL,
      \`certificate_code\` varchar(20) CHARACTER SET ascii COLLATE ascii_bin NULL,
      UNIQUE INDEX \`UQ_published_items_entry_code\` (\`publication_id\`, \`entry_code\`),
      UNIQUE INDEX \`UQ_published_items_certificate\` (\`certificate_code\`),
      PRIMARY KEY (\`publication_id\`, \`position\`),
      CONSTRAINT \`FK_published_items_publication\` FOREIGN KEY (\`publication_id\`) REFERENCES \`publications\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION,
      CONSTRAINT \`FK_published_items_entry\` FOREIGN KEY (\`entry_id\`) REFERENCES \`entries\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`objections\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`publication_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`round_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_code\` varchar(40) NOT NULL,
      \`reason\` varchar(2000) NOT NULL,
      \`contact\` varchar(200) NULL,
      \`status\` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`response\` varchar(2000) NULL,
      \`filed_by\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`client_ip\` varchar(45) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`resolved_by\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`resolved_at\` datetime(3) NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      INDEX \`IDX_objections_round_status\` (\`round_id\`, \`status\`),
      INDEX \`IDX_objections_publication\` (\`publication_id\`, \`created_at\`),
      INDEX \`IDX_objections_client_created\` (\`client_ip\`, \`created_at\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_objections_publication\` FOREIGN KEY (\`publication_id\`) REFERENCES \`publications\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `objections`');
    await q.query('DROP TABLE `published_items`');
    await q.query('DROP TABLE `publications`');
  }
}
