import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';
import { assertBuilt, DIST, TEST_MYSQL, TEST_REDIS } from '@app/testing';
import { runScale, ScaleReport } from '../../bench/scale/run-scale';
import { EDITION, ScaleOptions } from '../../bench/scale/scale-options';
import { scaleTable } from '../../bench/scale/scale-report';

/**
 * `npm run seed:scale`'s stages at a tiny scale, so the script cannot rot: the built API and
 * worker as child processes, every stage through, the counts in the database as asked, the
 * round TABULATED and its publication FINAL after a refusal while the notice ran.
 */
describe('seed:scale at a tiny scale', () => {
  const id = `${process.pid}_${randomBytes(3).toString('hex')}`;
  const database = `judging_t_scale_${id}`;
  const lines: string[] = [];
  let report: ScaleReport;

  const options: ScaleOptions = {
    databaseUrl: `${TEST_MYSQL}/${database}`,
    redisUrl: TEST_REDIS,
    queuePrefix: `jt_scale_${id}`,
    storageDir: `/tmp/judging-test-scale-${id}`,
    appsDir: DIST,
    entries: 30,
    entrants: 6,
    majorCategories: EDITION.majorCategories,
    leafCategories: EDITION.leafCategories,
    judges: 10,
    panels: 2, // five judges each: every entry can have its five
    judgesPerEntry: EDITION.judgesPerEntry,
    photos: 10,
    largePhotos: 2,
    smallSize: { width: 640, height: 480 },
    largeSize: { width: 1600, height: 1200 },
    uploadConcurrency: 3,
    noticeSeconds: 3,
    resultsFile: null,
    keep: false,
    log: (line) => lines.push(line),
  };

  beforeAll(async () => {
    assertBuilt();
    report = await runScale(options);
  }, 300_000);

  afterAll(async () => {
    const sql = await createConnection({ uri: TEST_MYSQL });
    await sql.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await sql.end();
  });

  it('seeds the event, its categories, entrants and accepted entries with exhibit codes', () => {
    expect(report.counts).toMatchObject({
      entrants: 6,
      accepted: 30,
      categories: { major: 14, leaf: 47 },
      judges: 10,
    });
  });

  it('uploads every photo through the endpoint and the worker renders each one', () => {
    expect(report.photos.small?.photos).toBe(8);
    expect(report.photos.large?.photos).toBe(2);
    expect(report.counts.images).toEqual({ ready: 10, renditions: 30 });
    expect(report.photos.extrapolation.editionFullSizeSeconds).toBeGreaterThan(0);
    expect(report.photos.large?.workerCpuMsPerPhoto).toBeGreaterThan(0);
  });

  it('assigns five judges an entry, takes every sheet through the API and tabulates', () => {
    expect(report.assignment.unassignable).toBe(0);
    expect(report.counts).toMatchObject({
      assignments: 150,
      sheets: 150,
      roundStatus: 'TABULATED',
      results: 30,
    });
    expect(report.tabulation.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses to finalise while the notice runs, and finalises after it', () => {
    expect(report.publication.refusedWhileNotice).toBe('CONFLICT / NOTICE_RUNNING');
    expect(report.publication.finalStatus).toBe('FINAL');
  });

  it('leaves no database behind unless asked to keep it', async () => {
    const sql = await createConnection({ uri: TEST_MYSQL });
    const [rows] = await sql.query(
      'SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?',
      [database],
    );
    await sql.end();
    expect(rows).toHaveLength(0);
  });

  it("times every stage and reads each process's peak memory", () => {
    expect(report.stages.map((s) => s.stage.split(' ')[0])).toEqual([
      'boot:',
      '1.',
      '2.',
      '3a.',
      '3b.',
      '3c.',
      '4.',
      '5.',
      '6a.',
      '6b.',
    ]);
    for (const stage of report.stages) {
      expect(stage.seconds).toBeGreaterThanOrEqual(0);
      expect(stage.peakRssMb.api).toBeGreaterThan(20);
      expect(stage.peakRssMb.worker).toBeGreaterThan(20);
      expect(stage.peakRssMb.script).toBeGreaterThan(20);
    }
    expect(scaleTable(report)).toContain('5. closeRound → TABULATED');
  });
});
