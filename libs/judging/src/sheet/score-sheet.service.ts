import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { AuditService } from '@app/audit';
import { BadUserInput, Conflict, Forbidden, NotFound, RequestCtx, Role, isUuid } from '@app/core';
import { inTransaction, isDeadlock, isDuplicateKey, repo } from '@app/db';
import { AssignmentEntity } from '../assignment/assignment.entity';
import { AssignmentStatus } from '../assignment/assignment-status';
import { markRecused } from '../assignment/recusal';
import { JudgingReason } from '../judging.errors';
import { RoundStatus } from '../round/round-enums';
import { RoundService } from '../round/round.service';
import { decideEligibility } from './eligibility';
import { ScoreSheetEntity } from './score-sheet.entity';
import { RoundGuesses, writeFirstSheet } from './first-sheet';
import { readSheetFacts, SheetFacts, StoredSheet } from './sheet-facts';
import { checkScores, payloadHashOf, ScoringPlan, scoringPlan } from './sheet-scores';

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
/** Rounds whose criteria are kept; a few per event at most are OPEN at once. */
const PLANS_KEPT = 256;

/**
 * Judges' score sheets and recusals (issue 5). A submission is idempotent by its
 * clientMutationId (a primary key: the same payload answers the stored sheet, another
 * payload is IDEMPOTENCY_KEY_REUSED), a change names the version it was made on and the
 * UPDATE itself checks it, and a refused sheet writes nothing.
 */
@Injectable()
export class ScoreSheetService {
  private readonly plans = new Map<string, ScoringPlan>();
  private readonly roundGuesses = new RoundGuesses();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rounds: RoundService,
    private readonly audit: AuditService,
  ) {}

  async submit(ctx: RequestCtx, input: SheetSubmission, now = new Date()): Promise<StoredSheet> {
    if (!CLIENT_ID.test(input.clientMutationId ?? '')) {
      throw new BadUserInput(
        JudgingReason.INVALID_CLIENT_MUTATION_ID,
        'clientMutationId: 8 to 100 letters, digits, ".", "_", ":" or "-" (a UUID will do)',
      );
    }
    const comment = optionalText(input.comment, COMMENT_MAX);
    try {
      return (
        (await this.tryFirstSheet(ctx, input, comment, now)) ??
        (await this.trySubmit(ctx, input, comment, now))
      );
    } catch (error) {
      // Another delivery of this mutation, or another tablet's sheet, committed between our read
      // and our writes: decide again on what is stored now (a replay, or the reason it fails).
      if (!isRace(error)) throw error;
      return this.trySubmit(ctx, input, comment, now, true);
    }
  }

  /**
   * §10 in order, from one read (`readSheetFacts`; step 3, who may score, is
   * `decideEligibility` in ./eligibility.ts); then the transaction in one call of
   * `score_sheet_write`, whose statements re-check what may have changed since (round still
   * OPEN and the assignment not recused, by its claiming UPDATE; the sheet's version, by the
   * UPDATE's WHERE or the unique index) and which commits with the audit record.
   */
  private async trySubmit(
    ctx: RequestCtx,
    input: SheetSubmission,
    comment: string | null,
    now: Date,
    again = false,
  ): Promise<StoredSheet> {
    const facts = await this.ownFacts(ctx, input.assignmentId, input.clientMutationId);
    const payloadHash = payloadHashOf(facts.assignmentId, input.scores, comment);
    if (facts.replay) return replayed(facts, payloadHash);
    const refusal = decideEligibility(facts.eligibility);
    if (refusal) throw refusal;
    const base = input.baseVersion ?? null;
    const current = facts.sheet?.version ?? 0;
    if ((facts.sheet && base !== current) || (!facts.sheet && base !== null && base !== 0)) {
      throw versionMismatch(current);
    }
    const plan = await this.scoringPlanOf(ctx, facts.roundId);
    const { scores, total } = checkScores(plan, input.scores);
    const sheet: StoredSheet = {
      id: facts.sheet?.id ?? randomUUID(),
      assignmentId: facts.assignmentId,
      roundId: facts.roundId,
      scores,
      total,
      comment,
      version: current + 1,
      submittedAt: now,
    };
    const record = this.sheetRecord(ctx, facts.eventId, sheet, now);
    try {
      // the whole transaction in one round trip: see the migration CreateScoreSheetWriteProcedure
      await this.dataSource.query(WRITE_SQL, [
        facts.assignmentId,
        sheet.id,
        sheet.roundId,
        facts.sheet ? current : null,
        scores,
        total,
        comment,
        now,
        input.clientMutationId,
        payloadHash,
        record.id,
        record.eventId,
        record.actorId,
        record.action,
        record.detail,
        record.hashed,
      ]);
    } catch (error) {
      if (again && isRace(error)) throw versionMismatch(current + 1);
      throw error;
    }
    this.roundGuesses.remember(ctx.viewer!.userId, facts.roundId, facts.eventId);
    return sheet;
  }

  /**
   * The ordinary case in one round trip: a first sheet of an assignment in the round this judge
   * last scored in. The scores are checked against that round's criteria and
   * `score_sheet_write_first` writes only if every fact is the ordinary one (see its migration);
   * null when it did not write (or could not try), and `trySubmit` decides as for any sheet.
   */
  private async tryFirstSheet(
    ctx: RequestCtx,
    input: SheetSubmission,
    comment: string | null,
    now: Date,
  ): Promise<StoredSheet | null> {
    const judgeId = ctx.viewer?.role === Role.JUDGE ? ctx.viewer.userId : null;
    const guess = judgeId ? this.roundGuesses.of(judgeId) : undefined;
    const plan = guess ? this.plans.get(guess.roundId) : undefined;
    if (!judgeId || !guess || !plan) return null;
    if ((input.baseVersion ?? 0) !== 0 || !isUuid(input.assignmentId)) return null;
    let checked: { scores: string; total: string };
    try {
      checked = checkScores(plan, input.scores);
    } catch {
      return null; // refused in §10's order by trySubmit, after the facts that come first
    }
    const sheet: StoredSheet = {
      id: randomUUID(),
      assignmentId: input.assignmentId,
      roundId: guess.roundId,
      ...checked,
      comment,
      version: 1,
      submittedAt: now,
    };
    const record = this.sheetRecord(ctx, guess.eventId, sheet, now);
    const written = await writeFirstSheet(this.dataSource, {
      judgeId,
      eventId: guess.eventId,
      sheet,
      clientMutationId: input.clientMutationId,
      payloadHash: payloadHashOf(input.assignmentId, input.scores, comment),
      record,
    });
    return written ? sheet : null;
  }

  /** A sheet's audit record: sheet.submitted for version 1, sheet.changed after. */
  private sheetRecord(ctx: RequestCtx, eventId: string, sheet: StoredSheet, now: Date) {
    return this.audit.prepare(
      ctx,
      {
        eventId,
        action: sheet.version === 1 ? 'sheet.submitted' : 'sheet.changed',
        subjectType: 'Assignment',
        subjectId: sheet.assignmentId,
        detail: {
          sheetId: sheet.id,
          version: sheet.version,
          total: sheet.total,
          scores: JSON.parse(sheet.scores),
        },
      },
      now,
    );
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
      await markRecused(tx, this.audit, round.eventId, locked, text);
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

  /**
   * §10 step 1 and the facts the rest decides on: NOT_FOUND for no such assignment,
   * NOT_ASSIGNED for another judge's.
   */
  private async ownFacts(
    ctx: RequestCtx,
    id: string,
    clientMutationId: string,
  ): Promise<SheetFacts> {
    if (ctx.viewer?.role !== Role.JUDGE) {
      throw new Forbidden(JudgingReason.NOT_ASSIGNED, 'only the assigned judge scores an entry');
    }
    const facts = isUuid(id)
      ? await readSheetFacts(this.dataSource.manager, id, clientMutationId)
      : null;
    if (!facts) throw new NotFound(JudgingReason.ASSIGNMENT_NOT_FOUND, `no assignment ${id}`);
    if (facts.judgeId !== ctx.viewer.userId) {
      throw new Forbidden(JudgingReason.NOT_ASSIGNED, 'this entry is assigned to another judge');
    }
    return facts;
  }

  /**
   * The round's criteria prepared for checking sheets, read once: they cannot change after the
   * round leaves DRAFT, and sheets are taken only while it is OPEN.
   */
  private async scoringPlanOf(ctx: RequestCtx, roundId: string): Promise<ScoringPlan> {
    let plan = this.plans.get(roundId);
    if (!plan) {
      plan = scoringPlan(await this.rounds.criteriaOf(ctx, [roundId]));
      if (this.plans.size >= PLANS_KEPT) this.plans.clear();
      this.plans.set(roundId, plan);
    }
    return plan;
  }
}

/** §10 step 2: the stored sheet for the same payload, IDEMPOTENCY_KEY_REUSED for another. */
function replayed(facts: SheetFacts, payloadHash: string): StoredSheet {
  if (facts.replay!.payloadHash !== payloadHash || facts.sheet?.id !== facts.replay!.sheetId) {
    throw new Conflict(
      JudgingReason.IDEMPOTENCY_KEY_REUSED,
      'this clientMutationId was used for other scores; make a new one for a new submission',
    );
  }
  return facts.sheet;
}

/** Something another request committed between our read and our writes. */
function isRace(error: unknown): boolean {
  const driverError = (error as { driverError?: { sqlMessage?: string } }).driverError ?? error;
  return (
    ((driverError as { sqlMessage?: string }).sqlMessage ?? '').startsWith('score_sheet_write:') ||
    isDuplicateKey(error, 'PRIMARY') ||
    isDuplicateKey(error, 'UQ_score_sheets_assignment') ||
    isDeadlock(error)
  );
}

const WRITE_SQL = 'CALL score_sheet_write(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

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
