import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { existsSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  documentsJobId,
  PublicationDocumentsJob,
  PublicationDocumentsSweep,
} from '@app/publication';
import { QueueName } from '@app/queue';
import { startTestApp, TestApp, waitForQueues } from '@app/testing';
import { createWorker } from '../src/create-worker';
import {
  FINALISE,
  getBytes,
  inDays,
  PUBLISH,
  tabulatedRound,
} from '../../../libs/publication/test/publication-fixtures';

const DOCUMENTS = `query($id:ID!){publication(id:$id){documents{status total rendered}}}`;

/**
 * Issue 22: the documents job survives a crash. With no worker running, finalising leaves the
 * job waiting; a request meanwhile draws its certificate itself (and stores it); a job killed
 * half-way, whose BullMQ job is lost, is queued again by the maintenance sweep, and a worker then
 * stores every document, drawing only what is missing (a file deleted from storage included).
 */
describe('the documents job, killed half-way and resumed', () => {
  let app: TestApp;
  let admin: string;
  let final: any;
  let awarded: any[];

  beforeAll(async () => {
    app = await startTestApp(); // no worker: the job waits in its queue
    admin = await app.adminToken();
    const round = await tabulatedRound(app, admin, 30);
    const published = (await app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, admin)).data!
      .publishResults;
    await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
      new Date(Date.now() - 1000),
      published.id,
    ]);
    final = (await app.gql(FINALISE, { id: published.id }, admin)).data!.finalisePublication;
    awarded = final.items.filter((i: any) => i.award);
  });
  afterAll(() => app.close());

  const rows = () =>
    app.sql<{ kind: string; entryCode: string; storageKey: string; bytes: number }>(
      `SELECT kind, entry_code AS entryCode, storage_key AS storageKey, bytes
         FROM publication_documents WHERE publication_id = ?`,
      [final.id],
    );
  const run = async () =>
    (
      await app.sql<{ state: string; requestedAt: Date; rendered: number; total: number }>(
        `SELECT state, requested_at AS requestedAt, rendered, total
           FROM publication_document_runs WHERE publication_id = ?`,
        [final.id],
      )
    )[0];
  const queue = () =>
    app.api.get<Queue>(getQueueToken(QueueName.PublicationDocuments), { strict: false });

  it('finalising asks for the documents and queues their job; nothing is drawn without a worker', async () => {
    expect(await run()).toMatchObject({ state: 'QUEUED', rendered: 0, total: 0 });
    const job = await queue().getJob(documentsJobId(final.id, (await run()).requestedAt));
    expect(await job?.getState()).toBe('waiting');
    expect(await rows()).toHaveLength(0);
    expect((await app.gql(DOCUMENTS, { id: final.id }, admin)).data!.publication.documents).toEqual(
      { status: 'QUEUED', total: 0, rendered: 0 },
    );
  });

  it('a certificate asked for before the job has run is drawn on request, and stored', async () => {
    const item = awarded[0];
    const res = await getBytes(
      app,
      `/api/publications/${final.id}/certificates/${item.entryCode}.pdf`,
      admin,
    );
    expect(res.status).toBe(200);
    const stored = (await rows()).filter((r) => r.entryCode === item.entryCode);
    expect(stored).toHaveLength(1);
    expect(statSync(join(app.config.storageDir, stored[0].storageKey)).size).toBe(res.body.length);
  });

  it('killed half-way with its job lost, then swept: a worker stores every document, drawing only what is missing', async () => {
    const documents = app.api.get(PublicationDocumentsJob, { strict: false });
    // The job dies after its sixth document (as a worker killed mid-way would).
    await expect(
      documents.run(final.id, {
        onProgress: (done) => {
          if (done === 6) throw new Error('worker killed');
        },
      }),
    ).rejects.toThrow('worker killed');
    expect(await run()).toMatchObject({ state: 'RENDERING' });
    const partial = await rows();
    expect(partial.length).toBeGreaterThanOrEqual(6);
    expect(partial.length).toBeLessThan(awarded.length + 1);
    // And a stored file is lost with it.
    const lostFile = partial.find((r) => r.kind === 'CERTIFICATE')!;
    rmSync(join(app.config.storageDir, lostFile.storageKey));
    // Its BullMQ job is gone too (Redis lost it, or it was taken and never finished).
    const { requestedAt } = await run();
    await (await queue().getJob(documentsJobId(final.id, requestedAt)))!.remove();

    // The maintenance sweep, a few minutes on, finds the run stuck and queues it again.
    const sweep = app.api.get(PublicationDocumentsSweep, { strict: false });
    expect(await sweep.requeueLost(new Date())).toEqual({ requeued: 0 }); // too soon to say
    expect(await sweep.requeueLost(new Date(Date.now() + 5 * 60_000))).toEqual({ requeued: 1 });
    expect(await sweep.requeueLost(new Date(Date.now() + 5 * 60_000))).toEqual({ requeued: 0 });

    const worker = await createWorker(app.config, { logger: ['error'] });
    try {
      await waitForQueues([queue()], 120_000);
    } finally {
      await worker.close();
    }
    const job = await queue().getJob(documentsJobId(final.id, requestedAt));
    // Only what was missing was drawn: the documents not stored before the crash, and the lost file.
    expect(job!.returnvalue).toEqual({
      kind: 'done',
      total: awarded.length + 1,
      rendered: awarded.length + 1 - partial.length + 1,
      reused: partial.length - 1,
    });
    const all = await rows();
    expect(all).toHaveLength(awarded.length + 1);
    for (const row of all) {
      expect(statSync(join(app.config.storageDir, row.storageKey)).size).toBe(row.bytes);
    }
    expect(existsSync(join(app.config.storageDir, lostFile.storageKey))).toBe(true);
    expect(await run()).toMatchObject({
      state: 'DONE',
      rendered: awarded.length + 1,
      total: awarded.length + 1,
    });
    expect((await app.gql(DOCUMENTS, { id: final.id }, admin)).data!.publication.documents).toEqual(
      { status: 'READY', total: awarded.length + 1, rendered: awarded.length + 1 },
    );
  });

  it('run again, the job finds everything stored and draws nothing', async () => {
    const documents = app.api.get(PublicationDocumentsJob, { strict: false });
    const before = await rows();
    const mtimes = before.map((r) => statSync(join(app.config.storageDir, r.storageKey)).mtimeMs);
    expect(await documents.run(final.id)).toEqual({
      kind: 'done',
      total: awarded.length + 1,
      rendered: 0,
      reused: awarded.length + 1,
    });
    expect(before.map((r) => statSync(join(app.config.storageDir, r.storageKey)).mtimeMs)).toEqual(
      mtimes,
    );
  });
});
