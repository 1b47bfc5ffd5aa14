import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestCtx } from '@app/core';
import { EntryQueryService } from '@app/entries';
import { RoundEntity, RoundService } from '@app/judging';
import {
  ObjectionService,
  ObjectionStatus,
  PublicationService,
  PublicationStatus,
} from '@app/publication';
import { TabulationReadService, TabulationRunner } from '@app/results';
import { NOTICE_DAYS, OBJECTION } from './demo-judging-data';

export interface RoundFigures {
  name: string;
  status: string;
  blind: boolean;
  aggregation: string;
  entries: number;
  /** assignments by status */
  assignments: Record<string, number>;
  sheets: number;
  changedSheets: number;
  tabulation: { version: number; hash: string } | null;
  /** awarded entries by tier name, highest tier first */
  awards: Record<string, number>;
  advanced: number;
}

export interface PublicationFigures {
  id: string;
  version: number;
  status: string;
  hash: string;
  items: number;
  noticeEndsAt: Date;
  objections: string[];
}

export interface JudgingFigures {
  rounds: RoundFigures[];
  publication: PublicationFigures | null;
}

/**
 * Round one's results for the demo: the tabulation, run here through the same runner as the
 * close's job (a worker that got there first leaves it nothing to do), the publication in
 * notice, and an objection filed by the public and dismissed by the organisers.
 */
@Injectable()
export class DemoResultsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly entries: EntryQueryService,
    private readonly runner: TabulationRunner,
    private readonly tabulations: TabulationReadService,
    private readonly publications: PublicationService,
    private readonly objections: ObjectionService,
  ) {}

  /** Tabulates a CLOSED round now instead of waiting for a worker (the seed may run without one). */
  async tabulate(ctx: RequestCtx, round: RoundEntity): Promise<string> {
    const outcome = await this.runner.run(ctx, round.id, 'close');
    if (outcome.kind === 'refused') {
      throw new Error(
        `seed:demo: round ${round.name} cannot be tabulated: ${outcome.error.message}`,
      );
    }
    const latest = await this.tabulations.latestOf(ctx, round.id);
    const by = outcome.kind === 'written' ? '' : ' by the worker';
    return `round ${round.name} tabulated${by} (version ${latest?.version})`;
  }

  /** Publishes the round in NOTICE, then files and dismisses one objection, each if not done yet. */
  async publishWithObjection(ctx: RequestCtx, roundId: string): Promise<string[]> {
    const done: string[] = [];
    let [publication] = await this.publications.ofRound(ctx, roundId);
    if (!publication) {
      const noticeEndsAt = new Date(Date.now() + NOTICE_DAYS * 86_400_000);
      publication = await this.publications.publish(ctx, roundId, noticeEndsAt);
      done.push(
        `results published (version ${publication.version}, NOTICE for ${NOTICE_DAYS} days)`,
      );
    }
    const [objection] =
      (await this.objections.ofPublications(ctx, [publication.id])).get(publication.id) ?? [];
    let open = objection?.status === ObjectionStatus.OPEN ? objection : null;
    const inNotice =
      publication.status === PublicationStatus.NOTICE &&
      publication.noticeEndsAt.getTime() > Date.now();
    if (!objection && inNotice) {
      const entryCode = await this.nearMiss(ctx, publication.tabulationId);
      // The public files objections without signing in.
      const visitor: RequestCtx = { viewer: null, requestId: ctx.requestId, ip: OBJECTION.ip };
      open = await this.objections.file(visitor, {
        publicationId: publication.id,
        entryCode,
        reason: OBJECTION.reason,
        contact: OBJECTION.contact,
      });
      done.push(`objection to ${entryCode} filed`);
    }
    if (open) {
      await this.objections.resolve(ctx, open.id, false, OBJECTION.response);
      done.push(`objection to ${open.entryCode} dismissed with a response`);
    }
    return done;
  }

  /** What the demo's rounds and round one's publication hold now. */
  async figures(ctx: RequestCtx, eventId: string): Promise<JudgingFigures> {
    const rounds: RoundFigures[] = [];
    const ofEvent = await this.rounds.ofEvent(ctx, eventId);
    for (const round of ofEvent) rounds.push(await this.roundFigures(ctx, round));
    // the newest version of the first round's results
    const [publication] = ofEvent[0] ? await this.publications.ofRound(ctx, ofEvent[0].id) : [];
    if (!publication) return { rounds, publication: null };
    const items = (await this.publications.itemsOf(ctx, [publication.id])).get(publication.id);
    const objections = (await this.objections.ofPublications(ctx, [publication.id])).get(
      publication.id,
    );
    return {
      rounds,
      publication: {
        id: publication.id,
        version: publication.version,
        status: publication.status,
        hash: publication.hash,
        items: items?.length ?? 0,
        noticeEndsAt: publication.noticeEndsAt,
        objections: (objections ?? []).map((o) => `${o.entryCode} ${o.status}`),
      },
    };
  }

  private async roundFigures(ctx: RequestCtx, round: RoundEntity): Promise<RoundFigures> {
    const sql = this.dataSource.manager;
    const [[entries], statuses, [sheets]] = await Promise.all([
      sql.query('SELECT COUNT(*) AS n FROM round_entries WHERE round_id = ?', [round.id]),
      sql.query(
        'SELECT status, COUNT(*) AS n FROM assignments WHERE round_id = ? GROUP BY status',
        [round.id],
      ),
      sql.query(
        'SELECT COUNT(*) AS n, COALESCE(SUM(version > 1), 0) AS changed FROM score_sheets WHERE round_id = ?',
        [round.id],
      ),
    ]);
    const latest = await this.tabulations.latestOf(ctx, round.id);
    const results = latest ? await this.tabulations.resultsOf(ctx, latest.id) : [];
    const awards: Record<string, number> = {};
    for (const tier of await this.rounds.tiersOf(ctx, [round.id])) {
      awards[tier.name] = results.filter((r) => r.award === tier.key).length;
    }
    return {
      name: round.name,
      status: round.status,
      blind: round.blind,
      aggregation: round.aggregation,
      entries: Number(entries.n),
      assignments: Object.fromEntries(
        (statuses as Array<{ status: string; n: string }>).map((s) => [s.status, Number(s.n)]),
      ),
      sheets: Number(sheets.n),
      changedSheets: Number(sheets.changed),
      tabulation: latest ? { version: latest.version, hash: latest.hash } : null,
      awards,
      advanced: results.filter((r) => r.advanced).length,
    };
  }

  /** The code of the best-placed entry that got neither an award nor a place in the next round. */
  private async nearMiss(ctx: RequestCtx, tabulationId: string): Promise<string> {
    const results = await this.tabulations.resultsOf(ctx, tabulationId);
    const missed = results.find((r) => r.complete && !r.award && !r.advanced) ?? results[0];
    const [entry] = await this.entries.byIds(ctx, [missed.entryId]);
    return entry.code!;
  }
}
