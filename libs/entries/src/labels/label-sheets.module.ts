import { Module } from '@nestjs/common';
import { DocumentFonts } from '@app/documents';
import { EventsModule } from '@app/events';
import { LabelSheetContentService } from './label-sheet-content.service';
import { LabelSheetJobsService } from './label-sheet-jobs.service';
import { LabelSheetRenderer } from './label-sheet-renderer.service';
import { LabelSheetsController } from '../http/label-sheets.controller';

/**
 * The worker's side of exhibit labels: the renderer, with the document fonts checked at start
 * (a worker without them fails at once, naming the file, not at the first sheet).
 */
@Module({
  imports: [EventsModule],
  providers: [
    LabelSheetContentService,
    LabelSheetRenderer,
    {
      provide: DocumentFonts,
      useFactory: () => {
        const fonts = new DocumentFonts();
        fonts.check();
        return fonts;
      },
    },
  ],
  exports: [LabelSheetRenderer],
})
export class LabelSheetsModule {}

/** The API's side: start a sheet, follow it, download it. Draws nothing itself. */
@Module({
  imports: [EventsModule],
  controllers: [LabelSheetsController],
  providers: [LabelSheetContentService, LabelSheetJobsService],
})
export class LabelSheetsApiModule {}
