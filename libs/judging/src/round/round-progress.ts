import { DataSource } from 'typeorm';
import type { RequestCtx } from '@app/core';

export interface RoundProgressFigures {
  assignments: number;
  submitted: number;
  recused: number;
  entriesTotal: number;
  entriesComplete: number;
}

/**
 * The figures of RoundProgress in one statement: every assignment counts (recused ones too,
 * docs/roles-and-rules.md), an entry is complete with at least `minSheets` submitted sheets.
 */
export async function roundProgress(
  dataSource: DataSource,
  ctx: RequestCtx,
  roundId: string,
  minSheets: number,
): Promise<RoundProgressFigures> {
  const [row] = await (ctx.manager ?? dataSource.manager).query(
    `SELECT COALESCE(SUM(per.total), 0) AS assignments,
            COALESCE(SUM(per.submitted), 0) AS submitted,
            COALESCE(SUM(per.recused), 0) AS recused,
            COUNT(*) AS entries_total,
            COALESCE(SUM(per.submitted >= ?), 0) AS entries_complete
       FROM (SELECT entry_id,
                    COUNT(*) AS total,
                    SUM(status = 'SUBMITTED') AS submitted,
                    SUM(status = 'RECUSED') AS recused
               FROM assignments WHERE round_id = ? GROUP BY entry_id) per`,
    [minSheets, roundId],
  );
  return {
    assignments: Number(row.assignments),
    submitted: Number(row.submitted),
    recused: Number(row.recused),
    entriesTotal: Number(row.entries_total),
    entriesComplete: Number(row.entries_complete),
  };
}
