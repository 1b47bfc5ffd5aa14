import { Module } from '@nestjs/common';
import { EntriesModule } from '@app/entries';
import { EventsModule } from '@app/events';
import { JudgingModule } from '@app/judging';
import { ObjectionStatusResolver } from './graphql/objection-status.resolver';
import { OpenObjectionsResolver } from './graphql/open-objections.resolver';
import { PublicationViews } from './graphql/publication-views';
import { PublicationResolver } from './graphql/publication.resolvers';
import { PublicationDocumentsModule } from './documents/publication-documents.module';
import { PublicationsController } from './http/publications.controller';
import { PublicationDocumentsService } from './publication-documents.service';
import { OpenObjectionsService } from './open-objections.service';
import { PublicationModule } from './publication.module';

/**
 * The API side: resolvers, the export endpoints and the documents (served from the store that
 * PublicationDocumentsModule keeps, whose fonts are checked while the API boots).
 */
@Module({
  imports: [
    PublicationModule,
    PublicationDocumentsModule,
    JudgingModule,
    EntriesModule,
    EventsModule,
  ],
  controllers: [PublicationsController],
  providers: [
    PublicationResolver,
    ObjectionStatusResolver,
    OpenObjectionsResolver,
    OpenObjectionsService,
    PublicationViews,
    PublicationDocumentsService,
  ],
})
export class PublicationApiModule {}
