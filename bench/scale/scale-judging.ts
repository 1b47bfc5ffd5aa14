import { createHash, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { summarise } from '../stats';
import { GraphQLError, ScaleClient, until } from './scale-http';
import { JUDGE_PASSWORD, SCALE_CRITERIA } from './scale-seed';

/** Stage 3: assignJudges through the API, as an organiser's client sends it. */
export async function assignJudges(client: ScaleClient, admin: string, roundId: string) {
  const { assignJudges: report } = await client.gql<{
    assignJudges: {
      assignments: number;
      minLoad: number;
      maxLoad: number;
      unassignableEntryIds: string[];
    };
  }>(
    admin,
    'mutation($r:ID!){assignJudges(roundId:$r,seed:1){assignments minLoad maxLoad unassignableEntryIds}}',
    { r: roundId },
  );
  return {
    assignments: report.assignments,
    minLoad: report.minLoad,
    maxLoad: report.maxLoad,
    unassignable: report.unassignableEntryIds.length,
  };
}

export async function openRound(client: ScaleClient, admin: string, roundId: string) {
  await client.gql(admin, 'mutation($r:ID!){openRound(roundId:$r){status}}', { r: roundId });
}

/** A multiple of 0.5 near an entry's quality, so ranks and awards come out of real spreads. */
function score(entryId: string, judge: number, criterion: number): number {
  const quality = createHash('sha256').update(entryId).digest()[0] / 255; // the entry's own
  const noise = (((judge * 31 + criterion * 17) % 11) - 5) / 10; // each judge's view of it
  return Math.max(0, Math.min(20, Math.round((3 + quality * 6 + noise) * 2))) / 2;
}

/**
 * Stage 4: every judge signs in and submits each of its sheets through submitScoreSheet, all
 * judges at once, each one sheet after another as a tablet does.
 */
export async function submitAllSheets(
  client: ScaleClient,
  roundId: string,
  judgeEmails: readonly string[],
  log: (line: string) => void,
) {
  const tokens = await Promise.all(judgeEmails.map((e) => client.login(e, JUDGE_PASSWORD)));
  const work = await Promise.all(
    tokens.map(
      async (token) =>
        (
          await client.gql<{ myAssignments: Array<{ id: string; entry: { id: string } }> }>(
            token,
            'query($r:ID!){myAssignments(roundId:$r){id entry{id}}}',
            { r: roundId },
          )
        ).myAssignments,
    ),
  );
  const total = work.reduce((sum, list) => sum + list.length, 0);
  const times: number[] = [];
  const started = performance.now();
  await Promise.all(
    tokens.map(async (token, judge) => {
      for (const assignment of work[judge]) {
        const t0 = performance.now();
        await client.gql(
          token,
          'mutation($input:SubmitScoreSheetInput!){submitScoreSheet(input:$input){id version}}',
          {
            input: {
              assignmentId: assignment.id,
              clientMutationId: randomUUID(),
              scores: SCALE_CRITERIA.map((c, k) => ({
                criterionKey: c.key,
                value: score(assignment.entry.id, judge, k),
              })),
            },
          },
        );
        times.push(performance.now() - t0);
        if (times.length % 5000 === 0) log(`  ${times.length} / ${total} sheets`);
      }
    }),
  );
  return {
    seconds: (performance.now() - started) / 1000,
    sheets: times.length,
    ms: summarise(times),
  };
}

/** Stage 5: closeRound, then the tabulation job in the worker until the round is TABULATED. */
export async function closeAndTabulate(client: ScaleClient, admin: string, roundId: string) {
  const started = performance.now();
  await client.gql(admin, 'mutation($r:ID!){closeRound(roundId:$r){status}}', { r: roundId });
  const closeSeconds = (performance.now() - started) / 1000;
  const tabulation = await until(
    async () => {
      const { round } = await client.gql<{
        round: { status: string; tabulation: { version: number; hash: string } | null };
      }>(admin, 'query($r:ID!){round(id:$r){status tabulation{version hash}}}', { r: roundId });
      return round.status === 'TABULATED' && round.tabulation ? round.tabulation : undefined;
    },
    600_000,
    'the round TABULATED',
    100,
  );
  return { closeSeconds, seconds: (performance.now() - started) / 1000, tabulation };
}

const FINALISE = 'mutation($id:ID!){finalisePublication(id:$id){status}}';

/**
 * Stage 6: publishResults with a notice of `noticeSeconds`; finalisePublication is tried at
 * once, and must be refused while the notice runs (the refusal's code and reason are kept).
 */
export async function publish(
  client: ScaleClient,
  admin: string,
  roundId: string,
  noticeSeconds: number,
) {
  const noticeEndsAt = new Date(Date.now() + noticeSeconds * 1000);
  const { publishResults: publication } = await client.gql<{
    publishResults: { id: string; status: string; hash: string; items: Array<{ award: unknown }> };
  }>(
    admin,
    'mutation($r:ID!,$n:DateTime!){publishResults(roundId:$r,noticeEndsAt:$n){id status hash items{award{key}}}}',
    { r: roundId, n: noticeEndsAt.toISOString() },
  );
  let refusedWhileNotice: string | null = null;
  try {
    await client.gql(admin, FINALISE, { id: publication.id });
  } catch (error) {
    if (!(error instanceof GraphQLError)) throw error;
    refusedWhileNotice = `${String(error.code)} / ${String(error.reason)}`;
  }
  return {
    id: publication.id,
    noticeEndsAt,
    items: publication.items.length,
    awarded: publication.items.filter((i) => i.award).length,
    hash: publication.hash,
    refusedWhileNotice,
  };
}

/** Once the notice has ended: FINAL, with the certificate codes of the awarded items. */
export async function finalise(client: ScaleClient, admin: string, publicationId: string) {
  const { finalisePublication } = await client.gql<{ finalisePublication: { status: string } }>(
    admin,
    FINALISE,
    { id: publicationId },
  );
  return finalisePublication.status;
}
