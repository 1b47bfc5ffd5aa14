import { DataSource } from 'typeorm';
import type { RequestCtx } from '@app/core';

/** The submitted sheets of one panel in one hour (UTC): a bar of the progress chart. */
export interface SheetHourFigures {
  /** the first instant of the hour, UTC */
  hour: Date;
  panelId: string;
  panelName: string;
  sheets: number;
}

/**
 * Round.activity in one statement: the round's sheets counted per panel and per UTC hour of
 * their latest submission, bucketed by the database (IDX_score_sheets_round), so the answer
 * has at most one row per panel and hour with a sheet, never one per sheet. Whole UTC hours
 * are whole local hours in China (UTC+8), where the page shows them. Hours without a sheet are
 * left out; the chart fills them.
 */
export async function sheetsPerHour(
  dataSource: DataSource,
  ctx: RequestCtx,
  roundId: string,
): Promise<SheetHourFigures[]> {
  const rows: Array<{ hour: string; panel_id: string; panel_name: string; sheets: string }> =
    await (ctx.manager ?? dataSource.manager).query(
      `SELECT DATE_FORMAT(s.submitted_at, '%Y-%m-%dT%H:00:00Z') AS hour,
              a.panel_id, p.name AS panel_name, COUNT(*) AS sheets
         FROM score_sheets s
         JOIN assignments a ON a.id = s.assignment_id
         JOIN panels p ON p.id = a.panel_id
        WHERE s.round_id = ?
        GROUP BY hour, a.panel_id, p.name
        ORDER BY hour, p.name, a.panel_id`,
      [roundId],
    );
  return rows.map((row) => ({
    hour: new Date(row.hour),
    panelId: row.panel_id,
    panelName: row.panel_name,
    sheets: Number(row.sheets),
  }));
}
