import { Inject } from '@nestjs/common';
import { Args, ID, Int, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { NotFound, RequestCtx } from '@app/core';
import {
  Ctx,
  IdentityGqlContext,
  ORGANISING_ROLES,
  Roles,
  toUserModel,
  UserModel,
} from '@app/identity';
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
  @Query(() => [AuditRecordModel], {
    description: 'ADMIN and ORGANISER; oldest first unless newestFirst',
  })
  async auditLog(
    @Ctx() ctx: RequestCtx,
    @Args('eventId', { type: () => ID }) eventId: string,
    @Args('first', { type: () => Int, nullable: true }) first: number | null,
    @Args('after', { type: () => String, nullable: true }) after: string | null,
    @Args('newestFirst', { type: () => Boolean, defaultValue: false }) newestFirst = false,
    @Args('action', {
      type: () => String,
      nullable: true,
      description: 'only the records of this action (exactly, e.g. entry.accepted)',
    })
    action: string | null = null,
    @Args('subjectType', { type: () => String, nullable: true, description: 'e.g. Entry' })
    subjectType: string | null = null,
    @Args('subjectId', { type: () => String, nullable: true }) subjectId: string | null = null,
  ): Promise<AuditRecordModel[]> {
    await this.assertEventExists(ctx, eventId);
    const records = await this.audit.list(ctx, eventId, first ?? undefined, after ?? null, {
      newestFirst,
      action,
      subjectType,
      subjectId,
    });
    return records.map(toAuditRecordModel);
  }

  /** Graphql-js's own signature, no decorators (see EntryResolver): one user loader per page. */
  @ResolveField('actor', () => UserModel, {
    nullable: true,
    description: 'who made the change; null for the system (jobs, bootstrap)',
  })
  async actor(
    record: AuditRecordModel,
    _args: unknown,
    gql: IdentityGqlContext,
  ): Promise<UserModel | null> {
    if (!record.actorId) return null;
    const user = await gql.loaders.identity.user.load(record.actorId);
    return user ? toUserModel(user) : null;
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
