import type { CategoryEntity } from '@app/events';
import type { EntrySummaryRow } from '../entry/entry-query.service';
import { EntryStatus } from '../entry/entry-status';
import { EntrySummaryModel, EntryStatusCountModel } from './entries.models';

const STATUS_ORDER = Object.values(EntryStatus);

function byStatus(rows: readonly EntrySummaryRow[]): EntryStatusCountModel[] {
  return STATUS_ORDER.map((status) => ({
    status,
    count: rows.filter((r) => r.status === status).reduce((sum, r) => sum + r.count, 0),
  })).filter((c) => c.count > 0);
}

export function toSummaryModel(
  eventId: string,
  regionCode: string | null,
  rows: readonly EntrySummaryRow[],
  categories: readonly CategoryEntity[],
): EntrySummaryModel {
  const categoryById = new Map(categories.map((c) => [c.id, c]));
  const categoryIds = [...new Set(rows.map((r) => r.categoryId))];
  const byCategory = categoryIds
    .map((id) => {
      const mine = rows.filter((r) => r.categoryId === id);
      const category = categoryById.get(id)!;
      return {
        categoryId: id,
        categoryCode: category.code,
        categoryName: category.name,
        total: mine.reduce((sum, r) => sum + r.count, 0),
        byStatus: byStatus(mine),
      };
    })
    .sort((a, b) =>
      a.categoryCode < b.categoryCode ? -1 : a.categoryCode > b.categoryCode ? 1 : 0,
    );
  return {
    eventId,
    regionCode,
    total: rows.reduce((sum, r) => sum + r.count, 0),
    byStatus: byStatus(rows),
    byCategory,
  };
}
