import { MigrationInterface, QueryRunner } from 'typeorm';
import { CreateScoreSheetFirstProcedure1796700000000 } from './1796700000000-CreateScoreSheetFirstProcedure';

/**
 * `assignment_eligibility`: the facts of "may this judge score this assignment now"
 * (judging-rules.md §10 step 3), one row per assignment, in one definition that both paths of a
 * score sheet read:
 * - the ordinary path selects the row (with the sheet and the clientMutationId's earlier use,
 *   `FACTS_SQL` in libs/judging/src/sheet/sheet-facts.ts) and `decideEligibility`
 *   (libs/judging/src/sheet/eligibility.ts) decides in §10's order which refusal, if any;
 * - `score_sheet_write_first`, recreated here on the view, writes only when the row is this
 *   judge's in the expected round and event and `eligible` is 1, and otherwise answers `miss`
 *   as before (it only recognises the ordinary case; the application decides the rest).
 * `eligible` is the SQL form of `decideEligibility(...) === null`: round OPEN, assignment not
 * RECUSED, entry ACCEPTED, no conflict of interest (`isConflictOfInterest`: the judge works for
 * the entrant, or a conflict is declared); libs/judging/test/eligibility.e2e-spec.ts holds the
 * two to each other for every combination of those facts.
 *
 * ALGORITHM=MERGE: the view is folded into each query that reads it, the same plan as the joins
 * written out (a view that cannot be merged is stored as UNDEFINED with only a warning, so the
 * e2e test checks it is MERGE), which is why the declared conflict is a LEFT JOIN on the conflict's primary key rather than an
 * EXISTS in the select list (that would make it a temporary table). The procedure's read stays a
 * plain SELECT … INTO, a consistent read (see CreateScoreSheetFirstProcedure on why).
 * SQL SECURITY INVOKER: the view needs no definer account of its own.
 */
export class CreateAssignmentEligibilityView1796800000000 implements MigrationInterface {
  name = 'CreateAssignmentEligibilityView1796800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW \`assignment_eligibility\` AS
      SELECT a.\`id\` AS \`assignment_id\`, a.\`judge_id\`, a.\`round_id\`, a.\`entry_id\`,
             r.\`event_id\`, a.\`status\` AS \`assignment_status\`, r.\`status\` AS \`round_status\`,
             e.\`status\` AS \`entry_status\`, e.\`entrant_id\`,
             u.\`affiliation_entrant_id\` AS \`judge_affiliation_entrant_id\`,
             (c.\`judge_id\` IS NOT NULL) AS \`declared_conflict\`,
             (r.\`status\` = 'OPEN' AND a.\`status\` <> 'RECUSED' AND e.\`status\` = 'ACCEPTED'
               AND NOT COALESCE(u.\`affiliation_entrant_id\` = e.\`entrant_id\`, 0)
               AND c.\`judge_id\` IS NULL) AS \`eligible\`
        FROM \`assignments\` a
        JOIN \`rounds\` r ON r.\`id\` = a.\`round_id\`
        JOIN \`entries\` e ON e.\`id\` = a.\`entry_id\`
        JOIN \`users\` u ON u.\`id\` = a.\`judge_id\`
        LEFT JOIN \`conflicts\` c ON c.\`judge_id\` = a.\`judge_id\` AND c.\`entrant_id\` = e.\`entrant_id\``);
    await q.query('DROP PROCEDURE `score_sheet_write_first`');
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
      -- A plain consistent read, as in CreateScoreSheetFirstProcedure; who may score is the
      -- view's, the rest (no sheet yet, an unused clientMutationId) is the first sheet's own.
      SELECT COUNT(*) INTO v_ordinary
        FROM \`assignment_eligibility\` v
       WHERE v.\`assignment_id\` = p_assignment_id AND v.\`judge_id\` = p_judge_id
         AND v.\`round_id\` = p_round_id AND v.\`event_id\` = p_event_id
         AND v.\`eligible\`
         AND NOT EXISTS (SELECT 1 FROM \`score_sheets\` s WHERE s.\`assignment_id\` = v.\`assignment_id\`)
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
    const previous = new CreateScoreSheetFirstProcedure1796700000000();
    await previous.down(q);
    await previous.up(q);
    await q.query('DROP VIEW `assignment_eligibility`');
  }
}
