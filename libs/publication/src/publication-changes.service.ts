import { Injectable } from '@nestjs/common';
import { AuditService, type AuditRecordEntity } from '@app/audit';
import { BadUserInput, Forbidden, RequestCtx, CommonReason } from '@app/core';
import { isOrganiser } from '@app/identity';
import { PublicationEntity, PublishedItemEntity } from './publication.entity';
import { PublicationReason } from './publication.errors';
import { PublicationService } from './publication.service';

export const CHANGES_AUDIT_MAX = 1000;

export interface ItemChange {
  entryCode: string;
  title: string;
  before: PublishedItemEntity | null;
  after: PublishedItemEntity | null;
}

export interface PublicationChanges {
  from: PublicationEntity;
  to: PublicationEntity;
  changes: ItemChange[];
  auditRecords: AuditRecordEntity[];
}

/**
 * What changed between two versions of a round's publication: the entries whose award differs
 * (won, lost or changed tier), and the audit records written between the two (reopened round,
 * changed sheets, the new tabulation, objections…), for an organiser explaining a new version.
 */
@Injectable()
export class PublicationChangesService {
  constructor(
    private readonly publications: PublicationService,
    private readonly audit: AuditService,
  ) {}

  async between(ctx: RequestCtx, aId: string, bId: string): Promise<PublicationChanges> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers compare publications');
    }
    const [a, b] = await Promise.all([
      this.publications.mustGet(ctx, aId),
      this.publications.mustGet(ctx, bId),
    ]);
    if (a.roundId !== b.roundId) {
      throw new BadUserInput(
        PublicationReason.DIFFERENT_ROUNDS,
        'compare two versions of the same round',
      );
    }
    const [from, to] = a.version <= b.version ? [a, b] : [b, a];
    const items = await this.publications.itemsOf(ctx, [from.id, to.id]);
    const before = new Map((items.get(from.id) ?? []).map((i) => [i.entryCode, i]));
    const after = items.get(to.id) ?? [];
    const changes: ItemChange[] = [];
    for (const item of after) {
      const old = before.get(item.entryCode) ?? null;
      if (!old || old.awardKey !== item.awardKey) {
        changes.push({ entryCode: item.entryCode, title: item.title, before: old, after: item });
      }
      before.delete(item.entryCode);
    }
    for (const dropped of before.values()) {
      changes.push({
        entryCode: dropped.entryCode,
        title: dropped.title,
        before: dropped,
        after: null,
      });
    }
    const auditRecords = await this.audit.between(
      ctx,
      from.eventId,
      from.publishedAt,
      to.publishedAt,
      CHANGES_AUDIT_MAX,
    );
    return { from, to, changes, auditRecords };
  }
}
