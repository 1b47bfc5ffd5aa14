import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  BadUserInput,
  canonicalJson,
  Conflict,
  Forbidden,
  NotFound,
  RequestCtx,
  Role,
  sha256Hex,
} from '@app/core';
import { inTransaction, isDuplicateKey, repo } from '@app/db';
import { EntryQueryService, EntryStatus } from '@app/entries';
import { UserService } from '@app/identity';
import {
  parseHundredths,
  prepareCriteria,
  sheetTotalRounded,
  TabulationInputError,
} from '@app/tabulation';
import { AssignmentEntity, AssignmentStatus } from '../assign/assignment.entity';
import { JudgingReason } from '../judging.errors';
import { PanelService } from '../panel/panel.service';
import { hundredthsToDecimal } from '../round/round-rules';
import { RoundStatus } from '../round/round-enums';
import { RoundEntity } from '../round/round.entity';
import { RoundService } from '../round/round.service';
import { ScoreSheetEntity, ScoreSheetMutationEntity } from './score-sheet.entity';

export interface SheetSubmission {
  assignmentId: string;
  scores: ReadonlyArray<{ criterionKey: string; value: number | string }>;
  comment?: string | null;
  clientMutationId: string;
  baseVersion?: number | null;
}

const CLIENT_ID = /^[A-Za-z0-9._:-]{8,100}$/;
const COMMENT_MAX = 2000;
const REASON_MAX = 1000;

/**
 * Judges' score sheets and recusals (issue 5). A submission is idempotent by its
 * clientMutationId (a primary key: the same payload answers the stored sheet, another
 * payload is IDEMPOTENCY_KEY_REUSED), a change names the version it was made on and the
 * UPDATE itself checks it, and a refused sheet writes nothing.
 */
@Injectable()
export class ScoreSheetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly panels: PanelService,
    private readonly entries: EntryQueryService,
    private readonly users: UserService,
    private readonly audit: AuditService,
  ) {}

  async submit(
    ctx: RequestCtx,
    input: SheetSubmission,
    now = new Date(),
  ): Promise<ScoreSheetEntity> {
    if (!CLIENT_ID.test(input.clientMutationId ?? '')) {
      throw new BadUserInput(
        JudgingReason.INVALID_CLIENT_MUTATION_ID,
        'clientMutationId: 8 to 100 letters, digits, ".", "_", ":" or "-" (a UUID will do)',
      );
    }
    const comment = optionalText(input.comment, COMMENT_MAX);
    const assignment = await this.ownAssignment(ctx, input.assignmentId);
    const payloadHash = sha256Hex(
      canonicalJson({
        assignmentId: assignment.id,
        scores: [...input.scores]
          .map((s) => [s.criterionKey, String(s.value)])
          .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
        comment,
      }),
    );
    const replay = await this.replayOf(ctx, input.clientMutationId, payloadHash);
    if (replay) return replay;

    const round = await this.rounds.mustGet(ctx, assignment.roundId);
    const { scores, total } = await this.checkedScores(ctx, round, input.scores);
    try {
      return await inTransaction(this.dataSource, ctx, async (tx) => {
        const locked = await tx.manager!.getRepository(AssignmentEntity).findOneOrFail({
          where: { id: assignment.id },
          lock: { mode: 'pessimistic_write' },
        });
        await this.assertJudgeable(tx, locked, round);
        const sheets = repo(this.dataSource, tx, ScoreSheetEntity);
        const existing = await sheets.findOneBy({ assignmentId: locked.id });
        let sheet: ScoreSheetEntity;
        if (!existing) {
          if (
            input.baseVersion !== undefined &&
            input.baseVersion !== null &&
            input.baseVersion !== 0
          ) {
            throw versionMismatch(0);
          }
          sheet = Object.assign(new ScoreSheetEntity(), {
            id: randomUUID(),
            assignmentId: locked.id,
            roundId: round.id,
            scores,
            total,
            comment,
            version: 1,
            submittedAt: now,
          });
          await sheets.insert(sheet);
        } else {
          const qb = sheets
            .createQueryBuilder()
            .update()
            .set({ scores, total, comment, version: () => 'version + 1', submittedAt: now })
            .where('id = :id', { id: existing.id });
          if (input.baseVersion !== undefined && input.baseVersion !== null) {
            qb.andWhere('version = :base', { base: input.baseVersion });
          }
          const result = await qb.execute();
          if (result.affected === 0) throw versionMismatch(existing.version);
          sheet = existing;
        }
        await repo(this.dataSource, tx, ScoreSheetMutationEntity).insert({
          clientMutationId: input.clientMutationId,
          sheetId: sheet.id,
          payloadHash,
        });
        if (locked.status !== AssignmentStatus.SUBMITTED) {
          await repo(this.dataSource, tx, AssignmentEntity).update(
            { id: locked.id },
            { status: AssignmentStatus.SUBMITTED },
          );
        }
        const stored = await sheets.findOneByOrFail({ id: sheet.id });
        await this.audit.append(tx, {
          eventId: round.eventId,
          action: existing ? 'sheet.changed' : 'sheet.submitted',
          subjectType: 'Assignment',
          subjectId: locked.id,
          detail: { sheetId: stored.id, version: stored.version, total: stored.total },
        });
        return stored;
      });
    } catch (error) {
      // Two deliveries of one mutation at once: the first committed; this one is its replay.
      if (isDuplicateKey(error, 'PRIMARY') || isDuplicateKey(error, 'UQ_score_sheets_assignment')) {
        const again = await this.replayOf(ctx, input.clientMutationId, payloadHash);
        if (again) return again;
        if (isDuplicateKey(error, 'UQ_score_sheets_assignment')) throw versionMismatch(1);
      }
      throw error;
    }
  }

  async recuse(ctx: RequestCtx, assignmentId: string, reason: string): Promise<AssignmentEntity> {
    const text = optionalText(reason, REASON_MAX);
    if (!text) throw new BadUserInput(JudgingReason.REASON_REQUIRED, 'say why you step aside');
    const assignment = await this.ownAssignment(ctx, assignmentId);
    const round = await this.rounds.mustGet(ctx, assignment.roundId);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const locked = await tx.manager!.getRepository(AssignmentEntity).findOneOrFail({
        where: { id: assignment.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (locked.status === AssignmentStatus.RECUSED) return locked; // a repeated tap
      if (round.status !== RoundStatus.OPEN) {
        throw new Conflict(JudgingReason.ROUND_NOT_OPEN, `the round is ${round.status}`);
      }
      if (locked.status === AssignmentStatus.SUBMITTED) {
        throw new Conflict(
          JudgingReason.ALREADY_SUBMITTED,
          'a scored entry cannot be recused; ask the organisers',
        );
      }
      await repo(this.dataSource, tx, AssignmentEntity).update(
        { id: locked.id },
        { status: AssignmentStatus.RECUSED, recuseReason: text },
      );
      await this.audit.append(tx, {
        eventId: round.eventId,
        action: 'assignment.recused',
        subjectType: 'Assignment',
        subjectId: locked.id,
        detail: { reason: text },
      });
      return repo(this.dataSource, tx, AssignmentEntity).findOneByOrFail({ id: locked.id });
    });
  }

  /** The signed-in judge's own sheets of these assignments (never another judge's). */
  async sheetsOf(ctx: RequestCtx, assignmentIds: readonly string[]): Promise<ScoreSheetEntity[]> {
    if (assignmentIds.length === 0) return [];
    return repo(this.dataSource, ctx, ScoreSheetEntity).findBy({
      assignmentId: In([...assignmentIds]),
    });
  }

  /** The assignment when it is the signed-in judge's; NOT_FOUND / NOT_ASSIGNED otherwise. */
  private async ownAssignment(ctx: RequestCtx, id: string): Promise<AssignmentEntity> {
    if (ctx.viewer?.role !== Role.JUDGE) {
      throw new Forbidden(JudgingReason.NOT_ASSIGNED, 'only the assigned judge scores an entry');
    }
    const assignment = /^[0-9a-f-]{36}$/i.test(id)
      ? await repo(this.dataSource, ctx, AssignmentEntity).findOneBy({ id })
      : null;
    if (!assignment) throw new NotFound(JudgingReason.ASSIGNMENT_NOT_FOUND, `no assignment ${id}`);
    if (assignment.judgeId !== ctx.viewer.userId) {
      throw new Forbidden(JudgingReason.NOT_ASSIGNED, 'this entry is assigned to another judge');
    }
    return assignment;
  }

  private async replayOf(
    ctx: RequestCtx,
    clientMutationId: string,
    payloadHash: string,
  ): Promise<ScoreSheetEntity | null> {
    const seen = await repo(this.dataSource, ctx, ScoreSheetMutationEntity).findOneBy({
      clientMutationId,
    });
    if (!seen) return null;
    if (seen.payloadHash !== payloadHash) {
      throw new Conflict(
        JudgingReason.IDEMPOTENCY_KEY_REUSED,
        'this clientMutationId was used for other scores; make a new one for a new submission',
      );
    }
    return repo(this.dataSource, ctx, ScoreSheetEntity).findOneByOrFail({ id: seen.sheetId });
  }

  /** §1: every criterion once, each a multiple of its step in [0, maxScore]. */
  private async checkedScores(
    ctx: RequestCtx,
    round: RoundEntity,
    given: SheetSubmission['scores'],
  ): Promise<{ scores: string; total: string }> {
    const criteria = await this.rounds.criteriaOf(ctx, [round.id]);
    const plan = prepareCriteria(
      criteria.map((c) => ({ key: c.key, weight: c.weight, maxScore: c.maxScore, step: c.step })),
    );
    const inputs = given.map((s) => ({ criterionKey: s.criterionKey, value: s.value }));
    try {
      const total = sheetTotalRounded(plan, inputs);
      const byKey = new Map(inputs.map((s) => [s.criterionKey, s.value]));
      const scores = criteria.map((c) => [
        c.key,
        hundredthsToDecimal(parseHundredths(byKey.get(c.key)!, c.key, 'SCORE_OUT_OF_RANGE')),
      ]);
      return { scores: JSON.stringify(scores), total: total.toFixed(3) };
    } catch (error) {
      if (error instanceof TabulationInputError) {
        const reason =
          error.reason === 'INVALID_CRITERIA'
            ? JudgingReason.INVALID_CRITERIA
            : JudgingReason.SCORE_OUT_OF_RANGE;
        throw new BadUserInput(reason, error.message);
      }
      throw error;
    }
  }

  /** Only while OPEN, not recused, no conflict of interest, the entry still in the running. */
  private async assertJudgeable(tx: RequestCtx, assignment: AssignmentEntity, round: RoundEntity) {
    const current = await tx.manager!.getRepository(RoundEntity).findOneByOrFail({ id: round.id });
    if (current.status !== RoundStatus.OPEN) {
      throw new Conflict(JudgingReason.ROUND_NOT_OPEN, `the round is ${current.status}`);
    }
    if (assignment.status === AssignmentStatus.RECUSED) {
      throw new Conflict(JudgingReason.ASSIGNMENT_RECUSED, 'you stepped aside from this entry');
    }
    const [entry] = await this.entries.byIds(tx, [assignment.entryId]);
    if (!entry || entry.status !== EntryStatus.ACCEPTED) {
      throw new Conflict(
        JudgingReason.ENTRY_NOT_JUDGEABLE,
        `the entry is ${entry?.status ?? 'gone'}; it is no longer judged`,
      );
    }
    const [judge] = await this.users.byIds(tx, [assignment.judgeId]);
    const declared = await this.panels.conflictsOf(tx, [assignment.judgeId]);
    if (
      judge?.affiliationEntrantId === entry.entrantId ||
      declared.some((c) => c.entrantId === entry.entrantId)
    ) {
      throw new Forbidden(
        JudgingReason.CONFLICT_OF_INTEREST,
        'you have a conflict of interest with this entrant',
      );
    }
  }
}

function optionalText(text: string | null | undefined, max: number): string | null {
  const value = (text ?? '').trim();
  if (value === '') return null;
  if ([...value].length > max) {
    throw new BadUserInput(JudgingReason.TEXT_TOO_LONG, `at most ${max} characters`);
  }
  return value;
}

function versionMismatch(current: number) {
  return new Conflict(
    JudgingReason.VERSION_MISMATCH,
    'the sheet was changed meanwhile (on another tablet?); reload it and score again',
    { currentVersion: current },
  );
}
