import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { RequestCtx } from '@app/core';

/** Rows per INSERT or DELETE statement: big enough that 12,000 entries take a dozen round trips. */
const CHUNK = 1000;

/**
 * The entries of a round (table `round_entries`). Writes only the difference from what is
 * stored, so a re-run of assignJudges over the same entries writes nothing here.
 */
@Injectable()
export class RoundEntriesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The entry ids of a round, in id order. */
  async of(ctx: RequestCtx, roundId: string): Promise<string[]> {
    const rows: Array<{ entry_id: string }> = await this.manager(ctx).query(
      'SELECT entry_id FROM round_entries WHERE round_id = ? ORDER BY entry_id',
      [roundId],
    );
    return rows.map((r) => r.entry_id);
  }

  /** Makes the round's entries exactly `entryIds` (assignJudges in DRAFT). */
  async replace(ctx: RequestCtx, roundId: string, entryIds: readonly string[]): Promise<void> {
    const wanted = new Set(entryIds);
    const stored = new Set(await this.of(ctx, roundId));
    const gone = [...stored].filter((id) => !wanted.has(id));
    const added = [...wanted].filter((id) => !stored.has(id));
    const manager = this.manager(ctx);
    for (let i = 0; i < gone.length; i += CHUNK) {
      const chunk = gone.slice(i, i + CHUNK);
      await manager.query(
        `DELETE FROM round_entries WHERE round_id = ? AND entry_id IN (${chunk.map(() => '?').join(', ')})`,
        [roundId, ...chunk],
      );
    }
    await this.insert(manager, roundId, added);
  }

  /** Adds the entries of `entryIds` the round does not have yet (a top-up in OPEN). */
  async add(ctx: RequestCtx, roundId: string, entryIds: readonly string[]): Promise<string[]> {
    const stored = new Set(await this.of(ctx, roundId));
    const added = [...new Set(entryIds)].filter((id) => !stored.has(id));
    await this.insert(this.manager(ctx), roundId, added);
    return added;
  }

  private async insert(manager: EntityManager, roundId: string, entryIds: readonly string[]) {
    for (let i = 0; i < entryIds.length; i += CHUNK) {
      const chunk = entryIds.slice(i, i + CHUNK);
      await manager.query(
        `INSERT INTO round_entries (round_id, entry_id) VALUES ${chunk.map(() => '(?, ?)').join(', ')}`,
        chunk.flatMap((id) => [roundId, id]),
      );
    }
  }

  private manager(ctx: RequestCtx): EntityManager {
    return ctx.manager ?? this.dataSource.manager;
  }
}
