import { DocumentFonts } from './fonts';
import { dateTimeIn, finishToBuffer, newA4Document } from './pdf';
import { BOLD, REGULAR, Style } from './typesetter';

/** Bump when what the list looks like changes (a stored list is served only for the same version). */
export const RESULT_LIST_VERSION = 1;

export interface ResultListTier {
  key: string;
  name: string;
  /** 1 is the highest tier. */
  rank: number;
}

export interface ResultListItem {
  entryCode: string;
  title: string;
  entrantName: string;
  regionName: string;
  categoryName: string;
  /** null: advanced to the next round without an award. */
  award: ResultListTier | null;
}

/** A publication as published: its items in the publication's order (§8). */
export interface ResultListData {
  eventName: string;
  roundName: string;
  version: number;
  status: string;
  hash: string;
  publishedAt: Date;
  noticeEndsAt: Date;
  items: readonly ResultListItem[];
}

export interface ResultListOptions {
  timeZone?: string;
}

interface Column {
  heading: string;
  width: number;
  value: (item: ResultListItem) => string;
}

const MARGIN = 40;
const CELL_PADDING = 3;
const FONT_SIZE = 9;
const GREY = '#666666';
const RULE = '#bbbbbb';

const COLUMNS: Column[] = [
  { heading: '作品编号 Code', width: 72, value: (i) => i.entryCode },
  { heading: '作品名称 Title', width: 145, value: (i) => i.title },
  { heading: '参赛单位/个人 Entrant', width: 112, value: (i) => i.entrantName },
  { heading: '地区 Region', width: 58, value: (i) => i.regionName },
  { heading: '类别 Category', width: 80, value: (i) => i.categoryName },
  { heading: '奖项 Award', width: 48, value: (i) => i.award?.name ?? '晋级' },
];

/** Items by award tier, highest first, advanced-without-award last; order kept inside a tier. */
export function groupByTier(
  items: readonly ResultListItem[],
): { heading: string; items: ResultListItem[] }[] {
  const groups = new Map<string, { rank: number; heading: string; items: ResultListItem[] }>();
  for (const item of items) {
    const key = item.award ? `tier:${item.award.key}` : 'advanced';
    let group = groups.get(key);
    if (!group) {
      group = item.award
        ? { rank: item.award.rank, heading: item.award.name, items: [] }
        : { rank: Number.POSITIVE_INFINITY, heading: '晋级 Advanced', items: [] };
      groups.set(key, group);
    }
    group.items.push(item);
  }
  return [...groups.values()].sort((a, b) => a.rank - b.rank);
}

/** The printable list of a publication, A4 portrait, with page numbers and its hash. */
export async function renderResultList(
  fonts: DocumentFonts,
  data: ResultListData,
  options: ResultListOptions = {},
): Promise<Buffer> {
  const timeZone = options.timeZone ?? 'Asia/Shanghai';
  const { doc, type } = newA4Document(fonts, {
    title: `${data.eventName} ${data.roundName} 第${data.version}版`,
    createdAt: data.publishedAt,
    margin: MARGIN,
    bufferPages: true,
  });
  const bottom = doc.page.height - MARGIN - 20;

  doc.fontSize(18);
  type.text(BOLD, data.eventName, { align: 'center' });
  doc.fontSize(13);
  type.text(REGULAR, `${data.roundName} 获奖名单 Results`, { align: 'center' });
  doc.moveDown(0.5);
  doc.fontSize(9).fillColor(GREY);
  type.text(
    REGULAR,
    `版本 Version ${data.version} · 状态 ${data.status} · 发布 Published ${dateTimeIn(data.publishedAt, timeZone)}` +
      ` · 公示截止 Notice ends ${dateTimeIn(data.noticeEndsAt, timeZone)}`,
  );
  type.text(REGULAR, `SHA-256: ${data.hash}`);
  doc.fillColor('#000000').moveDown(0.8);

  const tableWidth = COLUMNS.reduce((sum, c) => sum + c.width, 0);
  const rowHeight = (texts: string[], style: Style) => {
    doc.fontSize(FONT_SIZE);
    return (
      Math.max(
        ...texts.map((t, i) =>
          type.height(style, t, { width: COLUMNS[i].width - 2 * CELL_PADDING }),
        ),
      ) +
      2 * CELL_PADDING
    );
  };
  const drawRow = (texts: string[], style: Style, shaded: boolean) => {
    const height = rowHeight(texts, style);
    const y = doc.y;
    if (shaded) doc.rect(MARGIN, y, tableWidth, height).fill('#eeeeee');
    doc.fillColor('#000000').fontSize(FONT_SIZE);
    let x = MARGIN;
    texts.forEach((text, i) => {
      type.text(style, text, {
        x: x + CELL_PADDING,
        y: y + CELL_PADDING,
        width: COLUMNS[i].width - 2 * CELL_PADDING,
      });
      x += COLUMNS[i].width;
    });
    doc
      .moveTo(MARGIN, y + height)
      .lineTo(MARGIN + tableWidth, y + height)
      .lineWidth(0.4)
      .strokeColor(RULE)
      .stroke();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  const headings = COLUMNS.map((c) => c.heading);
  const ensureRoom = (height: number, repeatHeader: boolean) => {
    if (doc.y + height <= bottom) return;
    doc.addPage();
    if (repeatHeader) drawRow(headings, BOLD, true);
  };

  if (data.items.length === 0) {
    doc.fontSize(11);
    type.text(REGULAR, '本轮没有获奖或晋级的作品。No entry won an award or advanced.');
  }
  for (const group of groupByTier(data.items)) {
    ensureRoom(60, false);
    doc.fontSize(12);
    type.text(BOLD, `${group.heading}（${group.items.length}）`, { x: MARGIN, y: doc.y + 6 });
    doc.moveDown(0.3);
    drawRow(headings, BOLD, true);
    for (const item of group.items) {
      const texts = COLUMNS.map((c) => c.value(item));
      ensureRoom(rowHeight(texts, REGULAR), true);
      drawRow(texts, REGULAR, false);
    }
  }

  // Page numbers, once the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.fontSize(8).fillColor(GREY);
    type.text(
      REGULAR,
      `第 ${i + 1} / ${range.count} 页 · ${data.eventName} · 第${data.version}版`,
      {
        x: MARGIN,
        y: doc.page.height - MARGIN - 10,
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      },
    );
  }
  return finishToBuffer(doc);
}
