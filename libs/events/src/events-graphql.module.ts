import { Module } from '@nestjs/common';
import { CategoryResolver, EventResolver } from './graphql/events.resolvers';
import { EventsLoaders } from './graphql/events.loaders';
import { EventsModule } from './events.module';

/** Resolvers and loader factories: the API only. */
@Module({
  imports: [EventsModule],
  providers: [EventResolver, CategoryResolver, EventsLoaders],
  exports: [EventsLoaders],
})
export class EventsGraphqlModule {}
