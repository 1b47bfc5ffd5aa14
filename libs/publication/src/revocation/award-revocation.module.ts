import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { ENTRY_AWARDS } from '@app/entries';
import { EventsModule } from '@app/events';
import { DocumentRunsModule } from '../documents/document-runs.module';
import { AwardRevocationEntity } from './award-revocation.entity';
import { AwardRevocationService } from './award-revocation.service';

/**
 * Revoked awards, and the answer to entries' ENTRY_AWARDS port (a disqualification revokes the
 * entry's awards). Global, so entries' services inject the port without importing publications,
 * as judging's do with ROUND_PUBLICATIONS.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([AwardRevocationEntity]),
    AuditModule,
    EventsModule,
    DocumentRunsModule,
  ],
  providers: [
    AwardRevocationService,
    { provide: ENTRY_AWARDS, useExisting: AwardRevocationService },
  ],
  exports: [AwardRevocationService, ENTRY_AWARDS],
})
export class AwardRevocationModule {}
