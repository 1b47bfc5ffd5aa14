import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `score_sheet_write_first`: a judge's first sheet of an assignment, the common case, in one
 * round trip with no read before it. The application has checked the scores against the round
 * it expects (the round this judge last scored in) and states what it expects; the
 * procedure writes only when every fact of judging-rules.md §10 is the ordinary one:
 * - the assignment is this judge's, in that round of that event, and not recused;
 * - the round is OPEN, the entry ACCEPTED, the judge not conflicted with its entrant
 *   (affiliation or a declared conflict);
 * - the assignment has no sheet yet and the clientMutationId was never used.
 * Then `score_sheet_write` stores version 1 with its clientMutationId and audit record and this
 * answers one row `miss = 0`. Otherwise it writes nothing and answers `miss = 1`: the
 * application then reads the facts and
 * decides in §10's order as for any other submission, so the rules stay in one place and this
 * only has to recognise the ordinary case. Races end as in `score_sheet_write`: a duplicate
 * key, a deadlock or its 45000, everything rolled back.
 */
export class CreateScoreSheetFirstProcedure1796700000000 implements MigrationInterface {
  name = 'CreateScoreSheetFirstProcedure1796700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE PROCEDURE \`score_sheet_write_first\`(
      IN p_assignment_id CHAR(36) CHARACTER SET ascii,
      IN p_judge_id CHAR(36) CHARACTER SET ascii,
      IN p_round_id CHAR(36) CHARACTER SET ascii,
      IN p_event_id CHAR(36) CHARACTER SET ascii,
      IN p_sheet_id CHAR(36) CHARACTER SET ascii,
      IN p_scores VARCHAR(4000) CHARACTER SET utf8mb4,
      IN p_total DECIMAL(7,3),
      IN p_comment VARCHAR(2000) CHARACTER SET utf8mb4,
      IN p_at DATETIME(3),
      IN p_client_mutation_id VARCHAR(100) CHARACTER SET ascii,
      IN p_payload_hash CHAR(64) CHARACTER SET ascii,
      IN p_audit_id CHAR(36) CHARACTER SET ascii,
      IN p_action VARCHAR(64) CHARACTER SET utf8mb4,
      IN p_detail LONGTEXT CHARACTER SET utf8mb4,
      IN p_hashed LONGTEXT CHARACTER SET utf8mb4
    )
    MODIFIES SQL DATA
    BEGIN
      DECLARE v_ordinary INT;
      -- SELECT … INTO is a plain consistent read. Not IF EXISTS (…): a subquery in a procedure's
      -- condition is a locking read (shared and gap locks, as in INSERT … SELECT), which waits
      -- behind sheets in flight, and locking reads of absent keys (the sheet, the
      -- clientMutationId) take gap locks that concurrent first sheets can deadlock on. What may
      -- change before the write is re-checked by score_sheet_write (round OPEN, not recused) or
      -- by a unique key (the sheet, the clientMutationId).
      SELECT COUNT(*) INTO v_ordinary
        FROM \`assignments\` a
        JOIN \`rounds\` r ON r.\`id\` = a.\`round_id\`
        JOIN \`entries\` e ON e.\`id\` = a.\`entry_id\`
        JOIN \`users\` u ON u.\`id\` = a.\`judge_id\`
       WHERE a.\`id\` = p_assignment_id AND a.\`judge_id\` = p_judge_id
         AND a.\`round_id\` = p_round_id AND a.\`status\` <> 'RECUSED'
         AND r.\`status\` = 'OPEN' AND r.\`event_id\` = p_event_id
         AND e.\`status\` = 'ACCEPTED'
         AND NOT COALESCE(u.\`affiliation_entrant_id\` = e.\`entrant_id\`, 0)
         AND NOT EXISTS (SELECT 1 FROM \`conflicts\` c
                          WHERE c.\`judge_id\` = a.\`judge_id\` AND c.\`entrant_id\` = e.\`entrant_id\`)
         AND NOT EXISTS (SELECT 1 FROM \`score_sheets\` s WHERE s.\`assignment_id\` = a.\`id\`)
         AND NOT EXISTS (SELECT 1 FROM \`score_sheet_mutations\` m
                          WHERE m.\`client_mutation_id\` = p_client_mutation_id);
      IF v_ordinary = 1 THEN
        CALL \`score_sheet_write\`(p_assignment_id, p_sheet_id, p_round_id, NULL, p_scores, p_total,
          p_comment, p_at, p_client_mutation_id, p_payload_hash, p_audit_id, p_event_id,
          p_judge_id, p_action, p_detail, p_hashed);
        SELECT 0 AS \`miss\`;
      ELSE
        SELECT 1 AS \`miss\`;
      END IF;
    END`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP PROCEDURE `score_sheet_write_first`');
  }
}
