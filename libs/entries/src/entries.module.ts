import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { EventsModule } from '@app/events';
import { IdentityModule } from '@app/identity';
import { PhotoBatchFileEntity } from './bulk-photos/photo-batch-file.entity';
import { PhotoBatchEntity } from './bulk-photos/photo-batch.entity';
import { PhotoBatchService } from './bulk-photos/photo-batch.service';
import { PhotoCommitService } from './bulk-photos/photo-commit.service';
import { PhotoStagingService } from './bulk-photos/photo-staging.service';
import { EntriesPortsModule } from './entry/category-usage.adapter';
import { EntryImportService } from './import/entry-import.service';
import { EntryFactsService } from './entry/entry-facts.service';
import { ENTRY_IMAGES } from './entry/entry-ports';
import { EntryQueryService } from './entry/entry-query.service';
import { EntryEntity } from './entry/entry.entity';
import { EntryService } from './entry/entry.service';
import { EntryBatchService } from './entry/entry-batch.service';
import { EntryScreeningService } from './entry/entry-screening.service';
import { EntryBulkScreeningService } from './entry/entry-bulk-screening.service';
import { EntryStore } from './entry/entry-store';
import { EntryDeletionService } from './image/entry-deletion.service';
import { ImageCountAdapter } from './image/image-count.adapter';
import { ImageRenderService } from './image/image-render.service';
import { ImageSweepService } from './image/image-sweep.service';
import { ImageUploadService } from './image/image-upload.service';
import { ImageEntity } from './image/image.entity';
import { PhotoQueueService } from './image/photo-queue.service';
import { ImageService } from './image/image.service';
import { RenditionEntity } from './image/rendition.entity';
import { EntryVisibilityService } from './visibility/entry-visibility.service';

const SERVICES = [
  EntryStore,
  EntryService,
  EntryScreeningService,
  EntryBulkScreeningService,
  EntryBatchService,
  EntryQueryService,
  EntryVisibilityService,
  EntryFactsService,
  EntryImportService,
  ImageService,
  EntryDeletionService,
  ImageUploadService,
  ImageRenderService,
  ImageSweepService,
  PhotoQueueService,
  PhotoBatchService,
  PhotoStagingService,
  PhotoCommitService,
];

/** Entries and their photos: services for the API and the worker alike. */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      EntryEntity,
      ImageEntity,
      RenditionEntity,
      PhotoBatchEntity,
      PhotoBatchFileEntity,
    ]),
    EventsModule,
    IdentityModule,
    AuditModule,
    EntriesPortsModule,
  ],
  providers: [
    ...SERVICES,
    ImageCountAdapter,
    { provide: ENTRY_IMAGES, useExisting: ImageCountAdapter },
  ],
  exports: SERVICES,
})
export class EntriesModule {}
