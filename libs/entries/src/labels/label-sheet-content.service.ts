import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  APP_CONFIG,
  AppConfig,
  BadUserInput,
  canonicalJson,
  Conflict,
  RequestCtx,
  sha256Hex,
} from '@app/core';
import { repo } from '@app/db';
import {
  ExhibitLabel,
  LABEL_LAYOUT_NAMES,
  LABEL_SHEET_VERSION,
  LabelLayoutName,
  LabelSheetData,
} from '@app/documents';
import { CategoryEntity, CategoryService, EventService } from '@app/events';
import { EntriesReason } from '../entries.errors';
import { EntryStatus } from '../entry/entry-status';
import { EntryEntity } from '../entry/entry.entity';
import { LabelSheetReason } from './label-sheet.errors';

/** Which labels: an event's, or one category's (with the categories under it), in a layout. */
export interface LabelSelection {
  eventId: string;
  categoryId: string | null;
  layout: LabelLayoutName;
}

/** The labels of a selection as they are now, and the id of the sheet that prints them. */
export interface LabelSheetContent extends LabelSelection {
  /** a hash of everything printed (and how): the same content always has the same id */
  sheetId: string;
  data: LabelSheetData;
  /** an ASCII name for the download, e.g. gx-fair-2026-labels-TC-2x4.pdf */
  fileName: string;
}

/** A sheet's id: 32 hex digits of the content's SHA-256. */
export const SHEET_ID = /^[0-9a-f]{32}$/;

export function layoutOf(value: string | null | undefined): LabelLayoutName {
  const layout = value ?? '2x4';
  if (!(LABEL_LAYOUT_NAMES as readonly string[]).includes(layout)) {
    throw new BadUserInput(
      LabelSheetReason.INVALID_LABEL_LAYOUT,
      `the layout is one of ${LABEL_LAYOUT_NAMES.join(', ')}`,
      { field: 'layout' },
    );
  }
  return layout as LabelLayoutName;
}

/**
 * What a sheet of exhibit labels prints: the ACCEPTED entries that have an exhibit code (given
 * on acceptance), in code order, each with its title and category. Read by the API to name the
 * sheet a request asks for, and by the worker to draw it. The entrant is never printed: in a
 * blind round the label is all a judge sees of an exhibit.
 */
@Injectable()
export class LabelSheetContentService {
  private readonly publicUrl: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventService,
    private readonly categories: CategoryService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publicUrl = config.publicUrl;
  }

  async of(ctx: RequestCtx, selection: LabelSelection): Promise<LabelSheetContent> {
    const event = await this.events.mustGet(ctx, selection.eventId);
    const categories = await this.categories.ofEvents(ctx, [event.id]);
    const byId = new Map(categories.map((c) => [c.id, c]));
    let inSelection: string[] | null = null;
    if (selection.categoryId !== null) {
      inSelection = await this.categories.subtreeIds(ctx, event.id, selection.categoryId);
      if (inSelection === null) {
        throw new BadUserInput(
          EntriesReason.CATEGORY_NOT_IN_EVENT,
          'the category is not a category of this event',
          { field: 'categoryId' },
        );
      }
    }
    const query = repo(this.dataSource, ctx, EntryEntity)
      .createQueryBuilder('e')
      .select(['e.code', 'e.title', 'e.categoryId'])
      .where('e.eventId = :eventId', { eventId: event.id })
      .andWhere('e.status = :status', { status: EntryStatus.ACCEPTED })
      .andWhere('e.code IS NOT NULL');
    if (inSelection) query.andWhere('e.categoryId IN (:...ids)', { ids: inSelection });
    const rows = await query.getMany();
    if (rows.length === 0) {
      throw new Conflict(
        LabelSheetReason.NO_LABELS_TO_PRINT,
        'no accepted entry with an exhibit code here: labels are printed once entries are accepted',
      );
    }
    const labels: ExhibitLabel[] = rows
      .map((row) => ({
        code: row.code!,
        title: row.title,
        category: categoryPath(byId, row.categoryId),
      }))
      .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
    const data: LabelSheetData = { eventName: event.name, labels };
    const sheetId = sha256Hex(
      canonicalJson([
        LABEL_SHEET_VERSION,
        this.publicUrl,
        event.id,
        selection.categoryId,
        selection.layout,
        data.eventName,
        labels.map((l) => [l.code, l.title, l.category]),
      ]),
    ).slice(0, 32);
    const scope = selection.categoryId ? (byId.get(selection.categoryId)?.code ?? '') : 'all';
    return {
      ...selection,
      eventId: event.id,
      sheetId,
      data,
      fileName: `${event.slug}-labels-${ascii(scope) || 'category'}-${selection.layout}.pdf`,
    };
  }
}

/** The category as a label prints it: its path from the top, e.g. 陶瓷 / 坭兴陶. */
function categoryPath(byId: ReadonlyMap<string, CategoryEntity>, id: string): string {
  const names: string[] = [];
  for (
    let c = byId.get(id);
    c && names.length < 10;
    c = c.parentId ? byId.get(c.parentId) : undefined
  ) {
    names.unshift(c.name);
  }
  return names.join(' / ');
}

/** Letters, digits and dashes only, so every browser keeps the file's name. */
function ascii(text: string): string {
  return text.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
}
