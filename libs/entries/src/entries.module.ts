import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { EntriesPortsModule } from './entry/category-usage.adapter';
import { EntryImportService } from './bulk/entry-import.service';
import { EntryQueryService } from './entry/entry-query.service';
import { EntryEntity } from './entry/entry.entity';
import { EntryService } from './entry/entry.service';

const SERVICES = [EntryService, EntryQueryService, EntryImportService];

/** Entries: services for the API and the worker alike. */
@Module({
  imports: [
    TypeOrmModule.forFeature([EntryEntity]),
    EventsModule,
    IdentityModule,
    AuditModule,
    EntriesPortsModule,
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class EntriesModule {}
