import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
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
import { inTransaction, repo } from '@app/db';
import { EntryFactsService } from '@app/entries';
import { isOrganiser } from '@app/identity';
import { TabulationReadService } from '@app/results';
import { CONTACT_MAX, objectionReason, optionalText, requiredText } from './objection-text';
import { senderKey, takeObjectionTurn } from './objection-throttle';
import { ObjectionStatus, PublicationStatus } from './publication-enums';
import { ObjectionEntity, PublicationEntity } from './publication.entity';
import { PublicationReason } from './publication.errors';

export {
  CONTACT_MAX,
  OBJECTION_REASON_MIN_COLUMNS,
  OBJECTION_TEXT_MAX,
  textColumns,
} from './objection-text';
export { OBJECTIONS_PER_WINDOW, OBJECTION_WINDOW_SECONDS } from './objection-throttle';

export interface ObjectionInput {
  publicationId: string;
  entryCode: string;
  reason: string;
  contact?: string | null;
}

/** What the filer of an objection may read of it with the id it was given: nothing about who. */
export type ObjectionStatusView = Pick<
  ObjectionEntity,
  'id' | 'publicationId' | 'entryCode' | 'status' | 'response' | 'createdAt' | 'resolvedAt'
>;

/**
 * Objections during the notice period (judging-rules.md §8): anyone may file one, signed in or
 * not, counted per client address in MySQL (so the limit holds across API replicas, and under
 * the address's lock, so it holds for requests sent together); organisers resolve them with a
 * response. Both are audited with the change they describe. The filer looks its objection up
 * by id (`status`).
 */
@Injectable()
export class ObjectionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly entries: EntryFactsService,
    private readonly tabulations: TabulationReadService,
  ) {}

  async file(ctx: RequestCtx, input: ObjectionInput): Promise<ObjectionEntity> {
    // What the request says is checked first: it needs no database and takes no turn.
    const reason = objectionReason(input.reason);
    const contact = optionalText(input.contact, CONTACT_MAX, 'contact');
    const entryCode = (input.entryCode ?? '').trim();
    if (!isUuid(input.publicationId)) {
      throw new NotFound(PublicationReason.PUBLICATION_NOT_FOUND, 'no such publication');
    }
    const now = new Date();
    return inTransaction(this.dataSource, ctx, async (tx, manager) => {
      // The address's turn first (its lock is held to the commit), then the publication's lock:
      // always in this order, so two filings never wait for each other the other way round.
      await takeObjectionTurn(manager, ctx.ip, now);
      // Locked, so a finalise cannot slip between this check and the insert.
      const publication = await manager.getRepository(PublicationEntity).findOne({
        where: { id: input.publicationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!publication) {
        throw new NotFound(PublicationReason.PUBLICATION_NOT_FOUND, 'no such publication');
      }
      if (
        publication.status !== PublicationStatus.NOTICE ||
        now.getTime() >= publication.noticeEndsAt.getTime()
      ) {
        throw new Conflict(
          PublicationReason.NOTICE_CLOSED,
          'objections are taken only while the publication is in its notice period',
          { status: publication.status, noticeEndsAt: publication.noticeEndsAt.toISOString() },
        );
      }
      // Any entry the round judged may be objected to, awarded or not.
      const entryId = await this.entries.idByCode(tx, publication.eventId, entryCode);
      const judged =
        entryId !== null &&
        (await this.tabulations.hasResult(tx, publication.tabulationId, entryId));
      if (!judged) {
        throw new BadUserInput(
          PublicationReason.ENTRY_NOT_IN_ROUND,
          `no entry ${entryCode} was judged in this round`,
          { field: 'entryCode' },
        );
      }
      const objection = manager.getRepository(ObjectionEntity).create({
        id: randomUUID(),
        publicationId: publication.id,
        roundId: publication.roundId,
        entryCode,
        reason,
        contact,
        status: ObjectionStatus.OPEN,
        response: null,
        filedBy: ctx.viewer?.userId ?? null,
        clientIp: senderKey(ctx.ip),
        resolvedBy: null,
        resolvedAt: null,
        createdAt: now,
      });
      await manager.getRepository(ObjectionEntity).insert(objection);
      await this.audit.append(tx, {
        eventId: publication.eventId,
        action: 'objection.filed',
        subjectType: 'Objection',
        subjectId: objection.id,
        // The contact is personal data: kept on the row, not copied into the permanent chain.
        detail: { publicationId: publication.id, version: publication.version, entryCode, reason },
      });
      return manager.getRepository(ObjectionEntity).findOneByOrFail({ id: objection.id });
    });
  }

  async resolve(
    ctx: RequestCtx,
    id: string,
    upheld: boolean,
    response: string,
  ): Promise<ObjectionEntity> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers resolve objections');
    }
    const text = requiredText(response, PublicationReason.RESPONSE_REQUIRED, 'response');
    if (!isUuid(id))
      throw new NotFound(PublicationReason.OBJECTION_NOT_FOUND, `no objection ${id}`);
    return inTransaction(this.dataSource, ctx, async (tx, manager) => {
      const objection = await manager.getRepository(ObjectionEntity).findOne({
        where: { id },
        lock: { mode: 'pessimistic_write' },
      });
      if (!objection) {
        throw new NotFound(PublicationReason.OBJECTION_NOT_FOUND, `no objection ${id}`);
      }
      if (objection.status !== ObjectionStatus.OPEN) {
        throw new Conflict(
          PublicationReason.OBJECTION_RESOLVED,
          `this objection was already ${objection.status}`,
          { status: objection.status },
        );
      }
      const status = upheld ? ObjectionStatus.UPHELD : ObjectionStatus.DISMISSED;
      await manager
        .getRepository(ObjectionEntity)
        .update(
          { id },
          { status, response: text, resolvedBy: ctx.viewer!.userId, resolvedAt: new Date() },
        );
      const publication = await manager
        .getRepository(PublicationEntity)
        .findOneByOrFail({ id: objection.publicationId });
      await this.audit.append(tx, {
        eventId: publication.eventId,
        action: 'objection.resolved',
        subjectType: 'Objection',
        subjectId: id,
        detail: {
          publicationId: publication.id,
          entryCode: objection.entryCode,
          from: ObjectionStatus.OPEN,
          to: status,
          response: text,
        },
      });
      return manager.getRepository(ObjectionEntity).findOneByOrFail({ id });
    });
  }

  /**
   * An objection as its filer may follow it, by the id `fileObjection` answered: its state, and
   * the organisers' response once resolved. Never the reason, the contact, who filed it or from
   * where. Null when there is no such objection (an id is 122 random bits: not guessable).
   */
  async status(ctx: RequestCtx, id: string): Promise<ObjectionStatusView | null> {
    if (!isUuid(id)) return null;
    return repo(this.dataSource, ctx, ObjectionEntity).findOne({
      select: {
        id: true,
        publicationId: true,
        entryCode: true,
        status: true,
        response: true,
        createdAt: true,
        resolvedAt: true,
      },
      where: { id },
    });
  }

  /** The objections to publications, oldest first: one statement for any number of them. */
  async ofPublications(
    ctx: RequestCtx,
    publicationIds: readonly string[],
  ): Promise<Map<string, ObjectionEntity[]>> {
    const byPublication = new Map<string, ObjectionEntity[]>(publicationIds.map((id) => [id, []]));
    if (publicationIds.length === 0) return byPublication;
    const rows = await repo(this.dataSource, ctx, ObjectionEntity).find({
      where: { publicationId: In([...new Set(publicationIds)]) },
      order: { publicationId: 'ASC', createdAt: 'ASC', id: 'ASC' },
    });
    for (const row of rows) byPublication.get(row.publicationId)?.push(row);
    return byPublication;
  }
}
