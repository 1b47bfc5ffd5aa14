import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, Forbidden, RequestCtx, CommonReason } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { EntryQueryService } from '@app/entries';
import { CategoryService } from '@app/events';
import { isOrganiser, UserService } from '@app/identity';
import { assignJudges, AssignmentInputError, AssignmentReport } from '../solver';
import { JudgingReason } from '../judging.errors';
import { leavesCovered } from '../panel/panel-leaves';
import { PanelService } from '../panel/panel.service';
import { RoundStatus } from '../round/round-enums';
import { RoundEntity } from '../round/round.entity';
import { RoundService } from '../round/round.service';
import { RoundEntriesService } from '../round-entries/round-entries.service';
import { LaterRoundEntriesService } from '../round-entries/later-round-entries.service';
import { AssignmentEntity } from './assignment.entity';
import { insertAssignments, replaceAssignments } from './assignment-writer';

/**
 * `assignJudges(roundId, seed)`: reads the round's problem (accepted entries, panels and the
 * leaves they cover, judges and their affiliations, declared conflicts, and in an OPEN round
 * the assignments it has), lets the pure algorithm solve it, and writes the result in one
 * transaction with the round locked. In DRAFT it replaces every assignment (writing only the
 * difference: the same seed writes nothing); in OPEN it only adds what entries lack and never
 * touches an existing one.
 */
@Injectable()
export class AssignmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly panels: PanelService,
    private readonly categories: CategoryService,
    private readonly users: UserService,
    private readonly entries: EntryQueryService,
    private readonly audit: AuditService,
    private readonly roundEntries: RoundEntriesService,
    private readonly laterRounds: LaterRoundEntriesService,
  ) {}

  /** The round's assignments, in no particular order: organisers only (the demo seed reads them). */
  async ofRound(ctx: RequestCtx, roundId: string): Promise<AssignmentEntity[]> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(
        CommonReason.ROLE_NOT_ALLOWED,
        "only organisers list a round's assignments",
      );
    }
    return repo(this.dataSource, ctx, AssignmentEntity).findBy({ roundId });
  }

  async assign(ctx: RequestCtx, roundId: string, seed: number): Promise<AssignmentReport> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers assign judges');
    }
    if (!Number.isSafeInteger(seed)) {
      throw new BadUserInput(JudgingReason.INVALID_SEED, 'the seed is a whole number');
    }
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const round = await this.rounds.lockForChange(tx, roundId);
      if (round.status !== RoundStatus.DRAFT && round.status !== RoundStatus.OPEN) {
        throw new Conflict(JudgingReason.ROUND_CLOSED, `the round is ${round.status}`);
      }
      const mode = round.status === RoundStatus.DRAFT ? 'replace' : 'topUp';
      // §6: a later round judges exactly what the previous round's latest tabulation
      // advanced, taken in DRAFT; an OPEN top-up keeps the set it took.
      const advanced =
        round.previousRoundId && mode === 'replace' ? await this.laterRounds.take(tx, round) : null;
      const only = advanced
        ? new Set(advanced.entryIds)
        : round.previousRoundId
          ? new Set(await this.roundEntries.of(tx, roundId))
          : null;
      const input = await this.problemOf(tx, round, mode, seed, only);
      let output;
      try {
        output = assignJudges(input);
      } catch (error) {
        if (error instanceof AssignmentInputError) {
          throw new BadUserInput(error.reason, error.message);
        }
        throw error;
      }
      // §2: every entry of the round is recorded, also those no judge could be given (and,
      // in a later round, an advanced entry withdrawn or disqualified since: it is left out
      // of the results, not of the round).
      const entryIds = input.entries.map((e) => e.id);
      if (advanced) {
        await this.roundEntries.replace(tx, roundId, advanced.entryIds);
        await this.laterRounds.recordSource(tx, roundId, advanced.tabulationId);
      } else if (mode === 'replace') await this.roundEntries.replace(tx, roundId, entryIds);
      else if (!round.previousRoundId) await this.roundEntries.add(tx, roundId, entryIds);
      const manager = tx.manager ?? this.dataSource.manager;
      const written =
        mode === 'replace'
          ? await replaceAssignments(manager, roundId, output.assignments)
          : await insertAssignments(manager, roundId, output.assignments);
      await this.audit.append(tx, {
        eventId: round.eventId,
        action: mode === 'replace' ? 'round.assigned' : 'round.topped-up',
        subjectType: 'Round',
        subjectId: round.id,
        detail: {
          seed,
          ...(advanced && {
            entriesFrom: { tabulationId: advanced.tabulationId, version: advanced.version },
          }),
          created: output.assignments.length,
          rowsWritten: written,
          assignments: output.report.assignments,
          unassignable: output.report.unassignable.length,
        },
      });
      return output.report;
    });
  }

  private async problemOf(
    tx: RequestCtx,
    round: RoundEntity,
    mode: 'replace' | 'topUp',
    seed: number,
    only: ReadonlySet<string> | null,
  ) {
    const [accepted, panels, categories] = await Promise.all([
      this.entries.acceptedOf(tx, round.eventId),
      this.panels.panelsOf(tx, [round.id]),
      this.categories.ofEvents(tx, [round.eventId]),
    ]);
    // Judges go to entries still ACCEPTED; of a later round, only to those of its set.
    const entries = only ? accepted.filter((e) => only.has(e.id)) : accepted;
    const panelIds = panels.map((p) => p.id);
    const [given, seats] = await Promise.all([
      this.panels.categoriesOf(tx, panelIds),
      this.panels.judgesOf(tx, panelIds),
    ]);
    const judgeIds = [...new Set(seats.map((s) => s.judgeId))];
    const [judges, conflicts, existing] = await Promise.all([
      this.users.byIds(tx, judgeIds),
      this.panels.conflictsOf(tx, judgeIds),
      mode === 'topUp'
        ? repo(this.dataSource, tx, AssignmentEntity).findBy({ roundId: round.id })
        : Promise.resolve([]),
    ]);
    return {
      mode,
      seed,
      judgesPerEntry: round.judgesPerEntry,
      entries,
      panels: panels.map((panel) => ({
        id: panel.id,
        categoryIds: [
          ...leavesCovered(
            categories,
            given.filter((g) => g.panelId === panel.id).map((g) => g.categoryId),
          ),
        ],
        judgeIds: seats.filter((s) => s.panelId === panel.id).map((s) => s.judgeId),
      })),
      judges: judges.map((j) => ({ id: j.id, affiliationEntrantId: j.affiliationEntrantId })),
      conflicts: conflicts.map((c) => ({ judgeId: c.judgeId, entrantId: c.entrantId })),
      existing: existing.map((a) => ({ entryId: a.entryId, judgeId: a.judgeId, status: a.status })),
    } as const;
  }
}
