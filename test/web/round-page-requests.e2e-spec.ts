import { Page } from 'playwright-core';
import { craftsEventWithEntries, organiserPage, startWebTestApp, WebTestApp } from '@app/testing';

const VIEWPORT = { width: 1366, height: 768 };

/**
 * The round page asks the API only what it may answer (found walking the demo as a new
 * organiser, issue 21): every stage of a round, opened by its address, sends no GraphQL request
 * the API refuses — before the round is read, its event is not asked for with an empty id.
 */
describe('the round page’s requests (chromium)', () => {
  let web: WebTestApp;
  let page: Page;
  let roundId: string;
  const problems: string[] = [];
  /** each GraphQL answer that carried errors: the operation and the reasons */
  const refused: string[] = [];

  beforeAll(async () => {
    web = await startWebTestApp();
    const { admin, event } = await craftsEventWithEntries(web.app, 'round-requests', 1);
    const round = await web.app.gql(
      'mutation($input:CreateRoundInput!){createRound(input:$input){id}}',
      {
        input: {
          eventId: event.eventId,
          name: '初评',
          criteria: [{ key: 'design', name: '设计', weight: 100, maxScore: 10, step: 0.5 }],
          judgesPerEntry: 1,
          aggregation: 'MEAN',
          rankingScope: 'CATEGORY',
        },
      },
      admin,
    );
    expect(round.errors).toBeUndefined();
    roundId = round.data!.createRound.id;
    page = await organiserPage(web, problems, { viewport: VIEWPORT, locale: 'zh-CN' });
    page.on('response', async (response) => {
      if (!response.url().endsWith('/graphql')) return;
      const body = (await response.json().catch(() => null)) as {
        errors?: Array<{ extensions?: { reason?: string } }>;
      } | null;
      if (!body?.errors) return;
      const operation = /(?:query|mutation) (\w+)/.exec(response.request().postData() ?? '')?.[1];
      refused.push(`${operation}: ${body.errors.map((e) => e.extensions?.reason).join(', ')}`);
    });
  });

  afterEach(() => expect(problems.splice(0)).toEqual([]));

  afterAll(async () => {
    await web?.close();
  });

  it.each(['settings', 'panels', 'assignment', 'progress', 'results', 'publication'])(
    'opens the %s stage with no request refused',
    async (stage) => {
      await page.goto(`${web.base}/org/round/${roundId}?stage=${stage}`);
      await page.getByTestId('stage-panel').waitFor();
      await page.waitForLoadState('networkidle');
      expect(refused.splice(0)).toEqual([]);
    },
  );
});
