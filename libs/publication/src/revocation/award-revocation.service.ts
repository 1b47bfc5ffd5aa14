import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In, IsNull, Not } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  BadUserInput,
  CommonReason,
  Conflict,
  Forbidden,
  isUuid,
  NotFound,
  RequestCtx,
} from '@app/core';
import { inTransaction, isDuplicateKey, repo } from '@app/db';
import type { EntryAwards } from '@app/entries';
import { EventService } from '@app/events';
import { isOrganiser } from '@app/identity';
import { PublicationStatus, RevocationCause } from '../publication-enums';
import { PublicationEntity, PublishedItemEntity } from '../publication.entity';
import { PublicationReason } from '../publication.errors';
import { DocumentRunsService } from '../documents/document-runs.service';
import { AwardRevocationEntity } from './award-revocation.entity';

/** The longest reason kept (a disqualification's reason is at most as long). */
export const REVOCATION_REASON_MAX = 1000;

/** Publications whose awards a disqualification revokes: a NOTICE one could still be finalised. */
const REVOCABLE_ON_DISQUALIFICATION = [PublicationStatus.NOTICE, PublicationStatus.FINAL];

/**
 * Revoking awards after publication (judging-rules.md §8): an organiser's decision on one item
 * of a FINAL list, or every award of an entry when it is disqualified. The published items and
 * the hash never change and nobody moves up: a revocation is a row beside the item, read by the
 * public list and by the certificate check. Each runs under the publication's row lock, so a
 * second revocation of the same award, however close, finds the first and changes nothing.
 */
@Injectable()
export class AwardRevocationService implements EntryAwards {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly events: EventService,
    private readonly documentRuns: DocumentRunsService,
  ) {}

  /**
   * An organiser's decision, with a reason: only on a FINAL publication (before it, publish the
   * round again) and only an awarded item. Revoking an award already revoked is a no-op: the
   * publication is answered as it is, the first date and reason kept.
   */
  async revoke(
    ctx: RequestCtx,
    publicationId: string,
    entryCode: string,
    reason: string,
  ): Promise<PublicationEntity> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers revoke awards');
    }
    const text = checkedReason(reason);
    if (!isUuid(publicationId)) {
      throw new NotFound(
        PublicationReason.PUBLICATION_NOT_FOUND,
        `no publication ${publicationId}`,
      );
    }
    // Before the transaction (a publication's event never changes), so its reads start after
    // its locks, as publish and finalise do.
    const found = await repo(this.dataSource, ctx, PublicationEntity).findOneBy({
      id: publicationId,
    });
    if (!found) {
      throw new NotFound(
        PublicationReason.PUBLICATION_NOT_FOUND,
        `no publication ${publicationId}`,
      );
    }
    const ownTransaction = !ctx.manager?.queryRunner?.isTransactionActive;
    let redraw: Date | null = null;
    const revoked = await inTransaction(this.dataSource, ctx, async (tx, manager) => {
      // One lock order for every writer here: the event, (its round,) the publication, then the
      // event's audit chain; a disqualification holds the event when it revokes.
      await this.events.lock(tx, found.eventId);
      const publication = await manager.getRepository(PublicationEntity).findOneOrFail({
        where: { id: publicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (publication.status !== PublicationStatus.FINAL) {
        throw new Conflict(
          PublicationReason.PUBLICATION_NOT_FINAL,
          'awards are revoked once the publication is FINAL; before that, publish the round again',
          { status: publication.status },
        );
      }
      const item = await manager
        .getRepository(PublishedItemEntity)
        .findOneBy({ publicationId, entryCode: (entryCode ?? '').trim() });
      if (!item || item.awardKey === null) {
        throw new BadUserInput(
          PublicationReason.NOT_AWARDED,
          `this publication lists no award for entry ${entryCode}`,
          { field: 'entryCode' },
        );
      }
      redraw = await this.revokeItem(
        tx,
        manager,
        publication,
        item,
        RevocationCause.DECISION,
        text,
      );
      return publication;
    });
    // The certificate is drawn again, marked REVOKED, by the documents job (issue 22).
    if (redraw && ownTransaction) await this.documentRuns.enqueue(publicationId, redraw);
    return revoked;
  }

  /**
   * The port entries call when an entry is disqualified, inside that transaction and with the
   * event's row locked: every award of the entry in a NOTICE or FINAL publication is revoked. A
   * NOTICE one too, so finalising a list that still names the entry cannot give it a valid
   * certificate; publishing the round again (after a new tabulation, which leaves the entry out)
   * is how others move up.
   */
  async revokeOnDisqualification(
    ctx: RequestCtx,
    entryId: string,
    reason: string,
  ): Promise<number> {
    const text = checkedReason(reason);
    return inTransaction(this.dataSource, ctx, async (tx, manager) => {
      // A locking read: the caller's snapshot may predate the event lock it waited for, and a
      // list published meanwhile must be seen (publish and finalise take the event lock first,
      // so none is being written now).
      const items = await manager.getRepository(PublishedItemEntity).find({
        where: { entryId, awardKey: Not(IsNull()) },
        lock: { mode: 'pessimistic_read' },
      });
      if (items.length === 0) return 0;
      // Locked in id order (as any other caller locking several would), then read as locked:
      // a finalise that committed meanwhile is seen.
      const publications = await manager.getRepository(PublicationEntity).find({
        where: {
          id: In([...new Set(items.map((i) => i.publicationId))]),
          status: In(REVOCABLE_ON_DISQUALIFICATION),
        },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      let revoked = 0;
      for (const publication of publications) {
        for (const item of items.filter((i) => i.publicationId === publication.id)) {
          const made = await this.revokeItem(
            tx,
            manager,
            publication,
            item,
            RevocationCause.DISQUALIFIED,
            text,
          );
          // Inside the disqualification's transaction: its documents job is queued by the sweep.
          if (made) revoked += 1;
        }
      }
      return revoked;
    });
  }

  /** The revocations of these publications' items, by publication then entry code (one statement). */
  async ofPublications(
    ctx: RequestCtx,
    publicationIds: readonly string[],
  ): Promise<Map<string, Map<string, AwardRevocationEntity>>> {
    const byPublication = new Map<string, Map<string, AwardRevocationEntity>>(
      publicationIds.map((id) => [id, new Map()]),
    );
    if (publicationIds.length === 0) return byPublication;
    const rows = await repo(this.dataSource, ctx, AwardRevocationEntity).find({
      where: { publicationId: In([...new Set(publicationIds)]) },
    });
    for (const row of rows) byPublication.get(row.publicationId)?.set(row.entryCode, row);
    return byPublication;
  }

  /** The revocation of one item, or null. */
  of(
    ctx: RequestCtx,
    publicationId: string,
    entryCode: string,
  ): Promise<AwardRevocationEntity | null> {
    return repo(this.dataSource, ctx, AwardRevocationEntity).findOneBy({
      publicationId,
      entryCode,
    });
  }

  /**
   * Writes the revocation and its audit record, unless the item has one: read with a locking
   * read (the caller's snapshot may be older than the lock it holds on the publication), and
   * the key as the last word should two writers ever get past it. A FINAL publication's
   * documents are asked for again (its stored certificate no longer holds the award's content,
   * so it is never served again; the job draws the REVOKED one). Answers when the revocation
   * was made (the documents' request), or null when the item had one.
   */
  private async revokeItem(
    tx: RequestCtx,
    manager: EntityManager,
    publication: PublicationEntity,
    item: PublishedItemEntity,
    cause: RevocationCause,
    reason: string,
  ): Promise<Date | null> {
    const revocations = manager.getRepository(AwardRevocationEntity);
    const existing = await revocations.findOne({
      where: { publicationId: publication.id, entryCode: item.entryCode },
      lock: { mode: 'pessimistic_write' },
    });
    if (existing) return null;
    const revokedAt = new Date();
    try {
      await revocations.insert({
        publicationId: publication.id,
        entryCode: item.entryCode,
        cause,
        reason,
        revokedAt,
        revokedBy: tx.viewer?.userId ?? null,
      });
    } catch (error) {
      if (isDuplicateKey(error)) return null;
      throw error;
    }
    await this.audit.append(
      tx,
      {
        eventId: publication.eventId,
        action: 'award.revoked',
        subjectType: 'Publication',
        subjectId: publication.id,
        detail: {
          roundId: publication.roundId,
          version: publication.version,
          status: publication.status,
          hash: publication.hash,
          entryCode: item.entryCode,
          award: item.awardKey,
          rank: item.rank,
          cause,
          reason,
        },
      },
      revokedAt,
    );
    if (publication.status === PublicationStatus.FINAL) {
      await this.documentRuns.request(manager, publication.id, revokedAt);
    }
    return revokedAt;
  }
}

function checkedReason(value: string | null | undefined): string {
  const text = (value ?? '').trim();
  if (text === '') {
    throw new BadUserInput(PublicationReason.REASON_REQUIRED, 'a revocation needs a reason', {
      field: 'reason',
    });
  }
  if ([...text].length > REVOCATION_REASON_MAX) {
    throw new BadUserInput(
      PublicationReason.TEXT_TOO_LONG,
      `reason is at most ${REVOCATION_REASON_MAX} characters`,
      { field: 'reason' },
    );
  }
  return text;
}
