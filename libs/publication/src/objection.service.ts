import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In, MoreThan } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  BadUserInput,
  Conflict,
  Forbidden,
  NotFound,
  RateLimited,
  Reason,
  RequestCtx,
  isUuid,
  CommonReason,
} from '@app/core';
import { inTransaction, repo } from '@app/db';
import { EntryFactsService } from '@app/entries';
import { isOrganiser } from '@app/identity';
import { TabulationReadService } from '@app/results';
import { ObjectionStatus, PublicationStatus } from './publication-enums';
import { ObjectionEntity, PublicationEntity } from './publication.entity';
import { PublicationReason } from './publication.errors';

export const OBJECTION_TEXT_MAX = 2000;
export const CONTACT_MAX = 200;
/** Per client address: enough for a family of entrants, too few to flood the organisers. */
export const OBJECTIONS_PER_WINDOW = 10;
export const OBJECTION_WINDOW_SECONDS = 3600;

export interface ObjectionInput {
  publicationId: string;
  entryCode: string;
  reason: string;
  contact?: string | null;
}

/**
 * Objections during the notice period (judging-rules.md §8): anyone may file one, signed in or
 * not, counted per client address in MySQL (so the limit holds across API replicas); organisers
 * resolve them with a response. Both are audited with the change they describe.
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
    await this.checkRate(ctx);
    const reason = requiredText(input.reason, PublicationReason.REASON_REQUIRED, 'reason');
    const contact = optionalText(input.contact, CONTACT_MAX, 'contact');
    const entryCode = (input.entryCode ?? '').trim();
    if (!isUuid(input.publicationId)) {
      throw new NotFound(PublicationReason.PUBLICATION_NOT_FOUND, 'no such publication');
    }
    return inTransaction(this.dataSource, ctx, async (tx, manager) => {
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
        Date.now() >= publication.noticeEndsAt.getTime()
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
        clientIp: ctx.ip.slice(0, 45),
        resolvedBy: null,
        resolvedAt: null,
        createdAt: new Date(),
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

  /** At most OBJECTIONS_PER_WINDOW from one address in the last hour. */
  private async checkRate(ctx: RequestCtx): Promise<void> {
    const since = new Date(Date.now() - OBJECTION_WINDOW_SECONDS * 1000);
    const recent = await repo(this.dataSource, ctx, ObjectionEntity).find({
      select: { id: true, createdAt: true },
      where: { clientIp: ctx.ip.slice(0, 45), createdAt: MoreThan(since) },
      order: { createdAt: 'ASC' },
      take: OBJECTIONS_PER_WINDOW,
    });
    if (recent.length < OBJECTIONS_PER_WINDOW) return;
    const freesAt = recent[0].createdAt.getTime() + OBJECTION_WINDOW_SECONDS * 1000;
    throw new RateLimited(
      PublicationReason.TOO_MANY_OBJECTIONS,
      `at most ${OBJECTIONS_PER_WINDOW} objections an hour from one address`,
      Math.max(1, Math.ceil((freesAt - Date.now()) / 1000)),
    );
  }
}

function requiredText(value: string | null | undefined, missing: Reason, field: string): string {
  const text = (value ?? '').trim();
  if (text === '') throw new BadUserInput(missing, `${field} is required`, { field });
  if ([...text].length > OBJECTION_TEXT_MAX) {
    throw new BadUserInput(
      PublicationReason.TEXT_TOO_LONG,
      `${field} is at most ${OBJECTION_TEXT_MAX} characters`,
      { field },
    );
  }
  return text;
}

function optionalText(value: string | null | undefined, max: number, field: string): string | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  if ([...text].length > max) {
    throw new BadUserInput(
      PublicationReason.TEXT_TOO_LONG,
      `${field} is at most ${max} characters`,
      {
        field,
      },
    );
  }
  return text;
}
