import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { CategoryService } from './category/category.service';
import { EVENTS_ENTITIES } from './entities';
import { EventService } from './event/event.service';

const SERVICES = [EventService, CategoryService];

/** Events and their categories: services for the API and the worker alike. */
@Module({
  imports: [TypeOrmModule.forFeature(EVENTS_ENTITIES), AuditModule],
  providers: SERVICES,
  exports: SERVICES,
})
export class EventsModule {}
