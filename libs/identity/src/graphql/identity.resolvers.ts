import { Args, Context, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import type { RequestCtx } from '@app/core';
import { CreatesAccount } from '../auth/creates-account.decorator';
import { Ctx } from '../auth/ctx.decorator';
import { AuthService, SignedIn } from '../auth/auth.service';
import { AuthedRequest, bearerToken } from '../auth/request-auth';
import { AllowedBeforePasswordChange, Public, Roles } from '../auth/roles.decorator';
import { RegionService } from '../region/region.service';
import { ORGANISING_ROLES, Role } from '../role';
import { UserService } from '../user/user.service';
import { AuthPayloadModel, EntrantModel, RegionModel, UserModel } from './identity.models';
import { CreateUserInput, RegionInput, RegisterEntrantInput } from './identity.inputs';
import { IdentityLoaderSet } from './identity.loaders';
import { toEntrantModel, toRegionModel, toUserModel } from './identity.mappers';

export interface IdentityGqlContext {
  loaders: { identity: IdentityLoaderSet };
}

@Resolver(() => UserModel)
export class UserResolver {
  constructor(
    private readonly auth: AuthService,
    private readonly userService: UserService,
  ) {}

  @Public()
  @AllowedBeforePasswordChange()
  @Query(() => UserModel, { nullable: true })
  async me(@Ctx() ctx: RequestCtx): Promise<UserModel | null> {
    if (!ctx.viewer) return null;
    const user = await this.userService.byId(ctx, ctx.viewer.userId);
    return user ? toUserModel(user) : null;
  }

  @Roles(...ORGANISING_ROLES)
  @Query(() => [UserModel], {
    description:
      'ADMIN and ORGANISER: the users of `role` and of `roles` (every user when neither is given), by name',
  })
  async users(
    @Ctx() ctx: RequestCtx,
    @Args('role', { type: () => Role, nullable: true }) role: Role | null,
    @Args('roles', { type: () => [Role], nullable: true }) roles: Role[] | null,
  ): Promise<UserModel[]> {
    const wanted = [...(role ? [role] : []), ...(roles ?? [])];
    return (await this.userService.list(ctx, wanted)).map(toUserModel);
  }

  @Public()
  @Mutation(() => AuthPayloadModel)
  async login(
    @Ctx() ctx: RequestCtx,
    @Args('email', { type: () => String }) email: string,
    @Args('password', { type: () => String }) password: string,
  ): Promise<AuthPayloadModel> {
    return toAuthPayload(await this.auth.login(ctx, email, password));
  }

  @AllowedBeforePasswordChange()
  @Mutation(() => Boolean)
  async changePassword(
    @Ctx() ctx: RequestCtx,
    @Args('oldPassword', { type: () => String }) oldPassword: string,
    @Args('newPassword', { type: () => String }) newPassword: string,
  ): Promise<boolean> {
    await this.auth.changePassword(ctx, oldPassword, newPassword);
    return true;
  }

  @AllowedBeforePasswordChange()
  @Mutation(() => Boolean, {
    description:
      'Ends the sign-in of the token sent: it is refused from then on, everywhere, until it would have expired anyway',
  })
  async signOut(@Ctx() ctx: RequestCtx, @Context('req') req: AuthedRequest): Promise<boolean> {
    // The guard let the request in, so it carries a valid token.
    await this.auth.signOut(ctx, bearerToken(req)!);
    return true;
  }

  @Public()
  @CreatesAccount()
  @Mutation(() => AuthPayloadModel)
  async registerEntrant(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => RegisterEntrantInput }) input: RegisterEntrantInput,
  ): Promise<AuthPayloadModel> {
    return toAuthPayload(await this.auth.signUp(ctx, input));
  }

  @Roles(...ORGANISING_ROLES)
  @CreatesAccount()
  @Mutation(() => UserModel)
  async createUser(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => CreateUserInput }) input: CreateUserInput,
  ): Promise<UserModel> {
    return toUserModel(await this.userService.create(ctx, input));
  }

  // Field resolvers take graphql-js's own (source, args, context) and no parameter
  // decorators: @nestjs/graphql then binds the method as the resolver itself instead of
  // building an execution context per call, which a page of 100 entries does hundreds of times.
  @ResolveField('entrant', () => EntrantModel, { nullable: true })
  async entrant(
    user: UserModel,
    _args: unknown,
    gql: IdentityGqlContext,
  ): Promise<EntrantModel | null> {
    if (!user.entrantId) return null;
    const entrant = await gql.loaders.identity.entrant.load(user.entrantId);
    return entrant ? toEntrantModel(entrant) : null;
  }

  @ResolveField('region', () => RegionModel, {
    nullable: true,
    description: "a coordinator's region (an entrant user's too), with its name",
  })
  async region(
    user: UserModel,
    _args: unknown,
    gql: IdentityGqlContext,
  ): Promise<RegionModel | null> {
    if (!user.regionCode) return null;
    const region = await gql.loaders.identity.region.load(user.regionCode);
    return region ? toRegionModel(region) : null;
  }
}

@Resolver(() => EntrantModel)
export class EntrantResolver {
  @ResolveField('region', () => RegionModel)
  async region(
    entrant: EntrantModel,
    _args: unknown,
    gql: IdentityGqlContext,
  ): Promise<RegionModel> {
    const region = await gql.loaders.identity.region.load(entrant.regionCode);
    // The foreign key guarantees the row; a missing one is a broken database, not user input.
    if (!region)
      throw new Error(`region ${entrant.regionCode} of entrant ${entrant.id} is missing`);
    return toRegionModel(region);
  }
}

@Resolver(() => RegionModel)
export class RegionResolver {
  constructor(private readonly regionService: RegionService) {}

  @Public()
  @Query(() => [RegionModel])
  async regions(@Ctx() ctx: RequestCtx): Promise<RegionModel[]> {
    return (await this.regionService.list(ctx)).map(toRegionModel);
  }

  @Roles(...ORGANISING_ROLES)
  @Mutation(() => [RegionModel])
  async upsertRegions(
    @Ctx() ctx: RequestCtx,
    @Args('input', { type: () => [RegionInput] }) input: RegionInput[],
  ): Promise<RegionModel[]> {
    return (await this.regionService.upsert(ctx, input)).map(toRegionModel);
  }
}

function toAuthPayload(signedIn: SignedIn): AuthPayloadModel {
  return {
    token: signedIn.token,
    user: toUserModel(signedIn.user),
    mustChangePassword: signedIn.mustChangePassword,
  };
}
