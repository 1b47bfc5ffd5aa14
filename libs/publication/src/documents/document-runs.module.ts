import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentRunsService } from './document-runs.service';
import {
  PublicationDocumentEntity,
  PublicationDocumentRunEntity,
} from './publication-document.entity';

/**
 * The runs of the documents job, for those that ask for one (finalising, revoking) and those that
 * show it: no rendering here, so publications and revocations import it without the fonts.
 */
@Module({
  imports: [TypeOrmModule.forFeature([PublicationDocumentEntity, PublicationDocumentRunEntity])],
  providers: [DocumentRunsService],
  exports: [DocumentRunsService],
})
export class DocumentRunsModule {}
