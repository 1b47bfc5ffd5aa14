import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A FINAL publication's documents made ahead by the worker (issue 22): `publication_documents`,
 * one row per stored file (each certificate, and the list), with the hash of what it was drawn
 * from, so a file is served only while its content is still what the publication says (an award
 * revoked since changes the certificate's hash); `publication_document_runs`, one per
 * publication, the job's state and progress that organisers see and the maintenance sweep reads
 * to queue a lost job again. FINAL publications made before this migration get a QUEUED run, so
 * the sweep renders theirs too.
 */
export class CreatePublicationDocuments1797200000000 implements MigrationInterface {
  name = 'CreatePublicationDocuments1797200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE \`publication_documents\` (
      \`publication_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`kind\` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`entry_code\` varchar(40) NOT NULL,
      \`content_hash\` char(64) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`storage_key\` varchar(200) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`bytes\` int NOT NULL,
      \`rendered_at\` datetime(3) NOT NULL,
      PRIMARY KEY (\`publication_id\`, \`kind\`, \`entry_code\`),
      CONSTRAINT \`FK_publication_documents_publication\` FOREIGN KEY (\`publication_id\`) REFERENCES \`publications\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`CREATE TABLE \`publication_document_runs\` (
      \`publication_id\` char(36) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`state\` varchar(16) CHARACTER SET ascii COLLATE ascii_bin NOT NULL,
      \`requested_at\` datetime(3) NOT NULL,
      \`total\` int NOT NULL,
      \`rendered\` int NOT NULL,
      \`failure\` varchar(500) NULL,
      \`updated_at\` datetime(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
      INDEX \`IDX_publication_document_runs_state_updated\` (\`state\`, \`updated_at\`),
      PRIMARY KEY (\`publication_id\`),
      CONSTRAINT \`FK_publication_document_runs_publication\` FOREIGN KEY (\`publication_id\`) REFERENCES \`publications\` (\`id\`) ON DELETE CASCADE ON UPDATE NO ACTION
    ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);

    await q.query(`INSERT INTO \`publication_document_runs\`
        (\`publication_id\`, \`state\`, \`requested_at\`, \`total\`, \`rendered\`)
      SELECT \`id\`, 'QUEUED', CURRENT_TIMESTAMP(3), 0, 0 FROM \`publications\` WHERE \`status\` = 'FINAL'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE `publication_document_runs`');
    await q.query('DROP TABLE `publication_documents`');
  }
}
