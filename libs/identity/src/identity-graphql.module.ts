import { Module } from '@nestjs/common';
import { EntrantResolver, RegionResolver, UserResolver } from './graphql/identity.resolvers';
import { IdentityLoaders } from './graphql/identity.loaders';
import { IdentityModule } from './identity.module';

/** Resolvers and loader factories: the API only. */
@Module({
  imports: [IdentityModule],
  providers: [UserResolver, EntrantResolver, RegionResolver, IdentityLoaders],
  exports: [IdentityLoaders],
})
export class IdentityGraphqlModule {}
