import { Logger } from '@nestjs/common';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import type { Response } from 'supertest';
import { CREATE_USER, startTestApp, TestApp } from '@app/testing';
import { QueueName } from '@app/queue';
import { HostileCase, HostileGroup, httpAnswer, httpRefusal } from './hostile';

/**
 * The queue monitor (Bull Board at /admin/queues, docs/http.md): organisers may look, only an
 * admin may act (pause, add, retry, clean, empty, remove schedulers), and every admin action is
 * logged with the admin's id. A cookie that cannot even be decoded is the client's fault: 400.
 */

const PASSWORD = 'long-enough-password-1';
const BOARD = '/admin/queues';

interface World {
  app: TestApp;
  admin: string;
  adminId: string;
  organiser: string;
  queues: Record<QueueName, Queue>;
  /** a job left waiting in the maintenance queue (no worker runs here) */
  waitingJobId: string;
}

const queueOf = (app: TestApp, name: QueueName) =>
  app.api.get<Queue>(getQueueToken(name), { strict: false });

/** What the queues hold, to show that a refused action changed nothing. */
async function queueState(world: World) {
  const state: Record<string, unknown> = {};
  for (const [name, queue] of Object.entries(world.queues)) {
    state[name] = {
      paused: await queue.isPaused(),
      counts: await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'),
      schedulers: (await queue.getJobSchedulers()).map((s) => s.key),
    };
  }
  return state;
}

/** A request of the board's own JSON API with a session cookie. */
function board(
  world: World,
  token: string,
  method: 'get' | 'put' | 'post' | 'patch',
  path: string,
  body?: object,
) {
  const req = world.app.http()[method](`${BOARD}${path}`).set('cookie', `queue_monitor=${token}`);
  return body ? req.set('content-type', 'application/json').send(body) : req;
}

const organiserTries = (
  method: 'put' | 'post' | 'patch',
  path: string,
  body?: (w: World) => object,
): HostileCase<World> => ({
  name: `an organiser: ${method.toUpperCase()} ${path}`,
  send: async (w) =>
    httpAnswer(
      await board(w, w.organiser, method, path.replace(':job', w.waitingJobId), body?.(w)),
    ),
  expect: httpRefusal(403, 'FORBIDDEN', 'ADMINS_ONLY'),
});

const ORGANISER_ACTIONS: Array<HostileCase<World>> = [
  organiserTries('put', '/api/queues/pause'),
  organiserTries('put', '/api/queues/resume'),
  organiserTries('put', '/api/queues/images/pause'),
  organiserTries('post', '/api/queues/maintenance/add', () => ({ name: 'sweep', data: {} })),
  organiserTries('put', '/api/queues/maintenance/retry/failed'),
  organiserTries('put', '/api/queues/maintenance/clean/completed'),
  organiserTries('put', '/api/queues/maintenance/empty'),
  organiserTries('put', '/api/queues/maintenance/obliterate'),
  organiserTries('put', '/api/queues/maintenance/job-schedulers/probe-schedule/remove'),
  organiserTries('put', '/api/queues/maintenance/job-schedulers/probe-schedule/run'),
  organiserTries('put', '/api/queues/maintenance/:job/clean'),
  organiserTries('put', '/api/queues/maintenance/:job/promote'),
  organiserTries('patch', '/api/queues/maintenance/:job/update-data', () => ({ data: {} })),
];

const MALFORMED_COOKIE = `queue_monitor=%E0%A4%A`;

const BAD_COOKIES: Array<HostileCase<World>> = [
  {
    name: 'a cookie that is not URL-encoded right, on the page',
    send: async (w) => httpAnswer(await w.app.http().get(BOARD).set('cookie', MALFORMED_COOKIE)),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_COOKIE'),
  },
  {
    name: 'a cookie that is not URL-encoded right, on the JSON API, beside other cookies',
    send: async (w) =>
      httpAnswer(
        await w.app
          .http()
          .get(`${BOARD}/api/queues`)
          .set('cookie', `theme=dark; ${MALFORMED_COOKIE}; lang=zh`),
      ),
    expect: httpRefusal(400, 'BAD_USER_INPUT', 'INVALID_COOKIE'),
  },
];

async function buildWorld(): Promise<World> {
  const app = await startTestApp();
  const admin = await app.adminToken();
  const email = 'queue-organiser@example.com';
  const created = await app.gql(
    CREATE_USER,
    { input: { email, password: PASSWORD, name: '主办 队列', role: 'ORGANISER' } },
    admin,
  );
  expect(created.errors).toBeUndefined();
  const [row] = await app.sql<{ id: string }>('SELECT id FROM users WHERE email = ?', [
    app.config.adminEmail,
  ]);
  const queues = Object.fromEntries(
    Object.values(QueueName).map((name) => [name, queueOf(app, name)]),
  ) as Record<QueueName, Queue>;
  const maintenance = queues[QueueName.Maintenance];
  await maintenance.upsertJobScheduler('probe-schedule', { every: 3_600_000 }, { name: 'probe' });
  const job = await maintenance.add('probe', { left: 'waiting' });
  return {
    app,
    admin,
    adminId: row.id,
    organiser: await app.login(email, PASSWORD),
    queues,
    waitingJobId: job.id!,
  };
}

describe('hostile input: the queue monitor', () => {
  const group = new HostileGroup<World>('queue-monitor');
  const cases = [...ORGANISER_ACTIONS, ...BAD_COOKIES];
  let world: World;
  let before: Record<string, unknown>;

  beforeAll(async () => {
    world = await buildWorld();
    before = await queueState(world);
    await group.start(world.app);
  });
  afterAll(() => world?.app.close());

  it('an organiser reads the board, marked read-only (the board then offers no actions)', async () => {
    const res = await board(world, world.organiser, 'get', '/api/queues');
    expect(res.status).toBe(200);
    const queues = res.body.queues as Array<{ name: string; readOnlyMode: boolean }>;
    expect(queues.map((q) => q.name).sort()).toEqual(Object.values(QueueName).sort());
    expect(queues.every((q) => q.readOnlyMode)).toBe(true);
  });

  it.each(cases.map((row) => [row.name, row] as const))('%s', async (_name, row) => {
    await group.check(row, world);
  });

  it('left every queue as it was: not paused, the same jobs, the schedule still there', async () => {
    expect(await queueState(world)).toEqual(before);
    expect(await world.queues[QueueName.Maintenance].getJob(world.waitingJobId)).toBeDefined();
  });

  it('wrote no row, answered no 5xx, and still answers /health/live', () =>
    group.verdict(cases.length));

  describe('an admin', () => {
    let logged: string[];
    let spy: jest.SpyInstance;

    beforeEach(() => {
      logged = [];
      spy = jest.spyOn(Logger.prototype, 'log').mockImplementation(function (message: unknown) {
        logged.push(String(message));
      });
    });
    afterEach(() => spy.mockRestore());

    /** The action's line, written once the answer is sent (so it may land just after it). */
    const expectLogged = async (res: Response, method: string, path: string) => {
      const find = () => logged.find((l) => l.includes(`${method} ${BOARD}${path} `));
      for (let waited = 0; !find() && waited < 2_000; waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      const line = find();
      expect(line).toBeDefined();
      expect(line).toContain(world.adminId);
      expect(line).toContain(String(res.status));
    };

    it('reads the board with its actions on', async () => {
      const res = await board(world, world.admin, 'get', '/api/queues');
      expect(res.status).toBe(200);
      expect(res.body.queues.some((q: { readOnlyMode: boolean }) => q.readOnlyMode)).toBe(false);
      // reading is not an action: not logged
      expect(logged.filter((l) => l.includes(world.adminId))).toEqual([]);
    });

    it('pauses and resumes a queue; each action is logged with the admin', async () => {
      const images = world.queues[QueueName.Images];
      const paused = await board(world, world.admin, 'put', '/api/queues/images/pause');
      expect(paused.status).toBe(200);
      expect(await images.isPaused()).toBe(true);
      await expectLogged(paused, 'PUT', '/api/queues/images/pause');

      const resumed = await board(world, world.admin, 'put', '/api/queues/images/resume');
      expect(resumed.status).toBe(200);
      expect(await images.isPaused()).toBe(false);
      await expectLogged(resumed, 'PUT', '/api/queues/images/resume');
    });

    it('removes a job scheduler, logged', async () => {
      const maintenance = world.queues[QueueName.Maintenance];
      const path = '/api/queues/maintenance/job-schedulers/probe-schedule/remove';
      const res = await board(world, world.admin, 'put', path);
      expect(res.status).toBe(204);
      expect((await maintenance.getJobSchedulers()).map((s) => s.key)).not.toContain(
        'probe-schedule',
      );
      await expectLogged(res, 'PUT', path);
    });
  });
});
