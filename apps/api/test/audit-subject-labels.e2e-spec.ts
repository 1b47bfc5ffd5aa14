import { AuditService } from '@app/audit';
import { systemCtx } from '@app/core';
import {
  acceptedEntry,
  countStatements,
  craftsEventWithEntries,
  judgeUser,
  startTestApp,
  TestApp,
  userWithRole,
} from '@app/testing';

const CREATE_ROUND = 'mutation($input:CreateRoundInput!){createRound(input:$input){id name}}';
const AUDIT_LOG = `query($e:ID!,$first:Int){auditLog(eventId:$e,first:$first,newestFirst:true){
  subjectType subjectId subjectLabel}}`;

type Row = { subjectType: string; subjectId: string; subjectLabel: string | null };

/**
 * AuditRecord.subjectLabel: the log names a round, an entry, a user … as people know them, each
 * asked of the domain owning it, one statement per subject type for a whole page.
 */
describe('audit log: subject labels', () => {
  let app: TestApp;
  let admin: string;
  let eventId: string;
  let accepted: string;
  let unscreened: string;
  let roundId: string;
  let judgeId: string;

  beforeAll(async () => {
    app = await startTestApp();
    const world = await craftsEventWithEntries(app, 'audit-labels', 1);
    admin = world.admin;
    eventId = world.event.eventId;
    accepted = world.entries[0];
    unscreened = await acceptedEntry(app, {
      eventId,
      categoryId: world.event.leaf['BZ-01'],
      entrantToken: world.entrant.token,
      adminToken: admin,
      accept: false,
    });
    const round = await app.gql(
      CREATE_ROUND,
      {
        input: {
          eventId,
          name: '初评（标签）',
          criteria: [{ key: 'craft', name: '工艺', weight: 100, maxScore: 10, step: 1 }],
          judgesPerEntry: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
          awardTiers: [{ key: 'gold', name: '金奖', quota: { mode: 'COUNT', value: 1 } }],
        },
      },
      admin,
    );
    if (round.errors) throw new Error(JSON.stringify(round.errors));
    roundId = round.data!.createRound.id;
    // No domain records a user in an event's log yet; the label answers for one all the same.
    judgeId = (await judgeUser(app)).id;
    const audit = app.api.get(AuditService);
    // Filler up to well past a page, spread over the subjects above (and the event itself).
    const subjects: Array<[string, string]> = [
      ['Entry', accepted],
      ['Entry', unscreened],
      ['Round', roundId],
      ['User', judgeId],
      ['Event', eventId],
      ['Publication', roundId],
    ];
    await audit.appendMany(
      systemCtx('audit-labels'),
      Array.from({ length: 60 }, (_, i) => ({
        eventId,
        action: 'test.filler',
        subjectType: subjects[i % subjects.length][0],
        subjectId: subjects[i % subjects.length][1],
        detail: { i },
      })),
    );
  }, 120_000);
  afterAll(() => app?.close());

  const page = async (first: number) => {
    const { result, statements } = await countStatements(app.api, () =>
      app.gql(AUDIT_LOG, { e: eventId, first }, admin),
    );
    expect(result.errors).toBeUndefined();
    return { rows: result.data!.auditLog as Row[], statements };
  };
  const labelOf = (rows: Row[], type: string, id: string) =>
    rows.find((r) => r.subjectType === type && r.subjectId === id)?.subjectLabel;

  it('names an entry by its exhibit code (its title before it has one), a round and a user by their names, the event by its name; others null', async () => {
    const [entry] = await app.sql<{ code: string }>('SELECT code FROM entries WHERE id = ?', [
      accepted,
    ]);
    const [draft] = await app.sql<{ code: string | null; title: string }>(
      'SELECT code, title FROM entries WHERE id = ?',
      [unscreened],
    );
    const [judge] = await app.sql<{ name: string }>('SELECT name FROM users WHERE id = ?', [
      judgeId,
    ]);
    const [event] = await app.sql<{ name: string }>('SELECT name FROM events WHERE id = ?', [
      eventId,
    ]);
    expect(entry.code).toMatch(/\S/);
    expect(draft.code).toBeNull();
    const { rows } = await page(50);
    expect(labelOf(rows, 'Entry', accepted)).toBe(entry.code);
    expect(labelOf(rows, 'Entry', unscreened)).toBe(draft.title);
    expect(labelOf(rows, 'Round', roundId)).toBe('初评（标签）');
    expect(labelOf(rows, 'User', judgeId)).toBe(judge.name);
    expect(labelOf(rows, 'Event', eventId)).toBe(event.name);
    expect(labelOf(rows, 'Publication', roundId)).toBeNull();
  });

  it('a page of 50 costs one statement per labelled subject type, the same as a page of 10', async () => {
    const fifty = await page(50);
    const ten = await page(10);
    expect(fifty.rows).toHaveLength(50);
    for (const table of ['entries', 'rounds', 'users', 'events']) {
      const reads = fifty.statements.filter((sql) => new RegExp(`FROM \`?${table}\`?`).test(sql));
      // users: the token check may add its own lookup (once a second per user)
      expect({ table, n: reads.length }).toEqual({
        table,
        n: table === 'users' ? expect.any(Number) : table === 'events' ? 2 : 1,
      });
    }
    expect(fifty.statements.filter((sql) => /FROM `?users`?\b[^]*\bIN \(/.test(sql))).toHaveLength(
      1,
    );
    // the event check, the page, then entries, rounds, users and events (labels): at most 7 with the token check
    expect(fifty.statements.length).toBeLessThanOrEqual(7);
    expect(ten.statements.length).toBeLessThanOrEqual(fifty.statements.length);
  });

  it('judges and coordinators do not read the log, labels or not', async () => {
    for (const token of [
      await userWithRole(app, 'JUDGE'),
      await userWithRole(app, 'COORDINATOR', { regionCode: '450100' }),
    ]) {
      const res = await app.gql(AUDIT_LOG, { e: eventId, first: 5 }, token);
      expect(res.errors?.[0].extensions.code).toBe('FORBIDDEN');
    }
  });
});
