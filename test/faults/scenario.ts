import { CREATE_ENTRY, entryInput, eventually, testJpeg } from '@app/testing';
import type { SeededRound } from '../../bench/round-seed';
import { CRITERIA } from '../../bench/round-seed';
import type { Deployment } from './deployment';

/** What a fault test reports, printed and asserted the same way by every scenario. */
export interface Figures {
  injected: number;
  recovered: number;
  lost: number;
  duplicated: number;
}

export function report(scenario: string, figures: Figures, detail: string): void {
  process.stdout.write(
    `fault ${scenario}: injected ${figures.injected}, recovered ${figures.recovered}, ` +
      `lost ${figures.lost}, duplicated ${figures.duplicated} (${detail})\n`,
  );
  expect(figures).toEqual({
    injected: figures.injected,
    recovered: figures.injected,
    lost: 0,
    duplicated: 0,
  });
}

export const SUBMIT_SHEET =
  'mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id assignmentId version total}}';
export const CLOSE_ROUND = 'mutation($id:ID!){closeRound(roundId:$id){id status}}';

/** A DRAFT entry of the seeded entrant, filed by the admin, to which photos can be added. */
export async function draftEntry(d: Deployment, seeded: SeededRound): Promise<string> {
  const data = await d.must<{ createEntry: { id: string } }>(
    CREATE_ENTRY,
    {
      input: {
        eventId: seeded.eventId,
        entrantId: seeded.entrantId,
        entry: entryInput(seeded.categories['P-1'], { patentNumbers: [] }),
      },
    },
    await d.adminToken(),
  );
  return data.createEntry.id;
}

/** Uploads a distinct small JPEG; answers the image id (throws when refused). */
export async function addPhoto(d: Deployment, entryId: string, seed: number): Promise<string> {
  const res = await d.upload(entryId, await testJpeg(seed, 320, 240), await d.adminToken());
  if (res.status !== 201 && res.status !== 200) {
    throw new Error(`photo refused (${res.status}): ${JSON.stringify(res.body)}`);
  }
  return res.body.id as string;
}

/**
 * Takes back `count` submitted sheets of the seeded round (their assignments PENDING again),
 * so judges can submit them during the fault; answers each with its judge's token.
 */
export async function reopenSheets(
  d: Deployment,
  seeded: SeededRound,
  count: number,
): Promise<Array<{ assignmentId: string; token: string }>> {
  await d.judgePasswords(seeded, 'judge password 1');
  const picked = await d.sql<{ id: string; judge_id: string }>(
    'SELECT a.id, a.judge_id FROM assignments a WHERE a.round_id = ? ORDER BY a.id LIMIT ?',
    [seeded.roundId, count],
  );
  const ids = picked.map((a) => a.id);
  await d.sql('DELETE FROM score_sheets WHERE assignment_id IN (?)', [ids]);
  await d.sql("UPDATE assignments SET status = 'PENDING' WHERE id IN (?)", [ids]);
  const tokens = new Map<string, string>();
  const out: Array<{ assignmentId: string; token: string }> = [];
  for (const a of picked) {
    const [{ email }] = await d.sql<{ email: string }>('SELECT email FROM users WHERE id = ?', [
      a.judge_id,
    ]);
    if (!tokens.has(email)) tokens.set(email, await d.login(email, 'judge password 1'));
    out.push({ assignmentId: a.id, token: tokens.get(email)! });
  }
  return out;
}

export function sheetInput(assignmentId: string, n: number) {
  return {
    assignmentId,
    clientMutationId: `fault-sheet-${assignmentId.slice(0, 8)}-${n}`,
    scores: CRITERIA.map((c) => ({ criterionKey: c.key, value: c.maxScore / 2 })),
  };
}

/** Waits until every photo is READY (or FAILED), answering the rows. */
export async function photosSettled(d: Deployment, ids: string[], timeoutMs: number) {
  return eventually(
    async () => {
      const rows = await d.sql<{ id: string; status: string; renditions: number }>(
        `SELECT i.id, i.status, (SELECT COUNT(*) FROM image_renditions r WHERE r.image_id = i.id) AS renditions
           FROM images i WHERE i.id IN (?)`,
        [ids],
      );
      const settled = rows.filter((r) => r.status === 'READY' || r.status === 'FAILED');
      return settled.length === ids.length ? rows : undefined;
    },
    timeoutMs,
    `${ids.length} photos rendered`,
  );
}

/** The tabulations stored for a round, oldest first. */
export function tabulationsOf(d: Deployment, roundId: string) {
  return d.sql<{ version: number; sheet_count: number; request_key: string }>(
    'SELECT version, sheet_count, request_key FROM tabulations WHERE round_id = ? ORDER BY version',
    [roundId],
  );
}

export async function roundTabulated(d: Deployment, roundId: string, timeoutMs: number) {
  return eventually(
    async () => {
      const [round] = await d.sql<{ status: string }>('SELECT status FROM rounds WHERE id = ?', [
        roundId,
      ]);
      return round.status === 'TABULATED' ? tabulationsOf(d, roundId) : undefined;
    },
    timeoutMs,
    `round ${roundId} tabulated`,
  );
}
