import { Inject } from '@nestjs/common';
import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { NotFound, RequestCtx } from '@app/core';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { AUDIT_EVENT_LOOKUP, AuditEventLookup } from '../audit-event-lookup';
import { AuditReason } from '../audit.errors';
import { AuditService } from '../audit.service';
import { AuditRecordModel, AuditVerificationModel } from './audit.models';
import { toAuditRecordModel, toAuditVerificationModel } from './audit.mappers';

@Resolver(() => AuditRecordModel)
export class AuditResolver {
  constructor(
    private readonly audit: AuditService,
    @Inject(AUDIT_EVENT_LOOKUP) private readonly events: AuditEventLookup,
  ) {}

  @Roles(...ORGANISING_ROLES)
  @Query(() => [AuditRecordModel], { description: 'ADMIN and ORGANISER; oldest first' })
  async auditLog(
    @Ctx() ctx: RequestCtx,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
  ): Promise<AuditRecordModel[]> {
    await this.assertEventExists(ctx, eventId);
    const records = await this.audit.list(ctx, eventId, first ?? undefined, after ?? null);
    return records.map(toAuditRecordModel);
  }

  @Roles(...ORGANISING_ROLES)
  @Query(() => AuditVerificationModel, { description: 'ADMIN and ORGANISER' })
  async verifyAuditChain(
    @Ctx() ctx: RequestCtx,
    @Args('eventId', { type: () => ID }) eventId: string,
  ): Promise<AuditVerificationModel> {
    await this.assertEventExists(ctx, eventId);
    return toAuditVerificationModel(await this.audit.verify(ctx, eventId));
  }

  private async assertEventExists(ctx: RequestCtx, eventId: string): Promise<void> {
    if (!(await this.events.eventExists(ctx, eventId))) {
      throw new NotFound(AuditReason.EVENT_NOT_FOUND, `no event ${eventId}`);
    }
  }
}
