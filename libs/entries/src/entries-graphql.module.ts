import { Module } from '@nestjs/common';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { EntriesModule } from './entries.module';
import { EntriesLoaders } from './graphql/entries.loaders';
import { EntryResolver } from './graphql/entries.resolvers';
import { EntryImagesResolver, ImageResolver } from './graphql/image.resolvers';
import { EntriesExportService } from './export/entries-export.service';
import { EntriesExportController } from './http/entries-export.controller';

/** Resolvers, loaders and the entries export (plain HTTP): the API only. */
@Module({
  imports: [EntriesModule, EventsModule, IdentityModule],
  controllers: [EntriesExportController],
  providers: [
    EntryResolver,
    EntryImagesResolver,
    ImageResolver,
    EntriesLoaders,
    EntriesExportService,
  ],
  exports: [EntriesLoaders],
})
export class EntriesGraphqlModule {}
