import { Module } from '@nestjs/common';
import { EntriesModule } from './entries.module';
import { EntryResolver } from './graphql/entries.resolvers';

/** Resolvers: the API only. */
@Module({
  imports: [EntriesModule],
  providers: [EntryResolver],
})
export class EntriesGraphqlModule {}
