import {
  Args,
  Field,
  GraphQLISODateTime,
  ID,
  Mutation,
  ObjectType,
  Query,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { RequestCtx } from '@app/core';
import { Ctx } from '../auth/ctx.decorator';
import { Roles } from '../auth/roles.decorator';
import { EntrantModel, UserModel } from '../graphql/identity.models';
import { toEntrantModel, toUserModel } from '../graphql/identity.mappers';
import type { IdentityGqlContext } from '../graphql/identity.resolvers';
import { ORGANISING_ROLES } from '../role';
import { CreditCodeReleaseEntity } from './credit-code-release.entity';
import { CreditCodeReleaseService } from './credit-code-release.service';

@ObjectType('CreditCodeRelease', {
  description: 'A credit code an organiser took back from the entrant that held it',
})
export class CreditCodeReleaseModel {
  @Field(() => ID) id!: string;
  @Field(() => String) creditCode!: string;
  @Field(() => String) reason!: string;
  @Field(() => GraphQLISODateTime) releasedAt!: Date;
  /** not GraphQL fields: resolved through the loaders */
  entrantId!: string;
  releasedById!: string;
}

function toReleaseModel(release: CreditCodeReleaseEntity): CreditCodeReleaseModel {
  return {
    id: release.id,
    creditCode: release.creditCode,
    reason: release.reason,
    releasedAt: release.releasedAt,
    entrantId: release.entrantId,
    releasedById: release.releasedBy,
  };
}

@Resolver(() => CreditCodeReleaseModel)
export class CreditCodeReleaseResolver {
  constructor(private readonly releases: CreditCodeReleaseService) {}

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => CreditCodeReleaseModel, {
    description:
      'ADMIN and ORGANISER: takes a credit code back from the entrant holding it (none of its entries submitted or accepted), so the enterprise it belongs to can register; recorded',
  })
  async releaseCreditCode(
    @Ctx() ctx: RequestCtx,
    @Args('creditCode', { type: () => String }) creditCode: string,
    @Args('reason', { type: () => String }) reason: string,
  ): Promise<CreditCodeReleaseModel> {
    return toReleaseModel(await this.releases.release(ctx, creditCode, reason));
  }

  @Roles(...ORGANISING_ROLES)
  @Query(() => [CreditCodeReleaseModel], {
    description: 'ADMIN and ORGANISER: the credit codes released, newest first (at most 200)',
  })
  async creditCodeReleases(@Ctx() ctx: RequestCtx): Promise<CreditCodeReleaseModel[]> {
    return (await this.releases.list(ctx)).map(toReleaseModel);
  }

  @ResolveField('entrant', () => EntrantModel, {
    description: 'the entrant that held the code (it no longer does)',
  })
  async entrant(
    release: CreditCodeReleaseModel,
    _args: unknown,
    gql: IdentityGqlContext,
  ): Promise<EntrantModel> {
    const entrant = await gql.loaders.identity.entrant.load(release.entrantId);
    if (!entrant)
      throw new Error(`entrant ${release.entrantId} of release ${release.id} is missing`);
    return toEntrantModel(entrant);
  }

  @ResolveField('releasedBy', () => UserModel, { description: 'the organiser who released it' })
  async releasedBy(
    release: CreditCodeReleaseModel,
    _args: unknown,
    gql: IdentityGqlContext,
  ): Promise<UserModel> {
    const user = await gql.loaders.identity.user.load(release.releasedById);
    if (!user) throw new Error(`user ${release.releasedById} of release ${release.id} is missing`);
    return toUserModel(user);
  }
}
