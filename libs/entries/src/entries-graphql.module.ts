import { Module } from '@nestjs/common';
import { EntriesModule } from './entries.module';
import { EntriesLoaders } from './graphql/entries.loaders';
import { EntryResolver } from './graphql/entries.resolvers';
import { EntryImagesResolver, ImageResolver } from './graphql/image.resolvers';

/** Resolvers and loaders: the API only. */
@Module({
  imports: [EntriesModule],
  providers: [EntryResolver, EntryImagesResolver, ImageResolver, EntriesLoaders],
  exports: [EntriesLoaders],
})
export class EntriesGraphqlModule {}
