import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  BadUserInput,
  Conflict,
  Forbidden,
  NotFound,
  RequestCtx,
  isUuid,
  CommonReason,
} from '@app/core';
import { inTransaction, isDuplicateKey, repo } from '@app/db';
import { isOrganiser } from '@app/identity';
import { EntryFactsService, EntryStatus } from '@app/entries';
import { EventService } from '@app/events';
import { RoundService, RoundsForResults, RoundStatus } from '@app/judging';
import { TabulationReadService } from '@app/results';
import { newCertificateCode } from './certificate-code';
import { DocumentRunsService } from './documents/document-runs.service';
import { ObjectionStatus, PublicationStatus } from './publication-enums';
import { ObjectionEntity, PublicationEntity, PublishedItemEntity } from './publication.entity';
import { PublicationReason } from './publication.errors';
import { EntryFacts, hashedItemOf, publicationHash, publishedItems } from './published-items';

/** Entries the rules leave out of a round's results (judging-rules.md §2). */
const OUT_OF_COMPETITION = new Set<EntryStatus>([EntryStatus.DISQUALIFIED, EntryStatus.WITHDRAWN]);
/** Statuses `publishedResults` lists; a SUPERSEDED version is read only through its id. */
const LISTED = [PublicationStatus.NOTICE, PublicationStatus.FINAL];
const CERTIFICATE_CODE_ATTEMPTS = 5;

/**
 * Publishing a round's results (judging-rules.md §8): freezing the latest tabulation into a
 * numbered version in NOTICE, superseding the older one, and finalising it once the notice has
 * ended with no objection left open. Every change is made with the event's and then the round's
 * row locked (so two publishes, a publish and a finalise, or either and a disqualification
 * serialise) and audited in the same transaction.
 */
@Injectable()
export class PublicationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly roundsForResults: RoundsForResults,
    private readonly tabulations: TabulationReadService,
    private readonly entries: EntryFactsService,
    private readonly events: EventService,
    private readonly audit: AuditService,
    private readonly documentRuns: DocumentRunsService,
  ) {}

  async publish(
    ctx: RequestCtx,
    roundId: string,
    noticeEndsAt: Date,
    showScores = false,
  ): Promise<PublicationEntity> {
    mustOrganise(ctx);
    const now = new Date();
    if (!(noticeEndsAt instanceof Date) || Number.isNaN(noticeEndsAt.getTime())) {
      throw new BadUserInput(PublicationReason.NOTICE_IN_PAST, 'noticeEndsAt is not a date');
    }
    if (noticeEndsAt.getTime() <= now.getTime()) {
      throw new BadUserInput(
        PublicationReason.NOTICE_IN_PAST,
        'the notice period must end in the future',
        { field: 'noticeEndsAt' },
      );
    }
    // Before the transaction (a round's event never changes): a plain read inside it would fix
    // its snapshot before the locks, and the tabulation read under the round's lock would then
    // miss a retabulation committed while this waited for it (docs/decisions.md, "Limits under
    // concurrency").
    const { eventId } = await this.rounds.mustGet(ctx, roundId);
    return inTransaction(this.dataSource, ctx, async (tx, manager) => {
      // The event first, as every writer of an event's entries and rounds locks it: the items'
      // and the publication's foreign keys lock the entries and the event row they name, and a
      // disqualification (event, entry, then this round's publications) must not wait in a cycle.
      await this.events.lock(tx, eventId);
      const round = await this.roundsForResults.mustLock(tx, roundId);
      const versions = await manager.getRepository(PublicationEntity).find({
        where: { roundId },
        order: { version: 'DESC' },
        lock: { mode: 'pessimistic_write' },
      });
      const final = versions.find((p) => p.status === PublicationStatus.FINAL);
      if (final) {
        throw new Conflict(
          PublicationReason.PUBLICATION_FINAL,
          `version ${final.version} of this round is FINAL and never changes`,
          { publicationId: final.id },
        );
      }
      const tabulation = await this.tabulations.latestOf(tx, roundId);
      if (round.status !== RoundStatus.TABULATED || !tabulation) {
        throw new Conflict(
          PublicationReason.ROUND_NOT_TABULATED,
          `a ${round.status} round has no current tabulation to publish`,
          { status: round.status },
        );
      }
      const results = await this.tabulations.resultsOf(tx, tabulation.id);
      const winners = results.filter((r) => r.award !== null || r.advanced);
      const facts = await this.entryFacts(
        tx,
        winners.map((r) => r.entryId),
      );
      const tiers = await this.rounds.tiersOf(tx, [roundId]);
      const drafts = publishedItems(
        showScores ? winners : winners.map((w) => ({ ...w, score: null })),
        facts,
        tiers,
      );
      const hash = publicationHash(drafts.map(hashedItemOf));

      const version = (versions[0]?.version ?? 0) + 1;
      const superseded = versions.filter((p) => p.status === PublicationStatus.NOTICE);
      if (superseded.length > 0) {
        await manager
          .getRepository(PublicationEntity)
          .update(
            { id: In(superseded.map((p) => p.id)) },
            { status: PublicationStatus.SUPERSEDED },
          );
      }
      const publication = manager.getRepository(PublicationEntity).create({
        id: randomUUID(),
        eventId: round.eventId,
        roundId,
        tabulationId: tabulation.id,
        version,
        status: PublicationStatus.NOTICE,
        publishedAt: now,
        noticeEndsAt,
        finalisedAt: null,
        hash,
        showScores,
      });
      await manager.getRepository(PublicationEntity).insert(publication);
      if (drafts.length > 0) {
        await manager.getRepository(PublishedItemEntity).insert(
          drafts.map((d, i) => ({
            publicationId: publication.id,
            position: i + 1,
            entryId: d.entryId,
            entryCode: d.entryCode,
            title: d.title,
            entrantName: d.entrantName,
            regionName: d.regionName,
            categoryName: d.categoryName,
            categoryCode: d.categoryCode,
            awardKey: d.awardKey,
            awardName: d.awardName,
            awardRank: d.awardRank,
            rank: d.rank,
            score: d.score === null ? null : String(d.score),
            certificateCode: null,
          })),
        );
      }
      await this.audit.append(
        tx,
        {
          eventId: round.eventId,
          action: 'publication.published',
          subjectType: 'Publication',
          subjectId: publication.id,
          detail: {
            roundId,
            version,
            hash,
            items: drafts.length,
            showScores,
            tabulationId: tabulation.id,
            tabulationVersion: tabulation.version,
            tabulationHash: tabulation.hash,
            noticeEndsAt: noticeEndsAt.toISOString(),
            superseded: superseded.map((p) => p.id),
          },
          // The record's time is the publication's, so "the records between two versions" holds both.
        },
        now,
      );
      return this.mustGet(tx, publication.id);
    });
  }

  /**
   * NOTICE → FINAL, in §8's order: a FINAL or SUPERSEDED one cannot; then NOTICE_RUNNING before
   * `noticeEndsAt`; then OBJECTION_OPEN while any objection to any version of the round is open.
   * Awarded items get their certificate codes here.
   */
  async finalise(ctx: RequestCtx, id: string): Promise<PublicationEntity> {
    mustOrganise(ctx);
    // Before the transaction, as in publish: its reads start after its locks.
    const found = await this.mustGet(ctx, id);
    const ownTransaction = !ctx.manager?.queryRunner?.isTransactionActive;
    const final = await inTransaction(this.dataSource, ctx, async (tx, manager) => {
      // Event, round, publication: the order publish and a disqualification take (see publish).
      await this.events.lock(tx, found.eventId);
      await this.roundsForResults.mustLock(tx, found.roundId);
      const publication = await manager.getRepository(PublicationEntity).findOneOrFail({
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (publication.status === PublicationStatus.FINAL) {
        throw new Conflict(
          PublicationReason.PUBLICATION_FINAL,
          'this publication is already FINAL',
        );
      }
      if (publication.status === PublicationStatus.SUPERSEDED) {
        throw new Conflict(
          PublicationReason.PUBLICATION_SUPERSEDED,
          'a newer version of this round was published; finalise that one',
        );
      }
      const now = new Date();
      if (now.getTime() < publication.noticeEndsAt.getTime()) {
        throw new Conflict(
          PublicationReason.NOTICE_RUNNING,
          `the notice period runs until ${publication.noticeEndsAt.toISOString()}`,
          { noticeEndsAt: publication.noticeEndsAt.toISOString() },
        );
      }
      // A locking read: it sees an objection whose filing held the publication until just now
      // (never an older snapshot), and keeps new ones out of the round until this commits.
      const open = await manager.getRepository(ObjectionEntity).count({
        where: { roundId: publication.roundId, status: ObjectionStatus.OPEN },
        lock: { mode: 'pessimistic_read' },
      });
      if (open > 0) {
        throw new Conflict(
          PublicationReason.OBJECTION_OPEN,
          `${open} objection(s) to this round are still open: resolve them first`,
          { openObjections: open },
        );
      }
      const certificates = await this.giveCertificateCodes(manager, id);
      await manager
        .getRepository(PublicationEntity)
        .update({ id }, { status: PublicationStatus.FINAL, finalisedAt: now });
      await this.audit.append(
        tx,
        {
          eventId: publication.eventId,
          action: 'publication.finalised',
          subjectType: 'Publication',
          subjectId: id,
          detail: {
            roundId: publication.roundId,
            version: publication.version,
            hash: publication.hash,
            from: PublicationStatus.NOTICE,
            to: PublicationStatus.FINAL,
            certificates,
          },
        },
        now,
      );
      // Its certificates and list are drawn ahead by the worker (issue 22), queued after commit.
      await this.documentRuns.request(manager, id, now);
      return this.mustGet(tx, id);
    });
    // Inside a caller's transaction nothing is committed yet: the sweep queues it a bit later.
    if (ownTransaction) await this.documentRuns.enqueue(id, final.finalisedAt!);
    return final;
  }

  /** One code per awarded item; a collision with another certificate's code draws again. */
  private async giveCertificateCodes(manager: EntityManager, id: string): Promise<number> {
    const awarded = await manager.getRepository(PublishedItemEntity).find({
      select: { publicationId: true, position: true },
      where: { publicationId: id, awardKey: Not(IsNull()) },
      order: { position: 'ASC' },
    });
    for (const item of awarded) {
      for (let attempt = 1; ; attempt++) {
        // A savepoint, so a duplicate code does not end the whole transaction.
        await manager.query('SAVEPOINT certificate_code');
        try {
          await manager
            .getRepository(PublishedItemEntity)
            .update(
              { publicationId: id, position: item.position },
              { certificateCode: newCertificateCode() },
            );
          break;
        } catch (error) {
          await manager.query('ROLLBACK TO SAVEPOINT certificate_code');
          if (!isDuplicateKey(error) || attempt >= CERTIFICATE_CODE_ATTEMPTS) throw error;
        }
      }
    }
    return awarded.length;
  }

  /** Any publication by id, whoever asks (SUPERSEDED ones too): it holds only what was published. */
  async byId(ctx: RequestCtx, id: string): Promise<PublicationEntity | null> {
    if (!isUuid(id)) return null;
    return repo(this.dataSource, ctx, PublicationEntity).findOneBy({ id });
  }

  async mustGet(ctx: RequestCtx, id: string): Promise<PublicationEntity> {
    const publication = await this.byId(ctx, id);
    if (!publication) {
      throw new NotFound(PublicationReason.PUBLICATION_NOT_FOUND, `no publication ${id}`);
    }
    return publication;
  }

  /** An event's NOTICE and FINAL publications, newest first (all rounds). */
  async listedOfEvent(ctx: RequestCtx, eventSlug: string): Promise<PublicationEntity[]> {
    const eventId = await this.events.idBySlug(ctx, eventSlug);
    if (eventId === null) return [];
    return repo(this.dataSource, ctx, PublicationEntity).find({
      where: { eventId, status: In(LISTED) },
      order: { publishedAt: 'DESC', version: 'DESC', id: 'ASC' },
    });
  }

  /** Every version of a round, newest first. */
  ofRound(ctx: RequestCtx, roundId: string): Promise<PublicationEntity[]> {
    return repo(this.dataSource, ctx, PublicationEntity).find({
      where: { roundId },
      order: { version: 'DESC' },
    });
  }

  /** The items of publications, in order: one statement for any number of them. */
  async itemsOf(
    ctx: RequestCtx,
    publicationIds: readonly string[],
  ): Promise<Map<string, PublishedItemEntity[]>> {
    const byPublication = new Map<string, PublishedItemEntity[]>(
      publicationIds.map((id) => [id, []]),
    );
    if (publicationIds.length === 0) return byPublication;
    const rows = await repo(this.dataSource, ctx, PublishedItemEntity).find({
      where: { publicationId: In([...new Set(publicationIds)]) },
      order: { publicationId: 'ASC', position: 'ASC' },
    });
    for (const row of rows) byPublication.get(row.publicationId)?.push(row);
    return byPublication;
  }

  /** The item of a publication with this entry code, or null. */
  itemByCode(
    ctx: RequestCtx,
    publicationId: string,
    entryCode: string,
  ): Promise<PublishedItemEntity | null> {
    return repo(this.dataSource, ctx, PublishedItemEntity).findOneBy({ publicationId, entryCode });
  }

  /** The awarded item holding this certificate code, with its publication. */
  async certificate(
    ctx: RequestCtx,
    code: string,
  ): Promise<{ item: PublishedItemEntity; publication: PublicationEntity } | null> {
    const item = await repo(this.dataSource, ctx, PublishedItemEntity).findOneBy({
      certificateCode: code,
    });
    if (!item) return null;
    const publication = await this.mustGet(ctx, item.publicationId);
    return { item, publication };
  }

  /** The THUMB rendition key of each entry's first ready photo (one statement). */
  thumbnailKeys(ctx: RequestCtx, entryIds: readonly string[]): Promise<Map<string, string>> {
    return this.entries.thumbnailKeys(ctx, entryIds);
  }

  /** Names as they are now, copied into the publication (entries' facts). */
  private async entryFacts(
    ctx: RequestCtx,
    entryIds: readonly string[],
  ): Promise<Map<string, EntryFacts>> {
    const facts = new Map<string, EntryFacts>();
    if (entryIds.length === 0) return facts;
    const named = await this.entries.namedFactsOf(ctx, entryIds);
    // A winner disqualified or withdrawn since the tabulation: the list would give it an award
    // (and, once FINAL, a valid certificate) the rules take away; retabulating leaves it out.
    const out = [...named.values()].filter((e) => OUT_OF_COMPETITION.has(e.status));
    if (out.length > 0) {
      throw new Conflict(
        PublicationReason.TABULATION_STALE,
        `the round's tabulation still ranks ${out.map((e) => e.code).join(', ')}, since ${out[0].status}: retabulate it, then publish`,
        { entryCodes: out.map((e) => e.code) },
      );
    }
    for (const entry of named.values()) {
      if (entry.code === null) throw new Error(`publication: entry ${entry.id} has no code`);
      facts.set(entry.id, {
        entryId: entry.id,
        entryCode: entry.code,
        title: entry.title,
        entrantName: entry.entrantName,
        regionName: entry.regionName,
        categoryName: entry.categoryName,
        categoryCode: entry.categoryCode,
      });
    }
    return facts;
  }
}

function mustOrganise(ctx: RequestCtx): void {
  if (!isOrganiser(ctx.viewer)) {
    throw new Forbidden(
      CommonReason.ROLE_NOT_ALLOWED,
      'only organisers publish and finalise results',
    );
  }
}
