export * from './role';
export * from './identity.errors';
export * from './identity.module';
export * from './identity-graphql.module';
export type { EntrantEntity, RegionEntity, UserEntity } from './entities';
export * from './auth/auth.guard';
export * from './auth/auth.service';
export * from './auth/ctx.decorator';
export * from './auth/login-throttle.service';
export { PasswordHasher } from './auth/password-hasher';
export { CREATES_ACCOUNT, CreatesAccount } from './auth/creates-account.decorator';
export * from './identity-housekeeping.service';
export * from './registration/registration-throttle.service';
export { ENTRANT_ENTRIES } from './release/entrant-entries.port';
export type { EntrantEntries } from './release/entrant-entries.port';
export * from './release/credit-code-release.module';
export {
  CreditCodeReleaseModel,
  CreditCodeReleaseResolver,
} from './release/credit-code-release.resolver';
export * from './auth/request-auth';
export * from './auth/request-gql-context';
export * from './auth/roles.decorator';
export * from './graphql/identity.loaders';
export * from './user/user.service';
export * from './region/region.service';
export * from './entrant/entrant.service';
export { UserResolver, EntrantResolver, RegionResolver } from './graphql/identity.resolvers';
export { UserAdminResolver } from './admin/user-admin.resolver';
export { UserAdminService } from './admin/user-admin.service';
export type { PasswordReset } from './admin/user-admin.service';
export { UserAdminAction } from './admin/user-admin-action';
export * from './graphql/identity.models';
export * from './graphql/identity.mappers';
export type { IdentityGqlContext } from './graphql/identity.resolvers';
