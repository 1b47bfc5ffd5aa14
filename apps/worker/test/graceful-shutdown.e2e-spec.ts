import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { LoginThrottle } from '@app/identity';
import { JobName, JobProducer, QueueName } from '@app/queue';
import { eventually, startTestApp, TestApp } from '@app/testing';
import { createWorker } from '../src/create-worker';

/**
 * SIGTERM closes the Nest application (enableShutdownHooks); closing must let the job that is
 * running finish and record its result, not abandon it to be retried as stalled.
 */
describe('a worker shutting down', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('finishes the job it is running before it stops', async () => {
    const worker = await createWorker(app.config, { logger: ['error'] });
    const throttle = worker.get(LoginThrottle);
    jest.spyOn(throttle, 'prune').mockImplementation(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      return 7;
    });
    const queue = app.api.get<Queue>(getQueueToken(QueueName.Maintenance), { strict: false });
    await app.api.get(JobProducer).enqueue(JobName.PruneLoginFailures, {}, 'slow-prune');
    await eventually(
      async () => ((await queue.getJob('slow-prune'))?.processedOn ? true : undefined),
      10_000,
      'the job starting',
    );
    const running = await queue.getJob('slow-prune');
    expect(await running?.getState()).toBe('active');

    await worker.close();

    const job = await queue.getJob('slow-prune');
    expect(await job?.getState()).toBe('completed');
    expect(job?.returnvalue).toEqual({ removed: 7 });
  });
});
