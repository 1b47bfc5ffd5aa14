import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events, their category trees, and entries. Entries copy the entrant's region so a
 * coordinator's listing and the region filter use an index instead of a join; paging uses
 * (event_id, created_at, id).
 */
export class CreateEventsAndEntries1795900000000 implements MigrationInterface {
  name = 'CreateEventsAndEntries1795900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`events\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`slug\` varchar(64) NOT NULL,
      \`name\` varchar(200) NOT NULL,
      \`kind\` varchar(32) NOT NULL,
      \`status\` varchar(16) NOT NULL,
      \`submission_opens_at\` datetime(3) NULL,
      \`submission_closes_at\` datetime(3) NULL,
      \`max_entries_per_entrant\` int NOT NULL,
      \`max_images_per_entry\` int NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_events_slug\` (\`slug\`),
      PRIMARY KEY (\`id\`)
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`categories\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`event_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`code\` varchar(32) NOT NULL,
      \`name\` varchar(200) NOT NULL,
      \`parent_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`path\` varchar(160) NOT NULL,
      \`depth\` int NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_categories_event_code\` (\`event_id\`, \`code\`),
      INDEX \`IDX_categories_parent\` (\`parent_id\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_categories_event\` FOREIGN KEY (\`event_id\`) REFERENCES \`events\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_categories_parent\` FOREIGN KEY (\`parent_id\`) REFERENCES \`categories\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`entries\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`event_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entrant_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`category_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`region_code\` char(6) NOT NULL,
      \`code\` varchar(40) NULL,
      \`status\` varchar(16) NOT NULL,
      \`title\` varchar(200) NOT NULL,
      \`description\` text NULL,
      \`materials\` varchar(500) NULL,
      \`techniques\` varchar(500) NULL,
      \`dimensions\` varchar(500) NULL,
      \`creators\` text NOT NULL,
      \`item_count\` int NOT NULL,
      \`year_created\` int NULL,
      \`patent_numbers\` text NOT NULL,
      \`screening_reason\` varchar(1000) NULL,
      \`submitted_at\` datetime(3) NULL,
      \`created_by\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_entries_event_code\` (\`event_id\`, \`code\`),
      INDEX \`IDX_entries_event_created\` (\`event_id\`, \`created_at\`, \`id\`),
      INDEX \`IDX_entries_event_status\` (\`event_id\`, \`status\`),
      INDEX \`IDX_entries_event_region\` (\`event_id\`, \`region_code\`),
      INDEX \`IDX_entries_category\` (\`category_id\`),
      INDEX \`IDX_entries_entrant_event\` (\`entrant_id\`, \`event_id\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_entries_event\` FOREIGN KEY (\`event_id\`) REFERENCES \`events\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_entries_entrant\` FOREIGN KEY (\`entrant_id\`) REFERENCES \`entrants\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_entries_category\` FOREIGN KEY (\`category_id\`) REFERENCES \`categories\` (\`id\`) ON DELETE RESTRICT ON UPDATE NO ACTION,
      CONSTRAINT \`FK_entries_region\` FOREIGN KEY (\`region_code\`) REFERENCES \`regions\` (\`code\`) ON DELETE RESTRICT ON UPDATE CASCADE
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `entries`');
    await q.query('DROP TABLE `categories`');
    await q.query('DROP TABLE `events`');
  }
}
