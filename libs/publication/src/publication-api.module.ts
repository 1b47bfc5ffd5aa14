import { Module } from '@nestjs/common';
import { DocumentFonts } from '@app/documents';
import { EntriesModule } from '@app/entries';
import { EventsModule } from '@app/events';
import { JudgingModule } from '@app/judging';
import { ObjectionStatusResolver } from './graphql/objection-status.resolver';
import { PublicationViews } from './graphql/publication-views';
import { PublicationResolver } from './graphql/publication.resolvers';
import { PublicationsController } from './http/publications.controller';
import { PublicationDocumentsService } from './publication-documents.service';
import { PublicationModule } from './publication.module';

/**
 * The API side: resolvers, the export endpoints and the documents. The fonts (from npm packages)
 * are checked while the API boots, so an installation without them fails at start with a
 * sentence naming the file and what to do, not at the first certificate an organiser asks for.
 */
@Module({
  imports: [PublicationModule, JudgingModule, EntriesModule, EventsModule],
  controllers: [PublicationsController],
  providers: [
    PublicationResolver,
    ObjectionStatusResolver,
    PublicationViews,
    PublicationDocumentsService,
    {
      provide: DocumentFonts,
      useFactory: () => {
        const fonts = new DocumentFonts();
        fonts.check();
        return fonts;
      },
    },
  ],
})
export class PublicationApiModule {}
