import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  countStatements,
  CraftsEvent,
  craftsEventWithEntries,
  GqlResult,
  judgeUser,
  registerEnterprise,
  startTestApp,
  TestApp,
} from '@app/testing';
import {
  decideEligibility,
  ELIGIBILITY_VIEW,
  eligibilityFactsOf,
  EligibilityRow,
} from '../src/sheet/eligibility';
import { FACTS_SQL } from '../src/sheet/sheet-facts';
import { CreateAssignmentEligibilityView1796800000000 } from '../../db/src/migrations/1796800000000-CreateAssignmentEligibilityView';

const MY_ASSIGNMENTS = `query($id:ID!){myAssignments(roundId:$id){id entry{id}}}`;
const SUBMIT = `mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id version}}`;

/**
 * Who may score an assignment now has one definition of its facts, the view
 * `assignment_eligibility`, read by both paths of a sheet: the ordinary one (`FACTS_SQL`, then
 * `decideEligibility`) and the one-round-trip first sheet (`score_sheet_write_first`, on the
 * view's `eligible`). These tests hold the two to each other.
 */
describe('eligibility: one definition for both paths of a sheet', () => {
  let app: TestApp;
  let event: CraftsEvent;
  let admin: string;
  let judge: { token: string; id: string };
  let ownEntrant: string;
  let otherEntrant: string;
  let roundId: string;
  let assignments: Array<{ id: string; entry: { id: string } }>;

  beforeAll(async () => {
    app = await startTestApp();
    let entrant: { entrantId: string };
    ({ admin, event, entrant } = await craftsEventWithEntries(app, 'eligibility', 3));
    ownEntrant = entrant.entrantId;
    otherEntrant = (await registerEnterprise(app)).entrantId;
    judge = await judgeUser(app);
    const round = await app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      {
        input: {
          eventId: event.eventId,
          name: '初评',
          criteria: [{ key: 'design', name: '设计', weight: 100, maxScore: 10, step: 1 }],
          judgesPerEntry: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    roundId = round.data!.createRound.id as string;
    await app.gql(
      'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
      {
        input: {
          roundId,
          name: '评审组',
          categoryIds: [event.parent.TC],
          judgeIds: [judge.id],
        },
      },
      admin,
    );
    await app.gql(
      'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
      { id: roundId },
      admin,
    );
    await app.gql('mutation($id:ID!){openRound(roundId:$id){status}}', { id: roundId }, admin);
    assignments = (await app.gql(MY_ASSIGNMENTS, { id: roundId }, judge.token)).data!.myAssignments;
    expect(assignments).toHaveLength(3);
  });
  afterAll(() => app.close());

  const submit = (assignmentId: string): Promise<GqlResult> =>
    app.gql(
      SUBMIT,
      {
        input: {
          assignmentId,
          scores: [{ criterionKey: 'design', value: 7 }],
          clientMutationId: randomUUID(),
        },
      },
      judge.token,
    );
  const rowOf = async (assignmentId: string) =>
    (
      await app.sql<EligibilityRow>(`SELECT * FROM ${ELIGIBILITY_VIEW} WHERE assignment_id = ?`, [
        assignmentId,
      ])
    )[0];

  const procedureBody = async () =>
    (
      await app.sql<{ body: string }>(
        `SELECT ROUTINE_DEFINITION AS body FROM information_schema.ROUTINES
          WHERE ROUTINE_SCHEMA = DATABASE() AND ROUTINE_NAME = 'score_sheet_write_first'`,
      )
    )[0].body;

  it('both paths read the view, which is merged into their queries', async () => {
    expect(FACTS_SQL).toContain(`FROM ${ELIGIBILITY_VIEW} v`);
    expect(FACTS_SQL).not.toMatch(/\b(rounds|entries|users|conflicts)\b/);
    const procedure = { body: await procedureBody() };
    expect(procedure.body).toContain(`\`${ELIGIBILITY_VIEW}\``);
    // Nothing of who may score is written out in the procedure itself.
    expect(procedure.body).not.toMatch(/`(rounds|entries|users|conflicts)`|'OPEN'|'RECUSED'/);
    const [view] = await app.sql<Record<string, string>>(`SHOW CREATE VIEW ${ELIGIBILITY_VIEW}`);
    expect(view['Create View']).toMatch(/ALGORITHM=MERGE/);
    const plan = await app.sql<{ select_type: string; table: string }>(`EXPLAIN ${FACTS_SQL}`, [
      'x',
      assignments[0].id,
    ]);
    expect(plan.map((p) => p.select_type)).not.toContain('DERIVED');
  });

  it('the view’s eligible is decideEligibility’s "may score" for every combination of facts', async () => {
    const { id, entry } = assignments[0];
    const set = (sql: string, params: unknown[]) => app.sql(sql, params);
    let checked = 0;
    try {
      for (const roundStatus of ['DRAFT', 'OPEN', 'CLOSED', 'TABULATED']) {
        await set('UPDATE rounds SET status = ? WHERE id = ?', [roundStatus, roundId]);
        for (const assignmentStatus of ['PENDING', 'SUBMITTED', 'RECUSED']) {
          await set('UPDATE assignments SET status = ? WHERE id = ?', [assignmentStatus, id]);
          for (const entryStatus of [
            'DRAFT',
            'SUBMITTED',
            'ACCEPTED',
            'REJECTED',
            'WITHDRAWN',
            'DISQUALIFIED',
          ]) {
            await set('UPDATE entries SET status = ? WHERE id = ?', [entryStatus, entry.id]);
            for (const affiliation of [null, ownEntrant, otherEntrant]) {
              await set('UPDATE users SET affiliation_entrant_id = ? WHERE id = ?', [
                affiliation,
                judge.id,
              ]);
              for (const declared of [false, true]) {
                await set('DELETE FROM conflicts WHERE judge_id = ?', [judge.id]);
                if (declared) {
                  await set('INSERT INTO conflicts (judge_id, entrant_id) VALUES (?, ?)', [
                    judge.id,
                    ownEntrant,
                  ]);
                }
                const row = await rowOf(id);
                const facts = eligibilityFactsOf(row);
                expect({
                  facts,
                  eligible: Number(row.eligible) === 1,
                }).toEqual({ facts, eligible: decideEligibility(facts) === null });
                checked++;
              }
            }
          }
        }
      }
    } finally {
      await set('DELETE FROM conflicts WHERE judge_id = ?', [judge.id]);
      await set('UPDATE users SET affiliation_entrant_id = NULL WHERE id = ?', [judge.id]);
      await set("UPDATE entries SET status = 'ACCEPTED' WHERE id = ?", [entry.id]);
      await set("UPDATE assignments SET status = 'PENDING' WHERE id = ?", [id]);
      await set("UPDATE rounds SET status = 'OPEN' WHERE id = ?", [roundId]);
    }
    expect(checked).toBe(4 * 3 * 6 * 3 * 2);
  });

  it('a change to the view changes both paths at once', async () => {
    const [first, second, third] = assignments;
    expect((await submit(first.id)).data!.submitScoreSheet.version).toBe(1);
    const [{ definition }] = await app.sql<{ definition: string }>(
      `SELECT VIEW_DEFINITION AS definition FROM information_schema.VIEWS
        WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?`,
      [ELIGIBILITY_VIEW],
    );
    const replace = (body: string) =>
      app.sql(
        `CREATE OR REPLACE ALGORITHM=MERGE SQL SECURITY INVOKER VIEW ${ELIGIBILITY_VIEW} AS ${body}`,
      );
    // In the view alone, every judge now works for every entrant.
    const affiliated = definition.replaceAll('`u`.`affiliation_entrant_id`', '`e`.`entrant_id`');
    expect(affiliated).not.toBe(definition);
    await replace(affiliated);
    try {
      const { result, statements } = await countStatements(app.api, () => submit(second.id));
      // The first-sheet procedure missed (it read the view) and the ordinary path refused on it.
      expect(result.errors?.[0].extensions).toMatchObject({
        code: 'FORBIDDEN',
        reason: 'CONFLICT_OF_INTEREST',
      });
      const sheetStatements = statements.filter((s) => /score_sheet|assignment/.test(s));
      expect(sheetStatements).toEqual([
        expect.stringMatching(/^CALL score_sheet_write_first\(/),
        FACTS_SQL,
      ]);
    } finally {
      await replace(definition);
    }
    const { result, statements } = await countStatements(app.api, () => submit(third.id));
    expect(result.data!.submitScoreSheet.version).toBe(1);
    expect(statements.filter((s) => /score_sheet|assignment/.test(s))).toEqual([
      expect.stringMatching(/^CALL score_sheet_write_first\(/),
    ]);
  });

  it('its migration goes down to the procedure it replaced, and up again', async () => {
    const runner = app.api.get(DataSource).createQueryRunner();
    const migration = new CreateAssignmentEligibilityView1796800000000();
    try {
      await migration.down(runner);
      expect(await app.sql(`SHOW FULL TABLES WHERE Table_type = 'VIEW'`)).toEqual([]);
      expect(await procedureBody()).toContain('`conflicts`');
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await procedureBody()).toContain(`\`${ELIGIBILITY_VIEW}\``);
    expect(await rowOf(assignments[0].id)).toMatchObject({ eligible: 1 });
  });
});
