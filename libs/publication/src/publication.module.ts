import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EntriesModule } from '@app/entries';
import { EventsModule } from '@app/events';
import { JudgingModule } from '@app/judging';
import { ResultsModule } from '@app/results';
import { ObjectionService } from './objection.service';
import { PublicationChangesService } from './publication-changes.service';
import { ObjectionSenderEntity } from './objection-sender.entity';
import { ObjectionEntity, PublicationEntity, PublishedItemEntity } from './publication.entity';
import { PublicationService } from './publication.service';
import { RoundPublicationsPortModule } from './ports/round-publications.adapter';
import { AwardRevocationModule } from './revocation/award-revocation.module';
import { DocumentRunsModule } from './documents/document-runs.module';

const SERVICES = [PublicationService, ObjectionService, PublicationChangesService];

/** Publications, their items and objections: storage and rules. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      PublicationEntity,
      PublishedItemEntity,
      ObjectionEntity,
      ObjectionSenderEntity,
    ]),
    JudgingModule,
    ResultsModule,
    EntriesModule,
    EventsModule,
    AuditModule,
    RoundPublicationsPortModule,
    AwardRevocationModule,
    DocumentRunsModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class PublicationModule {}
