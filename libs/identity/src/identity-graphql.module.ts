import { Module } from '@nestjs/common';
import { UserAdminResolver } from './admin/user-admin.resolver';
import { EntrantResolver, RegionResolver, UserResolver } from './graphql/identity.resolvers';
import { IdentityLoaders } from './graphql/identity.loaders';
import { IdentityModule } from './identity.module';

/** Resolvers and loader factories: the API only. */
@Module({
  imports: [IdentityModule],
  providers: [UserResolver, EntrantResolver, RegionResolver, UserAdminResolver, IdentityLoaders],
  exports: [IdentityLoaders],
})
export class IdentityGraphqlModule {}
