import { readdir } from 'node:fs/promises';
import {
  craftsEvent,
  CREATE_ENTRY,
  entryInput,
  registerEnterprise,
  seedRegions,
  startTestApp,
  SUBMIT_ENTRY,
  TestApp,
  testJpeg,
  together,
  uploadImage,
} from '@app/testing';
import { createConnection } from 'mysql2/promise';
import { randomUUID } from 'node:crypto';
import {
  FINALISE,
  inDays,
  OBJECT,
  PUBLISH,
  reasonOf,
  tabulatedRound,
} from '../../libs/publication/test/publication-fixtures';
import { RETABULATE } from '../../libs/results/test/results-fixtures';
import { gqlAnswer, httpAnswer } from './hostile';

/**
 * Limits under attack (issue 19): each race starts its requests together (one barrier, not a
 * loop of awaits), then checks that the limit held AND that nothing beyond it was written. The
 * summary line of each ("tried, held") goes to the test output.
 */

const DELETE_IMAGE = 'mutation($id:ID!){deleteImage(id:$id)}';

/** How many answers had each outcome: 'ok' or the refusal's reason. */
function tally(outcomes: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1;
  return counts;
}

function report(name: string, tried: number, outcomes: Record<string, number>): void {
  process.stdout.write(`race ${name}: ${tried} tried, ${JSON.stringify(outcomes)}\n`);
}

describe('races: limits that hold when requests arrive together', () => {
  let app: TestApp;
  let admin: string;
  let owner: string;
  let eventId: string;
  let leaf: string;

  beforeAll(async () => {
    app = await startTestApp();
    admin = await app.adminToken();
    await seedRegions(app);
    const event = await craftsEvent(app, `races-${process.pid}`);
    eventId = event.eventId;
    leaf = event.leaf['TC-01'];
    owner = (await registerEnterprise(app)).token;
  });
  afterAll(() => app.close());

  async function draftEntry(): Promise<string> {
    const res = await app.gql(CREATE_ENTRY, { input: { eventId, entry: entryInput(leaf) } }, owner);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createEntry.id as string;
  }

  const originals = async () =>
    (
      await readdir(app.config.storageDir, { recursive: true, withFileTypes: true }).catch(() => [])
    ).filter((f) => f.isFile() && f.parentPath.includes('originals')).length;

  describe('1. the photo limit of an entry', () => {
    it('30 different photos sent at once to a DRAFT entry with room for 8: exactly 8 stored, at positions 1..8', async () => {
      const [{ limit }] = await app.sql<{ limit: number }>(
        'SELECT max_images_per_entry AS `limit` FROM events WHERE id = ?',
        [eventId],
      );
      expect(limit).toBe(8);
      const entryId = await draftEntry();
      const photos = await Promise.all(Array.from({ length: 30 }, (_, i) => testJpeg(500 + i)));
      const filesBefore = await originals();

      const answers = await together(30, (i) => uploadImage(app, entryId, photos[i], owner));
      const outcomes = answers.map((a) => {
        if (a.status === 'rejected') return `error: ${String(a.reason)}`;
        return a.value.status === 201 ? 'ok' : `${a.value.status} ${httpAnswer(a.value).reason}`;
      });
      report('photos', 30, tally(outcomes));
      expect(tally(outcomes)).toEqual({ ok: 8, '409 TOO_MANY_IMAGES': 22 });

      const rows = await app.sql<{ position: number }>(
        'SELECT position FROM images WHERE entry_id = ? ORDER BY position',
        [entryId],
      );
      expect(rows.map((r) => r.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      const [{ audited }] = await app.sql<{ audited: number }>(
        "SELECT COUNT(*) AS audited FROM audit_records WHERE action = 'image.added' AND subject_id = ?",
        [entryId],
      );
      expect(Number(audited)).toBe(8);
      // The refused uploads left no file behind.
      expect((await originals()) - filesBefore).toBe(8);

      // Submitted, it carries the 8 and no more.
      const submitted = await app.gql(SUBMIT_ENTRY, { id: entryId }, owner);
      expect(submitted.errors).toBeUndefined();
      const [{ n }] = await app.sql<{ n: number }>(
        'SELECT COUNT(*) AS n FROM images WHERE entry_id = ?',
        [entryId],
      );
      expect(Number(n)).toBe(8);
    });

    it('every photo of a SUBMITTED entry deleted at once: one is kept, the rest renumbered 1..n', async () => {
      const entryId = await draftEntry();
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await uploadImage(app, entryId, await testJpeg(700 + i), owner);
        expect(res.status).toBe(201);
        ids.push(res.body.id as string);
      }
      expect((await app.gql(SUBMIT_ENTRY, { id: entryId }, owner)).errors).toBeUndefined();

      const answers = await together(ids.length, (i) =>
        app.gql(DELETE_IMAGE, { id: ids[i] }, owner),
      );
      const outcomes = answers.map((a) =>
        a.status === 'rejected'
          ? `error: ${String(a.reason)}`
          : a.value.errors
            ? String(gqlAnswer(a.value).reason)
            : 'ok',
      );
      report('deleting the last photos', ids.length, tally(outcomes));
      expect(tally(outcomes)).toEqual({ ok: 5, NO_IMAGES: 1 });
      const rows = await app.sql<{ position: number }>(
        'SELECT position FROM images WHERE entry_id = ? ORDER BY position',
        [entryId],
      );
      expect(rows.map((r) => r.position)).toEqual([1]);
    });
  });

  describe('2. objections per address', () => {
    it('40 objections at once from one address, to two publications: exactly 10 taken', async () => {
      const publications: Array<{ id: string; code: string }> = [];
      for (let i = 0; i < 2; i++) {
        const round = await tabulatedRound(app, admin, 6);
        const published = await app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, admin);
        if (published.errors) throw new Error(JSON.stringify(published.errors));
        const publication = published.data!.publishResults;
        publications.push({ id: publication.id, code: publication.items[0].entryCode });
      }
      const from = { 'x-forwarded-for': '198.51.100.40' };

      const answers = await together(40, (i) => {
        const { id, code } = publications[i % 2];
        return app.gql(
          OBJECT,
          {
            input: {
              publicationId: id,
              entryCode: code,
              reason: `评分明显偏低，申请复核（第${i}份）`,
            },
          },
          undefined,
          from,
        );
      });
      const outcomes = answers.map((a) =>
        a.status === 'rejected'
          ? `error: ${String(a.reason)}`
          : a.value.errors
            ? String(gqlAnswer(a.value).reason)
            : 'ok',
      );
      report('objections', 40, tally(outcomes));
      expect(tally(outcomes)).toEqual({ ok: 10, TOO_MANY_OBJECTIONS: 30 });

      const [{ n }] = await app.sql<{ n: number }>(
        'SELECT COUNT(*) AS n FROM objections WHERE client_ip = ?',
        ['198.51.100.40'],
      );
      expect(Number(n)).toBe(10);
      const [{ audited }] = await app.sql<{ audited: number }>(
        "SELECT COUNT(*) AS audited FROM audit_records WHERE action = 'objection.filed'",
      );
      expect(Number(audited)).toBe(10);
    });
  });

  describe('4. the same pattern in publications', () => {
    it('a publish sent with a retabulation freezes the tabulation current when it takes the round', async () => {
      const round = await tabulatedRound(app, admin, 8);
      const tries = 6;
      for (let attempt = 0; attempt < tries; attempt++) {
        const answers = await together(2, (i) =>
          i === 0
            ? app.gql(RETABULATE, { id: round.roundId }, admin)
            : app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, admin),
        );
        for (const answer of answers) {
          expect(answer.status === 'fulfilled' && answer.value.errors).toBeFalsy();
        }
      }
      // Both take the round's lock and append to the event's chain under it, so the chain's
      // order is the order they held the round: each publication must have frozen the version
      // the last tabulation before it wrote.
      const records = await app.sql<{ action: string; detail: string }>(
        `SELECT action, detail FROM audit_records
          WHERE event_id = ? AND action IN ('round.tabulated', 'publication.published')
          ORDER BY seq`,
        [round.eventId],
      );
      let current = 0;
      const stale: string[] = [];
      for (const record of records) {
        const detail = JSON.parse(record.detail);
        if (record.action === 'round.tabulated') current = detail.version;
        else if (detail.tabulationVersion !== current) {
          stale.push(
            `v${detail.version} froze tabulation ${detail.tabulationVersion} of ${current}`,
          );
        }
      }
      report('publish with a retabulation', tries, { stale: stale.length });
      expect(stale).toEqual([]);
    });

    it('a finalise waiting behind an objection being filed sees it: OBJECTION_OPEN, not FINAL', async () => {
      const round = await tabulatedRound(app, admin, 6);
      const published = (await app.gql(PUBLISH, { r: round.roundId, n: inDays(5) }, admin)).data!
        .publishResults;
      await app.sql('UPDATE publications SET notice_ends_at = ? WHERE id = ?', [
        new Date(Date.now() - 1000),
        published.id,
      ]);
      // A filing that passed its notice check just before the notice ended, holding the
      // publication's lock as fileObjection does, commits while the finalise waits for it.
      const filer = await createConnection({ uri: app.config.databaseUrl.toString() });
      try {
        await filer.query('START TRANSACTION');
        await filer.query('SELECT id FROM publications WHERE id = ? FOR UPDATE', [published.id]);
        await filer.query(
          `INSERT INTO objections (id, publication_id, round_id, entry_code, reason, status, client_ip)
           VALUES (?, ?, ?, ?, '评分明显偏低，申请复核', 'OPEN', '198.51.100.9')`,
          [randomUUID(), published.id, round.roundId, published.items[0].entryCode],
        );
        const finalising = app.gql(FINALISE, { id: published.id }, admin);
        await new Promise((resolve) => setTimeout(resolve, 700));
        await filer.query('COMMIT');
        const answer = await finalising;
        report('finalise behind a filing', 1, { [reasonOf(answer)?.reason ?? 'FINAL']: 1 });
        expect(reasonOf(answer)).toEqual({ code: 'CONFLICT', reason: 'OBJECTION_OPEN' });
      } finally {
        await filer.end();
      }
      const [{ status }] = await app.sql<{ status: string }>(
        'SELECT status FROM publications WHERE id = ?',
        [published.id],
      );
      expect(status).toBe('NOTICE');
    });
  });
});
