import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `audit_append_commit`: appends one record to an event's audit chain and commits the caller's
 * transaction, in one round trip. The chain head is the one row every audited change of an
 * event locks; taken from the application it stays locked across several network round trips
 * and, under load, across the waits of a busy event loop, so every score sheet of an event
 * queued behind it. Here it is locked only inside the server, from this call to its COMMIT
 * (InnoDB releases row locks before the log is flushed).
 *
 * The hash is §9's: sha256 of the previous hash (empty for the first record) followed by
 * `p_hashed`, the record's canonical JSON made by the application (AuditService); SHA2() hashes
 * the UTF-8 bytes of the utf8mb4 text, as the application's verifier does.
 */
export class CreateAuditAppendProcedure1796420000000 implements MigrationInterface {
  name = 'CreateAuditAppendProcedure1796420000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE PROCEDURE \`audit_append_commit\`(
      IN p_id CHAR(36) CHARACTER SET ascii,
      IN p_event_id CHAR(36) CHARACTER SET ascii,
      IN p_at DATETIME(3),
      IN p_actor_id CHAR(36) CHARACTER SET ascii,
      IN p_action VARCHAR(64) CHARACTER SET utf8mb4,
      IN p_subject_type VARCHAR(32) CHARACTER SET utf8mb4,
      IN p_subject_id VARCHAR(64) CHARACTER SET utf8mb4,
      IN p_detail LONGTEXT CHARACTER SET utf8mb4,
      IN p_hashed LONGTEXT CHARACTER SET utf8mb4
    )
    MODIFIES SQL DATA
    BEGIN
      DECLARE v_seq INT UNSIGNED;
      DECLARE v_last CHAR(64) CHARACTER SET utf8mb4;
      DECLARE v_hash CHAR(64) CHARACTER SET utf8mb4;
      INSERT INTO \`audit_chain_heads\` (\`event_id\`, \`seq\`, \`last_hash\`, \`updated_at\`)
        VALUES (p_event_id, 0, '', p_at) ON DUPLICATE KEY UPDATE \`event_id\` = \`event_id\`;
      SELECT \`seq\`, \`last_hash\` INTO v_seq, v_last FROM \`audit_chain_heads\`
        WHERE \`event_id\` = p_event_id FOR UPDATE;
      SET v_hash = LOWER(SHA2(CONCAT(IF(v_seq = 0, '', v_last), p_hashed), 256));
      INSERT INTO \`audit_records\` (\`id\`, \`event_id\`, \`seq\`, \`at\`, \`actor_id\`, \`action\`,
          \`subject_type\`, \`subject_id\`, \`detail\`, \`hash\`, \`prev_hash\`)
        VALUES (p_id, p_event_id, v_seq + 1, p_at, p_actor_id, p_action, p_subject_type,
          p_subject_id, p_detail, v_hash, IF(v_seq = 0, NULL, v_last));
      UPDATE \`audit_chain_heads\` SET \`seq\` = v_seq + 1, \`last_hash\` = v_hash, \`updated_at\` = p_at
        WHERE \`event_id\` = p_event_id;
      COMMIT;
    END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP PROCEDURE `audit_append_commit`');
  }
}
