import { randomUUID } from 'node:crypto';
import {
  craftsEvent,
  CREATE_ENTRY,
  CREATE_USER,
  entryInput,
  registerEnterprise,
  SCREEN_ENTRY,
  seedRegions,
  SUBMIT_ENTRY,
  TestApp,
  testJpeg,
  uploadImage,
} from '@app/testing';

export const PASSWORD = 'correct horse battery';

/** The four criteria of the hall's round: steps of 0.5 and 0.1, maxima of 10 and 5. */
export const FOUR_CRITERIA = [
  { key: 'design', name: '设计', weight: 30, maxScore: 10, step: 0.5 },
  { key: 'craft', name: '工艺', weight: 30, maxScore: 10, step: 0.5 },
  { key: 'material', name: '材料', weight: 20, maxScore: 10, step: 0.1 },
  { key: 'idea', name: '创意', weight: 20, maxScore: 5, step: 0.5 },
];

export interface Hall {
  judge: { email: string; token: string; id: string };
  admin: string;
  /** the open four-criterion round of the first event, '展览 hall-a' */
  roundId: string;
  /** exhibit codes and assignment ids of the open round, in the judge's list order */
  codes: string[];
  assignmentIds: string[];
  /** the second event's round, also named 初评, closed after assignment */
  closedRoundId: string;
  closedCode: string;
  /** the open round's entry with two photos */
  twoPhotoCode: string;
}

/**
 * A judge's day in a hall: two events whose rounds are both named 初评; the first open with four
 * criteria and `count` entries photographed at tablet size (the first with two photos), the
 * second closed. Waits for the photo worker, so every rendition exists.
 */
export async function seedHall(app: TestApp, prefix: string, count = 5): Promise<Hall> {
  await seedRegions(app);
  const admin = await app.adminToken();
  const ok = <T extends { errors?: unknown; data?: unknown }>(res: T): T => {
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res;
  };
  const email = `judge-${randomUUID()}@example.com`;
  const created = ok(
    await app.gql(
      CREATE_USER,
      { input: { email, password: PASSWORD, name: '评委 陈', role: 'JUDGE' } },
      admin,
    ),
  );
  const judgeId = created.data!.createUser.id as string;

  async function eventWithRound(
    slug: string,
    entries: number,
    criteria: typeof FOUR_CRITERIA,
  ): Promise<string> {
    const event = await craftsEvent(app, slug);
    const entrant = await registerEnterprise(app, '450700', `${slug} 坭兴陶公司`);
    for (let i = 0; i < entries; i++) {
      const made = ok(
        await app.gql(
          CREATE_ENTRY,
          { input: { eventId: event.eventId, entry: entryInput(event.leaf['TC-01']) } },
          entrant.token,
        ),
      );
      const id = made.data!.createEntry.id as string;
      const photos = i === 0 ? 2 : 1;
      for (let p = 0; p < photos; p++) {
        const res = await uploadImage(
          app,
          id,
          await testJpeg(i * 7 + p + 3, 1200, 900),
          entrant.token,
        );
        if (res.status !== 201) throw new Error(`photo refused: ${res.status}`);
      }
      ok(await app.gql(SUBMIT_ENTRY, { id }, entrant.token));
      ok(await app.gql(SCREEN_ENTRY, { id, d: 'ACCEPT' }, admin));
    }
    const round = ok(
      await app.gql(
        'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
        {
          input: {
            eventId: event.eventId,
            name: '初评',
            blind: false,
            criteria,
            judgesPerEntry: 1,
            aggregation: 'MEAN',
            rankingScope: 'CATEGORY',
          },
        },
        admin,
      ),
    );
    const roundId = round.data!.createRound.id as string;
    ok(
      await app.gql(
        'mutation($input:CreatePanelInput!){createPanel(input:$input){id}}',
        {
          input: {
            roundId,
            name: `${slug} 陶瓷组`,
            categoryIds: [event.parent.TC],
            judgeIds: [judgeId],
          },
        },
        admin,
      ),
    );
    ok(
      await app.gql(
        'mutation($id:ID!){assignJudges(roundId:$id){assignments}}',
        { id: roundId },
        admin,
      ),
    );
    ok(await app.gql('mutation($id:ID!){openRound(roundId:$id){status}}', { id: roundId }, admin));
    return roundId;
  }

  const roundId = await eventWithRound(`${prefix}-a`, count, FOUR_CRITERIA);
  const closedRoundId = await eventWithRound(
    `${prefix}-b`,
    1,
    FOUR_CRITERIA.slice(0, 2).map((c) => ({ ...c, weight: 50 })),
  );
  await app.waitForQueues();
  const token = await app.login(email, PASSWORD);
  const mine = async (id: string) =>
    ok(
      await app.gql(
        'query($id:ID!){myAssignments(roundId:$id){id entry{code images{renditions{size}}}}}',
        { id },
        token,
      ),
    ).data!.myAssignments as Array<{
      id: string;
      entry: { code: string; images: Array<{ renditions: Array<{ size: string }> }> };
    }>;
  const list = await mine(roundId);
  if (list.length !== count) throw new Error(`expected ${count} assignments, got ${list.length}`);
  for (const a of list) {
    for (const image of a.entry.images) {
      const sizes = image.renditions.map((r) => r.size).sort();
      if (sizes.join() !== 'LARGE,MEDIUM,THUMB') throw new Error(`renditions: ${sizes.join()}`);
    }
  }
  const closedList = await mine(closedRoundId);
  ok(
    await app.gql(
      'mutation($id:ID!){closeRound(roundId:$id){status}}',
      { id: closedRoundId },
      admin,
    ),
  );
  await app.waitForQueues();
  return {
    judge: { email, token, id: judgeId },
    admin,
    roundId,
    codes: list.map((a) => a.entry.code),
    assignmentIds: list.map((a) => a.id),
    closedRoundId,
    closedCode: closedList[0].entry.code,
    twoPhotoCode: list.find((a) => a.entry.images.length === 2)!.entry.code,
  };
}
