import {
  Args,
  Field,
  GraphQLISODateTime,
  ID,
  Mutation,
  ObjectType,
  Query,
  registerEnumType,
  ResolveField,
  Resolver,
} from '@nestjs/graphql';
import type { RequestCtx } from '@app/core';
import { Ctx } from '../auth/ctx.decorator';
import { Roles } from '../auth/roles.decorator';
import { toUserModel } from '../graphql/identity.mappers';
import { UserModel } from '../graphql/identity.models';
import type { IdentityGqlContext } from '../graphql/identity.resolvers';
import { ORGANISING_ROLES } from '../role';
import { UserAdminLog } from './user-admin-log.service';
import { UserAdminAction } from './user-admin-action';
import { UserAdminRecordEntity } from './user-admin-record.entity';
import { UserAdminService } from './user-admin.service';

registerEnumType(UserAdminAction, {
  name: 'UserAdminAction',
  description: 'What an organiser or admin did to a user account',
});

@ObjectType('UserAdminRecord', {
  description: 'One act of user administration: who did what to which user, and when',
})
export class UserAdminRecordModel {
  @Field(() => ID) id!: string;
  @Field(() => UserAdminAction) action!: UserAdminAction;
  @Field(() => GraphQLISODateTime) at!: Date;
  /** not GraphQL fields: resolved through the loaders */
  userId!: string;
  actorId!: string;
}

@ObjectType('PasswordReset', {
  description: 'A password reset: the temporary password, answered this once and never again',
})
export class PasswordResetModel {
  @Field(() => UserModel) user!: UserModel;
  @Field(() => String, {
    description: 'give it to the user; it must be changed at the next sign-in',
  })
  temporaryPassword!: string;
}

function toRecordModel(record: UserAdminRecordEntity): UserAdminRecordModel {
  return {
    id: record.id,
    action: record.action,
    at: record.at,
    userId: record.userId,
    actorId: record.actorId,
  };
}

const WHO =
  'ADMIN and ORGANISER, for the roles each may create (an organiser: JUDGE and COORDINATOR), never for its own account';

@Resolver(() => UserAdminRecordModel)
export class UserAdminResolver {
  constructor(
    private readonly admin: UserAdminService,
    private readonly log: UserAdminLog,
  ) {}

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => UserModel, {
    description: `${WHO}: the user can no longer sign in and its tokens are refused at once; its sheets and records stay. The last active ADMIN cannot be deactivated. Recorded`,
  })
  async deactivateUser(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<UserModel> {
    return toUserModel(await this.admin.deactivate(ctx, id));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => UserModel, {
    description: `${WHO}: the user may sign in again (its earlier tokens stay refused). Recorded`,
  })
  async reactivateUser(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<UserModel> {
    return toUserModel(await this.admin.reactivate(ctx, id));
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => PasswordResetModel, {
    description: `${WHO}: a temporary password, answered once; every sign-in of the user ends and it must change the password at its next one. Recorded`,
  })
  async resetUserPassword(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<PasswordResetModel> {
    const reset = await this.admin.resetPassword(ctx, id);
    return { user: toUserModel(reset.user), temporaryPassword: reset.temporaryPassword };
  }

  @Roles(...ORGANISING_ROLES)
  @Query(() => [UserAdminRecordModel], {
    description:
      'ADMIN and ORGANISER: who created, deactivated, reactivated users or reset their passwords, newest first (at most 200), of one user or of all',
  })
  async userAdminRecords(
    @Ctx() ctx: RequestCtx,
    @Args('userId', { type: () => ID, nullable: true }) userId: string | null,
  ): Promise<UserAdminRecordModel[]> {
    return (await this.log.list(ctx, userId ?? null)).map(toRecordModel);
  }

  @ResolveField('user', () => UserModel, { description: 'the user it was done to' })
  async user(
    record: UserAdminRecordModel,
    _args: unknown,
    gql: IdentityGqlContext,
  ): Promise<UserModel> {
    return toUserModel(await loaded(gql, record.userId, record.id));
  }

  @ResolveField('actor', () => UserModel, { description: 'the organiser or admin who did it' })
  async actor(
    record: UserAdminRecordModel,
    _args: unknown,
    gql: IdentityGqlContext,
  ): Promise<UserModel> {
    return toUserModel(await loaded(gql, record.actorId, record.id));
  }
}

async function loaded(gql: IdentityGqlContext, userId: string, recordId: string) {
  const user = await gql.loaders.identity.user.load(userId);
  // The foreign key guarantees the row; a missing one is a broken database, not user input.
  if (!user) throw new Error(`user ${userId} of user admin record ${recordId} is missing`);
  return user;
}
