import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `score_sheet_write`: the whole transaction of a score sheet in one round trip. The
 * application has read the facts and decided (judging-rules.md §10); this writes, re-checking
 * inside its statements what may have changed since, and commits with the audit record:
 * - the assignment is claimed only while its round is OPEN and it is not recused;
 * - a first sheet relies on the unique index of `assignment_id`, a change names the version it
 *   was made on and the UPDATE itself checks it;
 * - the clientMutationId is a primary key;
 * - `audit_append_commit` appends to the event's chain and commits.
 * Any failure rolls everything back and reaches the caller as it was raised: a duplicate key,
 * a deadlock, or SQLSTATE 45000 with a message starting `score_sheet_write:`.
 * Eight round trips (BEGIN, four writes, the append, COMMIT) were most of the API's CPU per
 * sheet under load; this is one.
 */
export class CreateScoreSheetWriteProcedure1796430000000 implements MigrationInterface {
  name = 'CreateScoreSheetWriteProcedure1796430000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE PROCEDURE \`score_sheet_write\`(
      IN p_assignment_id CHAR(36) CHARACTER SET ascii,
      IN p_sheet_id CHAR(36) CHARACTER SET ascii,
      IN p_round_id CHAR(36) CHARACTER SET ascii,
      IN p_base_version INT,
      IN p_scores VARCHAR(4000) CHARACTER SET utf8mb4,
      IN p_total DECIMAL(7,3),
      IN p_comment VARCHAR(2000) CHARACTER SET utf8mb4,
      IN p_at DATETIME(3),
      IN p_client_mutation_id VARCHAR(100) CHARACTER SET ascii,
      IN p_payload_hash CHAR(64) CHARACTER SET ascii,
      IN p_audit_id CHAR(36) CHARACTER SET ascii,
      IN p_event_id CHAR(36) CHARACTER SET ascii,
      IN p_actor_id CHAR(36) CHARACTER SET ascii,
      IN p_action VARCHAR(64) CHARACTER SET utf8mb4,
      IN p_detail LONGTEXT CHARACTER SET utf8mb4,
      IN p_hashed LONGTEXT CHARACTER SET utf8mb4
    )
    MODIFIES SQL DATA
    BEGIN
      DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
      START TRANSACTION;
      UPDATE \`assignments\` a JOIN \`rounds\` r ON r.\`id\` = a.\`round_id\`
         SET a.\`status\` = 'SUBMITTED', a.\`updated_at\` = p_at
       WHERE a.\`id\` = p_assignment_id AND a.\`status\` <> 'RECUSED' AND r.\`status\` = 'OPEN';
      IF ROW_COUNT() <> 1 THEN
        SIGNAL SQLSTATE '45000'
          SET MESSAGE_TEXT = 'score_sheet_write: the round closed or the assignment was recused meanwhile';
      END IF;
      IF p_base_version IS NULL THEN
        INSERT INTO \`score_sheets\` (\`id\`, \`assignment_id\`, \`round_id\`, \`scores\`, \`total\`,
            \`comment\`, \`version\`, \`submitted_at\`)
          VALUES (p_sheet_id, p_assignment_id, p_round_id, p_scores, p_total, p_comment, 1, p_at);
      ELSE
        UPDATE \`score_sheets\`
           SET \`scores\` = p_scores, \`total\` = p_total, \`comment\` = p_comment,
               \`version\` = \`version\` + 1, \`submitted_at\` = p_at
         WHERE \`id\` = p_sheet_id AND \`version\` = p_base_version;
        IF ROW_COUNT() <> 1 THEN
          SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'score_sheet_write: the sheet changed meanwhile';
        END IF;
      END IF;
      INSERT INTO \`score_sheet_mutations\` (\`client_mutation_id\`, \`sheet_id\`, \`payload_hash\`)
        VALUES (p_client_mutation_id, p_sheet_id, p_payload_hash);
      CALL \`audit_append_commit\`(p_audit_id, p_event_id, p_at, p_actor_id, p_action,
        'Assignment', p_assignment_id, p_detail, p_hashed);
    END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP PROCEDURE `score_sheet_write`');
  }
}
