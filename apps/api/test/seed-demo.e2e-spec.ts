import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { startTestApp, TestApp } from '@app/testing';
import { DemoModule } from '../src/demo/demo.module';
import { SeedDemoService } from '../src/demo/seed-demo.service';
import { createHash } from 'node:crypto';
import { EntryService } from '@app/entries';
import { checkRoundSettings, ScoreSheetService, toTabulationSettings } from '@app/judging';
import { TabulationRunner } from '@app/results';
import { EntryInput, tabulate } from '@app/tabulation';
import {
  AFFILIATION,
  DECLARED_CONFLICT,
  DEMO_JUDGES,
  OBJECTION,
  ROUND_ONE,
  ROUND_TWO,
} from '../src/demo/demo-judging-data';

/** `npm run seed:demo` in-process, on a database of its own. */
describe('the demo seed', () => {
  let app: TestApp;
  let demo: INestApplicationContext;
  beforeAll(async () => {
    app = await startTestApp();
    demo = await NestFactory.createApplicationContext(DemoModule.forRoot(app.config), {
      logger: ['error'],
    });
  });
  afterAll(async () => {
    await demo.close();
    await app.close();
  });

  const roundNamed = async (name: string) => {
    const [round] = await app.sql('SELECT * FROM rounds WHERE name = ?', [name]);
    return round;
  };

  /** Round one's entries and counted sheets, read here by plain SQL for the pure library. */
  const judgedInput = async (roundId: string) => {
    const entries = await app.sql<{
      id: string;
      code: string;
      status: EntryInput['status'];
      categoryCode: string;
      topCode: string;
    }>(
      `SELECT e.id, e.code, e.status, c.code AS categoryCode, p.code AS topCode
         FROM round_entries re JOIN entries e ON e.id = re.entry_id
         JOIN categories c ON c.id = e.category_id JOIN categories p ON p.id = c.parent_id
        WHERE re.round_id = ?`,
      [roundId],
    );
    const sheets = await app.sql<{ entry_id: string; judge_id: string; scores: string }>(
      `SELECT a.entry_id, a.judge_id, s.scores FROM score_sheets s
         JOIN assignments a ON a.id = s.assignment_id
        WHERE s.round_id = ? AND a.status = 'SUBMITTED'`,
      [roundId],
    );
    return {
      entries: entries.map((e) => ({
        id: e.id,
        code: e.code,
        categoryCode: e.categoryCode,
        topCategoryCode: e.topCode,
        status: e.status,
      })),
      sheets: sheets.map((s) => ({
        entryId: s.entry_id,
        judgeId: s.judge_id,
        scores: (JSON.parse(s.scores) as [string, string][]).map(([criterionKey, value]) => ({
          criterionKey,
          value,
        })),
      })),
    };
  };

  it('creates the 14 cities, 30 entrants of every type and 100+ entries in every status, with a sound audit chain', async () => {
    const summary = await demo
      .get(SeedDemoService)
      .run(app.config.adminEmail, app.config.adminPassword);
    expect(summary.created).toBe(true);

    expect(await app.sql('SELECT code FROM regions')).toHaveLength(14);
    const types = await app.sql<{ type: string; n: number }>(
      'SELECT type, COUNT(*) AS n FROM entrants GROUP BY type ORDER BY type',
    );
    expect(types.map((t) => [t.type, Number(t.n)])).toEqual([
      ['ENTERPRISE', 12],
      ['INDIVIDUAL', 12],
      ['INSTITUTION', 6],
    ]);
    const statuses = await app.sql<{ status: string; n: number }>(
      'SELECT status, COUNT(*) AS n FROM entries WHERE event_id = ? GROUP BY status',
      [summary.eventId],
    );
    expect(statuses.map((s) => s.status).sort()).toEqual([
      'ACCEPTED',
      'DISQUALIFIED',
      'DRAFT',
      'REJECTED',
      'SUBMITTED',
      'WITHDRAWN',
    ]);
    expect(statuses.reduce((sum, s) => sum + Number(s.n), 0)).toBeGreaterThanOrEqual(100);
    const codes = await app.sql<{ code: string }>(
      'SELECT code FROM entries WHERE event_id = ? AND code IS NOT NULL',
      [summary.eventId],
    );
    expect(new Set(codes.map((c) => c.code)).size).toBe(codes.length);
    expect(codes.every((c) => /^[A-Z]{2}-0[12]-\d{4}$/.test(c.code))).toBe(true);
    expect(await app.sql("SELECT id FROM entrants WHERE name LIKE '%𠮷%'")).toHaveLength(1);

    const admin = await app.adminToken();
    const chain = await app.gql(
      'query($e:ID!){verifyAuditChain(eventId:$e){ok records}}',
      { e: summary.eventId },
      admin,
    );
    expect(chain.data!.verifyAuditChain.ok).toBe(true);
    expect(chain.data!.verifyAuditChain.records).toBeGreaterThan(120);
    const coordinators = await app.sql<{ name: string }>(
      "SELECT name FROM users WHERE role = 'COORDINATOR' ORDER BY email",
    );
    expect(coordinators.map((c) => c.name)).toEqual(['南宁市协会联络员', '钦州市协会联络员']);
    const signIn = await app.login('entrant01@example.com', 'demo-password');
    expect(signIn.split('.')).toHaveLength(3);
  });

  it('judges round one through the services: conflicts kept, a recusal topped up, some sheets changed', async () => {
    const judges = await app.sql<{ email: string; affiliation: string | null }>(
      "SELECT email, affiliation_entrant_id AS affiliation FROM users WHERE role = 'JUDGE' ORDER BY email",
    );
    expect(judges.map((j) => j.email)).toEqual(DEMO_JUDGES.map((j) => j.email));
    expect(judges.filter((j) => j.affiliation !== null).map((j) => j.email)).toEqual([
      AFFILIATION.judgeEmail,
    ]);
    expect(await app.sql('SELECT judge_id FROM conflicts')).toHaveLength(1);
    const one = await roundNamed(ROUND_ONE.name);
    expect(one.status).toBe('TABULATED');

    const duties = await app.sql<{ status: string; sheets: number; version: number | null }>(
      `SELECT a.status, COUNT(s.id) AS sheets, MAX(s.version) AS version
         FROM assignments a LEFT JOIN score_sheets s ON s.assignment_id = a.id
        WHERE a.round_id = ? GROUP BY a.id, a.status`,
      [one.id],
    );
    const counted = duties.filter((d) => d.status !== 'RECUSED');
    expect(duties.filter((d) => d.status === 'RECUSED')).toHaveLength(1);
    expect(counted.every((d) => d.status === 'SUBMITTED' && Number(d.sheets) === 1)).toBe(true);
    expect(counted.filter((d) => d.version === 2).length).toBeGreaterThanOrEqual(3);
    // every entry of the round has its three judges, the recused one's made up by the top-up
    const perEntry = await app.sql<{ n: number }>(
      `SELECT COUNT(*) AS n FROM round_entries re
         JOIN assignments a ON a.entry_id = re.entry_id AND a.round_id = re.round_id AND a.status <> 'RECUSED'
        WHERE re.round_id = ? GROUP BY re.entry_id`,
      [one.id],
    );
    expect(perEntry.length).toBeGreaterThanOrEqual(40);
    expect(perEntry.every((e) => Number(e.n) === 3)).toBe(true);
    // the affiliated and the conflicted judge never got their entrant's entries, in any round
    const conflicted = await app.sql(
      `SELECT a.id FROM assignments a
         JOIN users u ON u.id = a.judge_id JOIN entries e ON e.id = a.entry_id
         JOIN entrants en ON en.id = e.entrant_id
        WHERE (u.email = ? AND en.name = ?) OR (u.email = ? AND en.name = ?)`,
      [
        AFFILIATION.judgeEmail,
        AFFILIATION.entrantName,
        DECLARED_CONFLICT.judgeEmail,
        DECLARED_CONFLICT.entrantName,
      ],
    );
    expect(conflicted).toHaveLength(0);
  });

  it('tabulates round one as the pure library does, and publishes it in notice with a dismissed objection', async () => {
    const one = await roundNamed(ROUND_ONE.name);
    const [tabulation] = await app.sql<{ id: string; version: number; hash: string }>(
      'SELECT id, version, hash FROM tabulations WHERE round_id = ?',
      [one.id],
    );
    expect(tabulation.version).toBe(1);
    const checked = checkRoundSettings(ROUND_ONE);
    if (!checked.ok) throw new Error(JSON.stringify(checked.problems));
    const expected = tabulate({
      round: toTabulationSettings(checked.settings),
      ...(await judgedInput(one.id)),
    });
    expect(tabulation.hash).toBe(expected.hash);
    const awarded = expected.results.filter((r) => r.award !== null);
    for (const tier of ['gold', 'silver', 'bronze']) {
      expect(awarded.some((r) => r.award === tier)).toBe(true);
    }
    const advanced = expected.results.filter((r) => r.advanced).map((r) => r.entryCode);
    expect(advanced.length).toBeGreaterThanOrEqual(16);

    const [publication] = await app.sql<{
      id: string;
      version: number;
      status: string;
      hash: string;
      notice_ends_at: Date;
      tabulation_id: string;
    }>('SELECT * FROM publications WHERE round_id = ?', [one.id]);
    expect(publication).toMatchObject({
      version: 1,
      status: 'NOTICE',
      tabulation_id: tabulation.id,
    });
    expect(new Date(publication.notice_ends_at).getTime()).toBeGreaterThan(Date.now());
    const items = await app.sql<{
      entry_code: string;
      title: string;
      entrant_name: string;
      region_name: string;
      category_name: string;
      award_key: string | null;
      rank: number | null;
    }>('SELECT * FROM published_items WHERE publication_id = ? ORDER BY position', [
      publication.id,
    ]);
    expect(items.map((i) => i.entry_code).sort()).toEqual(
      expected.results
        .filter((r) => r.award !== null || r.advanced)
        .map((r) => r.entryCode)
        .sort(),
    );
    const json = JSON.stringify(
      items.map((i) => ({
        entryCode: i.entry_code,
        title: i.title,
        entrantName: i.entrant_name,
        regionName: i.region_name,
        categoryName: i.category_name,
        award: i.award_key,
        rank: i.rank,
      })),
    );
    expect(publication.hash).toBe(createHash('sha256').update(json, 'utf8').digest('hex'));
    const objections = await app.sql<{ status: string; response: string; filed_by: string | null }>(
      'SELECT status, response, filed_by FROM objections WHERE publication_id = ?',
      [publication.id],
    );
    expect(objections).toEqual([
      { status: 'DISMISSED', response: OBJECTION.response, filed_by: null },
    ]);
  });

  it('leaves round two open on the advanced entries, blind and in part scored, for the tablets', async () => {
    const one = await roundNamed(ROUND_ONE.name);
    const two = await roundNamed(ROUND_TWO.name);
    expect(two).toMatchObject({
      status: 'OPEN',
      previous_round_id: one.id,
      blind: 1,
      aggregation: 'TRIMMED_MEAN',
    });
    const advanced = await app.sql<{ entry_id: string }>(
      `SELECT r.entry_id FROM entry_results r JOIN tabulations t ON t.id = r.tabulation_id
        WHERE t.round_id = ? AND r.advanced = 1 ORDER BY r.entry_id`,
      [one.id],
    );
    const taken = await app.sql<{ entry_id: string }>(
      'SELECT entry_id FROM round_entries WHERE round_id = ? ORDER BY entry_id',
      [two.id],
    );
    expect(taken).toEqual(advanced);
    const byJudge = await app.sql<{ email: string; assigned: number; scored: number }>(
      `SELECT u.email, COUNT(a.id) AS assigned, COUNT(s.id) AS scored
         FROM assignments a JOIN users u ON u.id = a.judge_id
         LEFT JOIN score_sheets s ON s.assignment_id = a.id
        WHERE a.round_id = ? GROUP BY u.email ORDER BY u.email`,
      [two.id],
    );
    expect(byJudge).toHaveLength(12);
    const assigned = byJudge.reduce((sum, j) => sum + Number(j.assigned), 0);
    const scored = byJudge.reduce((sum, j) => sum + Number(j.scored), 0);
    expect(assigned).toBe(taken.length * 5);
    expect(scored).toBeGreaterThan(0);
    expect(scored).toBeLessThan(assigned / 2 + 10);
    expect(byJudge.some((j) => Number(j.scored) === 0)).toBe(true);

    // judge01 signs in as on a tablet and finds round two's work waiting, blind
    const token = await app.login(DEMO_JUDGES[0].email, 'demo-password');
    const mine = await app.gql(
      'query($r:ID!){myAssignments(roundId:$r){status entry{code entrant{name}}}}',
      { r: two.id },
      token,
    );
    expect(mine.errors).toBeUndefined();
    const waiting = mine.data!.myAssignments.filter((a: any) => a.status === 'PENDING');
    expect(waiting.length).toBeGreaterThan(0);
    expect(mine.data!.myAssignments.every((a: any) => a.entry.entrant === null)).toBe(true);

    const chain = await app.gql(
      'query($e:ID!){verifyAuditChain(eventId:$e){ok}}',
      { e: one.event_id },
      await app.adminToken(),
    );
    expect(chain.data!.verifyAuditChain.ok).toBe(true);
  });

  it('changes nothing when run again', async () => {
    const before = await app.sql('SELECT COUNT(*) AS n FROM audit_records');
    const again = await demo
      .get(SeedDemoService)
      .run(app.config.adminEmail, app.config.adminPassword);
    expect(again.created).toBe(false);
    expect(again.judging).toEqual([]);
    expect(again.figures.rounds.map((r) => r.status)).toEqual(['TABULATED', 'OPEN']);
    expect(await app.sql('SELECT COUNT(*) AS n FROM audit_records')).toEqual(before);
  });
});

describe('the demo seed, failing half-way', () => {
  let app: TestApp;
  let demo: INestApplicationContext;
  beforeAll(async () => {
    app = await startTestApp();
    demo = await NestFactory.createApplicationContext(DemoModule.forRoot(app.config), {
      logger: ['error'],
    });
  });
  afterAll(async () => {
    await demo.close();
    await app.close();
  });

  const run = () => demo.get(SeedDemoService).run(app.config.adminEmail, app.config.adminPassword);

  /** Makes the nth call of a service method fail, as a machine going down there would. */
  const failAt = <T extends object>(service: T, method: keyof T & string, nth: number) => {
    const original = (service[method] as (...args: unknown[]) => unknown).bind(service);
    let calls = 0;
    return jest.spyOn(service, method as never).mockImplementation((async (...args: unknown[]) => {
      if (++calls === nth) throw new Error(`the machine went down in ${method}`);
      return original(...args);
    }) as never);
  };

  it('leaves nothing of the event behind, so the next run starts clean', async () => {
    const spy = failAt(demo.get(EntryService), 'create', 10);
    await expect(run()).rejects.toThrow('went down');
    spy.mockRestore();
    expect(
      await app.sql("SELECT id FROM users WHERE email = 'organiser@example.com'"),
    ).toHaveLength(0);
    expect(await app.sql('SELECT id FROM entries')).toHaveLength(0);
    expect(await app.sql('SELECT id FROM events')).toHaveLength(0);

    // the next run creates the event, then stops in the middle of round one's sheets
    const sheetSpy = failAt(demo.get(ScoreSheetService), 'submit', 60);
    await expect(run()).rejects.toThrow('went down in submit');
    sheetSpy.mockRestore();
    expect(await app.sql('SELECT id FROM events')).toHaveLength(1);
    const [one] = await app.sql("SELECT status FROM rounds WHERE name = '初评'");
    expect(one.status).toBe('OPEN');
    // 59 calls went through, one of them the change of an earlier sheet
    expect(await app.sql('SELECT id FROM score_sheets')).toHaveLength(58);
  });

  it('goes on where judging stopped: no sheet twice, the tabulation made after the close', async () => {
    const runSpy = jest
      .spyOn(demo.get(TabulationRunner), 'run')
      .mockRejectedValueOnce(new Error('the seed was stopped after the close'));
    await expect(run()).rejects.toThrow('after the close');
    runSpy.mockRestore();
    const [one] = await app.sql("SELECT status FROM rounds WHERE name = '初评'");
    expect(one.status).toBe('CLOSED');

    const last = await run();
    expect(last.created).toBe(false);
    expect(last.judging[0]).toMatch(/tabulated \(version 1\)/);
    const [round, two] = last.figures.rounds;
    expect(round.status).toBe('TABULATED');
    expect(round.assignments.RECUSED).toBe(1);
    expect(round.sheets).toBe(round.assignments.SUBMITTED);
    expect(round.changedSheets).toBeGreaterThanOrEqual(3);
    expect(
      await app.sql(
        'SELECT assignment_id FROM score_sheets GROUP BY assignment_id HAVING COUNT(*) > 1',
      ),
    ).toHaveLength(0);
    expect(two.status).toBe('OPEN');
    expect(last.figures.publication?.objections).toEqual([expect.stringMatching(/ DISMISSED$/)]);
    expect((await run()).judging).toEqual([]);
  });
});
