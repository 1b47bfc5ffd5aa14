import { EntryStatus } from '../entry/entry-status';
import { EntryEntity } from '../entry/entry.entity';

/**
 * The entries export's sheet (docs/http.md, `GET /api/events/{eventId}/entries.xlsx`): its
 * columns, headed in Chinese with the English beside, and a row per entry in words a region's
 * office reads (a city's name, a status in words), never a code where a name belongs.
 */
export const ENTRY_EXPORT_COLUMNS = [
  { header: '作品编号 Exhibit code', width: 16 },
  { header: '作品名称 Title', width: 32 },
  { header: '参赛者 Entrant', width: 24 },
  { header: '地区 Region', width: 12 },
  { header: '类别 Category', width: 20 },
  { header: '状态 Status', width: 16 },
  { header: '创作者 Creators', width: 24 },
  { header: '件数 Items', width: 8 },
  { header: '照片 Photos', width: 8 },
  { header: '提交时间 Submitted at', width: 18 },
  { header: '审核意见 Screening reason', width: 32 },
] as const;

const STATUS_WORDS: Record<EntryStatus, string> = {
  [EntryStatus.DRAFT]: '草稿 Draft',
  [EntryStatus.SUBMITTED]: '已提交 Submitted',
  [EntryStatus.ACCEPTED]: '已通过 Accepted',
  [EntryStatus.REJECTED]: '未通过 Rejected',
  [EntryStatus.WITHDRAWN]: '已撤回 Withdrawn',
  [EntryStatus.DISQUALIFIED]: '已取消资格 Disqualified',
};

/** The names an entry's row shows for its ids and codes. */
export interface EntryNames {
  entrant: ReadonlyMap<string, string>;
  region: ReadonlyMap<string, string>;
  category: ReadonlyMap<string, string>;
  photos: ReadonlyMap<string, number>;
}

/** Beijing time, as the fair's office reads it: 2026-03-01 16:00. */
const BEIJING = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export function entryExportRow(entry: EntryEntity, names: EntryNames): Array<string | number> {
  return [
    entry.code ?? '',
    entry.title,
    names.entrant.get(entry.entrantId) ?? '',
    // A region missing from the regions list (never loaded) is said as such, not by its code.
    names.region.get(entry.regionCode) ?? '',
    names.category.get(entry.categoryId) ?? '',
    STATUS_WORDS[entry.status] ?? entry.status,
    entry.creators.join('、'),
    entry.itemCount,
    names.photos.get(entry.id) ?? 0,
    entry.submittedAt ? BEIJING.format(entry.submittedAt) : '',
    entry.screeningReason ?? '',
  ];
}
