import type { LabelLayoutName } from '@app/documents';

/** What is stored beside a sheet's PDF: what it holds, for the status and the download. */
export interface LabelSheetMeta {
  sheetId: string;
  eventId: string;
  categoryId: string | null;
  layout: LabelLayoutName;
  labels: number;
  pages: number;
  bytes: number;
  fileName: string;
  createdAt: string;
}

/**
 * Where a sheet is stored: under its event, by its content hash, so the same content is stored
 * once and a sheet id never reaches another event's sheets. The description is written first
 * and the PDF last: a stored PDF always has its description.
 */
export function labelSheetKeys(eventId: string, sheetId: string): { pdf: string; meta: string } {
  const base = `labels/${eventId.toLowerCase()}/${sheetId}`;
  return { pdf: `${base}.pdf`, meta: `${base}.json` };
}

/** The deterministic job id of a sheet: a repeat request while it is made is the same job. */
export function labelJobId(sheetId: string): string {
  return `labels-${sheetId}`;
}
