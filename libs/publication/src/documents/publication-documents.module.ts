import { Module } from '@nestjs/common';
import { DocumentFonts } from '@app/documents';
import { EventsModule } from '@app/events';
import { JudgingModule } from '@app/judging';
import { PublicationModule } from '../publication.module';
import { DocumentRunsModule } from './document-runs.module';
import { PublicationDocumentsJob } from './publication-documents-job.service';
import { PublicationDocumentsSweep } from './publication-documents-sweep.service';
import { PublicationNames } from './publication-names.service';
import { StoredDocuments } from './stored-documents.service';

/**
 * A publication's documents, drawn and stored (issue 22): the store the API serves from, the
 * worker's job that fills it and the sweep that queues a lost job again. Imported by both. The
 * fonts (from npm packages) are checked while the process boots, so an installation without
 * them fails at start with a sentence naming the file and what to do, not at the first
 * certificate; their faces are shared by every document the process draws.
 */
@Module({
  imports: [PublicationModule, DocumentRunsModule, JudgingModule, EventsModule],
  providers: [
    StoredDocuments,
    PublicationNames,
    PublicationDocumentsJob,
    PublicationDocumentsSweep,
    {
      provide: DocumentFonts,
      useFactory: () => {
        const fonts = new DocumentFonts();
        fonts.check();
        return fonts;
      },
    },
  ],
  exports: [
    StoredDocuments,
    PublicationNames,
    PublicationDocumentsJob,
    PublicationDocumentsSweep,
    DocumentRunsModule,
    DocumentFonts,
  ],
})
export class PublicationDocumentsModule {}
