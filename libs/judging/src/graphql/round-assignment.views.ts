import { Injectable } from '@nestjs/common';
import { RequestCtx } from '@app/core';
import { EntryQueryService, toEntryModel } from '@app/entries';
import { toUserModel, UserService } from '@app/identity';
import { AssignmentEntity } from '../assignment/assignment.entity';
import { RoundAssignmentModel } from './assignment-move.models';

/** Assignments as organisers see them: the entry whole (they see every field), the judge. */
@Injectable()
export class RoundAssignmentViews {
  constructor(
    private readonly entries: EntryQueryService,
    private readonly userService: UserService,
  ) {}

  async users(ctx: RequestCtx, ids: readonly string[]) {
    const users = await this.userService.byIds(ctx, ids);
    return new Map(users.map((u) => [u.id, toUserModel(u)]));
  }

  async of(
    ctx: RequestCtx,
    rows: ReadonlyArray<{ assignment: AssignmentEntity; hasSheet: boolean }>,
  ): Promise<RoundAssignmentModel[]> {
    const [entries, judges] = await Promise.all([
      this.entries.byIds(ctx, [...new Set(rows.map((r) => r.assignment.entryId))]),
      this.users(ctx, [...new Set(rows.map((r) => r.assignment.judgeId))]),
    ]);
    const entryOf = new Map(entries.map((e) => [e.id, toEntryModel(e)]));
    return rows.map(({ assignment, hasSheet }) => ({
      id: assignment.id,
      roundId: assignment.roundId,
      status: assignment.status,
      hasSheet,
      entry: entryOf.get(assignment.entryId)!,
      judge: judges.get(assignment.judgeId)!,
    }));
  }
}
