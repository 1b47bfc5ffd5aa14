import { Args, GraphQLISODateTime, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { toAuditRecordModel } from '@app/audit';
import { RequestCtx } from '@app/core';
import { Ctx, ORGANISING_ROLES, Public, Roles } from '@app/identity';
import { normaliseCertificateCode } from '../certificate-code';
import { ObjectionService } from '../objection.service';
import { PublicationChangesService } from '../publication-changes.service';
import { CertificateStatus } from '../publication-enums';
import { PublicationService } from '../publication.service';
import { AwardRevocationService } from '../revocation/award-revocation.service';
import {
  awardOf,
  itemModel,
  PublicationViews,
  toObjectionModel,
  toRevocationModel,
} from './publication-views';
import {
  CertificateModel,
  ObjectionInputModel,
  ObjectionModel,
  PublicationChangesModel,
  PublicationModel,
} from './publication.models';

@Resolver(() => PublicationModel)
export class PublicationResolver {
  constructor(
    private readonly publications: PublicationService,
    private readonly objections: ObjectionService,
    private readonly changes: PublicationChangesService,
    private readonly views: PublicationViews,
    private readonly revocations: AwardRevocationService,
  ) {}

  @Public()
  @Query(() => [PublicationModel], {
    description: 'public: no sign-in needed; NOTICE and FINAL publications, newest version first',
  })
  async publishedResults(
    @Ctx() ctx: RequestCtx,
    @Args('eventSlug', { type: () => String }) eventSlug: string,
  ): Promise<PublicationModel[]> {
    return this.views.models(ctx, await this.publications.listedOfEvent(ctx, eventSlug));
  }

  @Public()
  @Query(() => PublicationModel, { nullable: true })
  async publication(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PublicationModel | null> {
    const row = await this.publications.byId(ctx, id);
    return row ? this.views.model(ctx, row) : null;
  }

  @Public()
  @Query(() => CertificateModel, {
    nullable: true,
    description: 'public: null when no certificate has this code',
  })
  async verifyCertificate(
    @Ctx() ctx: RequestCtx,
    @Args('code', { type: () => String }) code: string,
  ): Promise<CertificateModel | null> {
    const normal = normaliseCertificateCode(code);
    const found = normal ? await this.publications.certificate(ctx, normal) : null;
    if (!found) return null;
    const { item, publication } = found;
    const [tiers, revocation] = await Promise.all([
      this.views.tierIndex(ctx, [publication.roundId]),
      this.revocations.of(ctx, publication.id, item.entryCode),
    ]);
    return {
      code: item.certificateCode!,
      entryCode: item.entryCode,
      title: item.title,
      entrantName: item.entrantName,
      award: awardOf(item, tiers.get(publication.roundId))!,
      publicationId: publication.id,
      publicationVersion: publication.version,
      publicationStatus: publication.status,
      publicationHash: publication.hash,
      status: revocation ? CertificateStatus.REVOKED : CertificateStatus.VALID,
      revocation: toRevocationModel(revocation),
    };
  }

  @Roles(...ORGANISING_ROLES)
  @Query(() => PublicationChangesModel, {
    description:
      'organisers: what changed between two versions of a round’s publication, and the audit records between them',
  })
  async publicationChanges(
    @Ctx() ctx: RequestCtx,
    @Args('fromId', { type: () => ID }) fromId: string,
    @Args('toId', { type: () => ID }) toId: string,
  ): Promise<PublicationChangesModel> {
    const result = await this.changes.between(ctx, fromId, toId);
    const [from, to] = await this.views.models(ctx, [result.from, result.to]);
    const tiers = (await this.views.tierIndex(ctx, [result.from.roundId])).get(result.from.roundId);
    return {
      from,
      to,
      changes: result.changes.map((c) => ({
        entryCode: c.entryCode,
        title: c.title,
        listedBefore: c.before !== null,
        listedAfter: c.after !== null,
        awardBefore: c.before ? itemModel(c.before, tiers).award : null,
        awardAfter: c.after ? itemModel(c.after, tiers).award : null,
        rankBefore: c.before?.rank ?? null,
        rankAfter: c.after?.rank ?? null,
      })),
      auditRecords: result.auditRecords.map(toAuditRecordModel),
    };
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => PublicationModel)
  async publishResults(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('noticeEndsAt', { type: () => GraphQLISODateTime }) noticeEndsAt: Date,
    @Args('showScores', {
      type: () => Boolean,
      defaultValue: false,
      description: 'publish the aggregate scores too (not part of the hash)',
    })
    showScores: boolean,
  ): Promise<PublicationModel> {
    return this.views.model(
      ctx,
      await this.publications.publish(ctx, roundId, noticeEndsAt, showScores),
    );
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => PublicationModel)
  async finalisePublication(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PublicationModel> {
    return this.views.model(ctx, await this.publications.finalise(ctx, id));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => PublicationModel, {
    description:
      'organisers: revoke one award of a FINAL publication, with a reason (judging-rules.md §8). The item is marked, its certificate verifies as REVOKED, nobody moves up; revoking it again changes nothing',
  })
  async revokeAward(
    @Ctx() ctx: RequestCtx,
    @Args('publicationId', { type: () => ID }) publicationId: string,
    @Args('entryCode', { type: () => String }) entryCode: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<PublicationModel> {
    return this.views.model(
      ctx,
      await this.revocations.revoke(ctx, publicationId, entryCode, reason),
    );
  }

  @Public()
  @Mutation(() => ObjectionModel)
  async fileObjection(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => ObjectionInputModel }) input: ObjectionInputModel,
  ): Promise<ObjectionModel> {
    return toObjectionModel(await this.objections.file(ctx, input));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => ObjectionModel)
  async resolveObjection(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
    @Args('upheld', { type: () => Boolean }) upheld: boolean,
    @Args('response', { type: () => String }) response: string,
  ): Promise<ObjectionModel> {
    return toObjectionModel(await this.objections.resolve(ctx, id, upheld, response));
  }
}
