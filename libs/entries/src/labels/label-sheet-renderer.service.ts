import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig, RequestCtx } from '@app/core';
import { DocumentFonts, LABEL_LAYOUTS, renderLabelSheet } from '@app/documents';
import { STORAGE_DRIVER, StorageDriver } from '@app/storage';
import { LabelSelection, LabelSheetContentService } from './label-sheet-content.service';
import { LabelSheetMeta, labelSheetKeys } from './label-sheet-files';

export interface LabelSheetOutcome {
  /** the sheet stored: the requested one, or another when the entries changed since the request */
  sheetId: string;
  labels: number;
  /** true when the same content was stored already and nothing was drawn */
  reused: boolean;
}

/**
 * The worker's side of exhibit labels: reads the selection's labels as they are now, draws them
 * and stores the PDF under the content's hash. Idempotent: content already stored is not drawn
 * again, and a second run writes the same keys (each write atomic).
 */
@Injectable()
export class LabelSheetRenderer {
  private readonly logger = new Logger(LabelSheetRenderer.name);

  constructor(
    private readonly content: LabelSheetContentService,
    private readonly fonts: DocumentFonts,
    @Inject(STORAGE_DRIVER) private readonly storage: StorageDriver,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(
    ctx: RequestCtx,
    selection: LabelSelection,
    onProgress: (done: number, total: number) => Promise<void> | void = () => undefined,
  ): Promise<LabelSheetOutcome> {
    const sheet = await this.content.of(ctx, selection);
    const keys = labelSheetKeys(sheet.eventId, sheet.sheetId);
    const labels = sheet.data.labels.length;
    if (await this.storage.stat(keys.pdf)) {
      await onProgress(labels, labels);
      return { sheetId: sheet.sheetId, labels, reused: true };
    }
    await onProgress(0, labels);
    const started = Date.now();
    const pdf = await renderLabelSheet(this.fonts, sheet.data, {
      publicUrl: this.config.publicUrl,
      layout: sheet.layout,
      createdAt: new Date(),
      onProgress,
    });
    const meta: LabelSheetMeta = {
      sheetId: sheet.sheetId,
      eventId: sheet.eventId,
      categoryId: sheet.categoryId,
      layout: sheet.layout,
      labels,
      pages: Math.ceil(
        labels / (LABEL_LAYOUTS[sheet.layout].columns * LABEL_LAYOUTS[sheet.layout].rows),
      ),
      bytes: pdf.length,
      fileName: sheet.fileName,
      createdAt: new Date().toISOString(),
    };
    await this.storage.put(keys.meta, Buffer.from(JSON.stringify(meta), 'utf8'));
    await this.storage.put(keys.pdf, pdf);
    this.logger.log(
      `labels ${sheet.sheetId}: ${labels} labels, ${meta.pages} pages, ${pdf.length} bytes in ${Date.now() - started} ms`,
    );
    return { sheetId: sheet.sheetId, labels, reused: false };
  }
}
