import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { JobName, JobProducer, QUEUE_CONFIG, QueueName, SCHEDULES } from '@app/queue';
import { DocumentsProcessor } from '../src/processors/documents.processor';
import { ImagesProcessor } from '../src/processors/images.processor';
import { MaintenanceProcessor } from '../src/processors/maintenance.processor';
import { PublicationDocumentsProcessor } from '../src/processors/publication-documents.processor';
import { TabulationProcessor } from '../src/processors/tabulation.processor';
import { startTestApp, TestApp } from '@app/testing';

describe('queues and the worker', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ worker: true });
  });
  afterAll(() => app.close());

  const maintenance = () =>
    app.api.get<Queue>(getQueueToken(QueueName.Maintenance), { strict: false });

  it('the worker runs a job the API enqueued: expired sign-in failures are pruned, recent ones kept', async () => {
    await app.sql(
      `INSERT INTO login_failures (email, ip, at) VALUES
        ('old@example.com', '10.0.0.1', UTC_TIMESTAMP(3) - INTERVAL 20 MINUTE),
        ('old@example.com', '10.0.0.1', UTC_TIMESTAMP(3) - INTERVAL 16 MINUTE),
        ('new@example.com', '10.0.0.1', UTC_TIMESTAMP(3) - INTERVAL 1 MINUTE)`,
    );
    const queued = await app.api
      .get(JobProducer)
      .enqueue(JobName.PruneLoginFailures, {}, 'prune-e2e-1');
    expect(queued).toBe(true);
    await app.waitForQueues();
    const rows = await app.sql<{ email: string }>(
      'SELECT email FROM login_failures ORDER BY email',
    );
    expect(rows.map((r) => r.email)).toEqual(['new@example.com']);
    const job = await maintenance().getJob('prune-e2e-1');
    // The recurring prune may have run first and taken the rows; either way this job completed.
    expect(await job?.isCompleted()).toBe(true);
    expect(job?.returnvalue).toEqual({ removed: expect.any(Number) });
  });

  it('a deterministic job id makes a repeated enqueue a no-op', async () => {
    const producer = app.api.get(JobProducer);
    await producer.enqueue(JobName.PruneLoginFailures, {}, 'prune-e2e-2');
    await producer.enqueue(JobName.PruneLoginFailures, {}, 'prune-e2e-2');
    await app.waitForQueues();
    const completed = await maintenance().getJobs(['completed']);
    expect(completed.filter((job) => job.id === 'prune-e2e-2')).toHaveLength(1);
  });

  it('refuses a job id that BullMQ would reject', async () => {
    await expect(
      app.api.get(JobProducer).enqueue(JobName.PruneLoginFailures, {}, 'bad:id'),
    ).rejects.toThrow(/':'/);
  });

  it('the worker upserts every recurring schedule, once, however many workers start', async () => {
    const schedulers = await maintenance().getJobSchedulers();
    for (const schedule of SCHEDULES) {
      expect(schedulers.filter((s) => s.key === schedule.id || s.id === schedule.id)).toHaveLength(
        1,
      );
    }
  });

  it("each queue's worker runs with the table's lock duration and concurrency", async () => {
    const hosts = [
      [QueueName.Images, ImagesProcessor],
      [QueueName.Tabulation, TabulationProcessor],
      [QueueName.Maintenance, MaintenanceProcessor],
      [QueueName.Documents, DocumentsProcessor],
      [QueueName.PublicationDocuments, PublicationDocumentsProcessor],
    ] as const;
    for (const [queue, host] of hosts) {
      const worker = app.worker!.get(host).worker;
      expect({ queue, lockDuration: worker.opts.lockDuration }).toEqual({
        queue,
        lockDuration: QUEUE_CONFIG[queue].lockDuration,
      });
      expect(worker.concurrency).toBe(QUEUE_CONFIG[queue].concurrency(app.config));
    }
  });

  it('keeps every queue under QUEUE_PREFIX', async () => {
    expect(maintenance().opts.prefix).toBe(app.config.queuePrefix);
  });
});

describe('a producer while Redis is down', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:6391' } });
  });
  afterAll(() => app.close());

  it('fails fast and says so instead of hanging the request that committed', async () => {
    const started = Date.now();
    const queued = await app.api
      .get(JobProducer)
      .enqueue(JobName.PruneLoginFailures, {}, 'prune-while-down');
    expect(queued).toBe(false);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
