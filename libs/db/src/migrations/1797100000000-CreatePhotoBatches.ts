import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bulk photo uploads (issue 22): `photo_batches`, one per upload in progress, and
 * `photo_batch_files`, its distinct files. `(batch_id, sha256)` is unique: a file sent again
 * (an interrupted upload resumed) is the same row, stored once. `updated_at` finds the batches
 * left untouched, which the maintenance worker removes with their files.
 */
export class CreatePhotoBatches1797100000000 implements MigrationInterface {
  name = 'CreatePhotoBatches1797100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`photo_batches\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`event_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`created_by\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`region_code\` char(6) NULL,
      \`file_count\` int NOT NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      INDEX \`IDX_photo_batches_event_creator\` (\`event_id\`, \`created_by\`),
      INDEX \`IDX_photo_batches_updated\` (\`updated_at\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_photo_batches_event\` FOREIGN KEY (\`event_id\`) REFERENCES \`events\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`photo_batch_files\` (
      \`id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`batch_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`name\` varchar(400) NOT NULL,
      \`bytes\` int NOT NULL,
      \`sha256\` char(64) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`storage_key\` varchar(200) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`format\` varchar(8) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`state\` varchar(16) NOT NULL,
      \`reason\` varchar(64) NULL,
      \`facts\` varchar(500) NULL,
      \`entry_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`image_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NULL,
      \`created_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      UNIQUE INDEX \`UQ_photo_batch_files_batch_sha256\` (\`batch_id\`, \`sha256\`),
      PRIMARY KEY (\`id\`),
      CONSTRAINT \`FK_photo_batch_files_batch\` FOREIGN KEY (\`batch_id\`) REFERENCES \`photo_batches\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `photo_batch_files`');
    await q.query('DROP TABLE `photo_batches`');
  }
}
