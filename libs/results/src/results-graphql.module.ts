import { Module } from '@nestjs/common';
import { EntriesModule } from '@app/entries';
import { ResultsResolver } from './graphql/results.resolvers';
import { ResultsModule } from './results.module';

/** Resolvers: the API only. */
@Module({
  imports: [ResultsModule, EntriesModule],
  providers: [ResultsResolver],
})
export class ResultsGraphqlModule {}
