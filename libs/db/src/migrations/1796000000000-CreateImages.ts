import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Photos of entries and their renditions. `(entry_id, sha256)` is unique: the same bytes
 * uploaded twice to one entry are one image. `(status, updated_at)` serves the sweep that
 * re-queues images whose render job was lost. Rendition rows are found by their URL key alone.
 */
export class CreateImages1796000000000 implements MigrationInterface {
  name = 'CreateImages1796000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`images\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`position\` int NOT NULL,
      \`status\` varchar(16) NOT NULL,
      \`sha256\` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`bytes\` int NOT NULL,
      \`format\` varchar(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`original_key\` varchar(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`render_key\` char(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`width\` int NULL,
      \`height\` int NULL,
      \`placeholder\` varchar(64) NULL,
      \`failure_reason\` varchar(500) NULL,
      \`created_by\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_images_entry_sha256\` (\`entry_id\`, \`sha256\`),
      INDEX \`IDX_images_entry_position\` (\`entry_id\`, \`position\`),
      INDEX \`IDX_images_status_updated\` (\`status\`, \`updated_at\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_images_entry\` FOREIGN KEY (\`entry_id\`) REFERENCES \`entries\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`image_renditions\` (
      \`image_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`size\` varchar(8) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`url_key\` varchar(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`storage_key\` varchar(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`width\` int NOT NULL,
      \`height\` int NOT NULL,
      \`bytes\` int NOT NULL,
      \`sha256\` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      UNIQUE INDEX \`UQ_image_renditions_url_key\` (\`url_key\`),
      PRIMARY KEY (\`image_id\`, \`size\`),
      CONSTRAINT \`FK_image_renditions_image\` FOREIGN KEY (\`image_id\`) REFERENCES \`images\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `image_renditions`');
    await q.query('DROP TABLE `images`');
  }
}
