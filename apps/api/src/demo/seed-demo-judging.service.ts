import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { RequestCtx, Role, withManager } from '@app/core';
import { EntryQueryService } from '@app/entries';
import { CategoryService } from '@app/events';
import { EntrantService, UserEntity, UserService } from '@app/identity';
import {
  type AssignmentEntity,
  AssignmentService,
  AssignmentStatus,
  PanelService,
  ConflictService,
  RoundEntity,
  RoundLifecycleService,
  RoundService,
  RoundSettingsInput,
  RoundStatus,
  ScoreSheetService,
} from '@app/judging';
import {
  AFFILIATION,
  ASSIGNMENT_SEED,
  CHANGE_COMMENT,
  CHANGE_EVERY,
  DECLARED_CONFLICT,
  DEMO_JUDGES,
  DEMO_PANELS,
  DemoJudge,
  RECUSAL,
  ROUND_ONE,
  ROUND_TWO,
  SHEET_COMMENTS,
} from './demo-judging-data';
import { DEMO_PASSWORD } from './demo-data';
import { changedScores, demoScores } from './demo-scores';
import { DemoResultsService } from './seed-demo-results.service';

/** A judge of the demo with their user row. */
interface SeatedJudge extends DemoJudge {
  user: UserEntity;
}

/** An assignment of a round with what the seed decides on: the entry's title, the sheet's version. */
interface Duty {
  assignment: AssignmentEntity;
  title: string;
  judge: SeatedJudge;
  version: number;
}

/**
 * The judging part of `npm run seed:demo` (issues 5–7), through the services as an organiser and
 * as each judge would use them. It resumes rather than repeats: every step looks at what is
 * stored (judges by email, rounds by name, a round's status, sheets by assignment) and does only
 * what is missing, so a second run writes nothing and a run cut short is finished by the next.
 * Score sheets commit one by one (the sheet procedure commits), so this cannot be one
 * transaction as the event's part is; each setup step is one.
 */
@Injectable()
export class SeedDemoJudgingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UserService,
    private readonly entrants: EntrantService,
    private readonly categories: CategoryService,
    private readonly entries: EntryQueryService,
    private readonly rounds: RoundService,
    private readonly lifecycle: RoundLifecycleService,
    private readonly panels: PanelService,
    private readonly conflicts: ConflictService,
    private readonly assignments: AssignmentService,
    private readonly sheets: ScoreSheetService,
    private readonly results: DemoResultsService,
  ) {}

  /** Runs what is missing and answers what this run did, in order. */
  async run(ctx: RequestCtx, eventId: string): Promise<string[]> {
    const done: string[] = [];
    const judges = await this.ensureJudges(ctx, done);

    let one = await this.roundNamed(ctx, eventId, ROUND_ONE.name);
    if (!one) {
      one = await this.setUpRound(ctx, eventId, ROUND_ONE, judges);
      done.push(`round ${one.name}: panels, judges assigned (seed ${ASSIGNMENT_SEED}), opened`);
    }
    if (one.status === RoundStatus.OPEN) {
      await this.judgeRoundOne(ctx, one, judges, done);
      await this.lifecycle.close(ctx, one.id);
      done.push(`round ${one.name} closed`);
    }
    one = await this.rounds.mustGet(ctx, one.id);
    if (one.status === RoundStatus.CLOSED) {
      done.push(await this.results.tabulate(ctx, one));
    }
    done.push(...(await this.results.publishWithObjection(ctx, one.id)));

    let two = await this.roundNamed(ctx, eventId, ROUND_TWO.name);
    if (!two) {
      two = await this.setUpRound(ctx, eventId, { ...ROUND_TWO, previousRoundId: one.id }, judges);
      done.push(`round ${two.name}: the advanced entries assigned and opened`);
    }
    if (two.status === RoundStatus.OPEN) {
      const submitted = await this.judgeRoundTwoInPart(ctx, two, judges);
      if (submitted > 0) done.push(`round ${two.name}: ${submitted} sheets submitted`);
    }
    return done;
  }

  /** The sign-ins of the demo's judges, for the summary. */
  judgeSignIns(): string[] {
    return DEMO_JUDGES.map((j) => {
      const note =
        j.email === AFFILIATION.judgeEmail
          ? `, works for ${AFFILIATION.entrantName}`
          : j.email === DECLARED_CONFLICT.judgeEmail
            ? `, declared conflict with ${DECLARED_CONFLICT.entrantName}`
            : '';
      return `${j.email} (JUDGE ${j.name}${note})`;
    });
  }

  /** Twelve judges, one affiliated with an entrant and one with a declared conflict: one transaction. */
  private async ensureJudges(ctx: RequestCtx, done: string[]): Promise<SeatedJudge[]> {
    const existing = await this.users.byEmail(ctx, DEMO_JUDGES[0].email);
    if (!existing) {
      await this.dataSource.transaction(async (manager) => {
        const tx = withManager(ctx, manager);
        const [affiliated, conflicted] = await Promise.all([
          this.entrantNamed(tx, AFFILIATION.entrantName),
          this.entrantNamed(tx, DECLARED_CONFLICT.entrantName),
        ]);
        for (const j of DEMO_JUDGES) {
          const user = await this.users.create(tx, {
            email: j.email,
            password: DEMO_PASSWORD,
            name: j.name,
            role: Role.JUDGE,
            affiliationEntrantId: j.email === AFFILIATION.judgeEmail ? affiliated : null,
          });
          if (j.email === DECLARED_CONFLICT.judgeEmail) {
            await this.conflicts.declare(tx, user.id, conflicted, DECLARED_CONFLICT.reason);
          }
        }
      });
      done.push(
        `${DEMO_JUDGES.length} judges, one affiliated with an entrant, one conflict declared`,
      );
    }
    const seated: SeatedJudge[] = [];
    for (const j of DEMO_JUDGES) {
      const user = await this.users.byEmail(ctx, j.email);
      if (!user) throw new Error(`seed:demo: judge ${j.email} is missing`);
      seated.push({ ...j, user });
    }
    return seated;
  }

  /** Creates a round with the demo's two panels, assigns judges and opens it, in one transaction. */
  private setUpRound(
    ctx: RequestCtx,
    eventId: string,
    settings: RoundSettingsInput,
    judges: readonly SeatedJudge[],
  ): Promise<RoundEntity> {
    return this.dataSource.transaction(async (manager) => {
      const tx = withManager(ctx, manager);
      const round = await this.rounds.create(tx, eventId, settings);
      const categories = await this.categories.ofEvents(tx, [eventId]);
      const categoryId = new Map(categories.map((c) => [c.code, c.id]));
      const userOf = new Map(judges.map((j) => [j.email, j.user.id]));
      for (const panel of DEMO_PANELS) {
        await this.panels.create(tx, {
          roundId: round.id,
          name: panel.name,
          categoryIds: panel.categoryCodes.map((code) => categoryId.get(code)!),
          judgeIds: panel.judgeEmails.map((email) => userOf.get(email)!),
        });
      }
      await this.assignments.assign(tx, round.id, ASSIGNMENT_SEED);
      return this.lifecycle.open(tx, round.id);
    });
  }

  /**
   * Round one, as the judges would do it on their tablets: one judge steps aside from an entry
   * before scoring it and the top-up gives it another; then every sheet is submitted, and a few
   * are changed afterwards (version 2). Sheets carry clientMutationIds derived from their
   * assignment, so a repeated submission answers the stored sheet.
   */
  private async judgeRoundOne(
    ctx: RequestCtx,
    round: RoundEntity,
    judges: readonly SeatedJudge[],
    done: string[],
  ): Promise<void> {
    let duties = await this.dutiesOf(ctx, round, judges);
    if (!duties.some((d) => d.assignment.status === AssignmentStatus.RECUSED)) {
      const mine = duties.find(
        (d) =>
          d.judge.email === RECUSAL.judgeEmail && d.assignment.status === AssignmentStatus.PENDING,
      );
      if (mine) {
        await this.sheets.recuse(judgeCtx(mine.judge), mine.assignment.id, RECUSAL.reason);
        done.push(`round ${round.name}: ${mine.judge.email} recused from 《${mine.title}》`);
      }
    }
    duties = await this.dutiesOf(ctx, round, judges);
    if (recusalNotMadeUp(duties, round.judgesPerEntry)) {
      await this.assignments.assign(ctx, round.id, ASSIGNMENT_SEED);
      done.push(`round ${round.name}: topped up`);
      duties = await this.dutiesOf(ctx, round, judges);
    }
    const counted = duties.filter((d) => d.assignment.status !== AssignmentStatus.RECUSED);
    let submitted = 0;
    let changed = 0;
    for (const [i, duty] of counted.entries()) {
      const scores = demoScores(
        ROUND_ONE.criteria,
        round.name,
        duty.title,
        duty.judge.email,
        duty.judge.leniency,
      );
      if (duty.version === 0) {
        await this.submit(duty, scores, i % 4 === 0 ? SHEET_COMMENTS[i % 5] : null, 1);
        duty.version = 1;
        submitted++;
      }
      if (i % CHANGE_EVERY === CHANGE_EVERY - 1 && duty.version === 1) {
        await this.submit(
          duty,
          changedScores(ROUND_ONE.criteria, scores, 'craft'),
          CHANGE_COMMENT,
          2,
        );
        changed++;
      }
    }
    done.push(`round ${round.name}: ${submitted} sheets submitted, ${changed} changed`);
  }

  /**
   * Round two stays OPEN for the tablets: each judge has submitted the share of their sheets
   * the demo data gives them (the first ones by title), some none at all.
   */
  private async judgeRoundTwoInPart(
    ctx: RequestCtx,
    round: RoundEntity,
    judges: readonly SeatedJudge[],
  ): Promise<number> {
    const duties = await this.dutiesOf(ctx, round, judges);
    let submitted = 0;
    for (const judge of judges) {
      const own = duties.filter((d) => d.judge.email === judge.email);
      for (const duty of own.slice(0, Math.round(own.length * judge.roundTwoDone))) {
        if (duty.version > 0 || duty.assignment.status !== AssignmentStatus.PENDING) continue;
        const scores = demoScores(
          ROUND_TWO.criteria,
          round.name,
          duty.title,
          judge.email,
          judge.leniency,
        );
        await this.submit(duty, scores, null, 1);
        submitted++;
      }
    }
    return submitted;
  }

  private submit(
    duty: Duty,
    scores: ReturnType<typeof demoScores>,
    comment: string | null,
    version: number,
  ) {
    return this.sheets.submit(judgeCtx(duty.judge), {
      assignmentId: duty.assignment.id,
      scores,
      comment,
      clientMutationId: `seed-demo-${duty.assignment.id}-v${version}`,
      baseVersion: version === 1 ? null : version - 1,
    });
  }

  /** The round's assignments with their entries' titles and sheet versions, by title then judge. */
  private async dutiesOf(
    ctx: RequestCtx,
    round: RoundEntity,
    judges: readonly SeatedJudge[],
  ): Promise<Duty[]> {
    const assignments = await this.assignments.ofRound(ctx, round.id);
    const sheets = await this.sheets.sheetsOf(
      ctx,
      assignments.map((a) => a.id),
    );
    const entries = await this.entries.byIds(ctx, [...new Set(assignments.map((a) => a.entryId))]);
    const titleOf = new Map(entries.map((e) => [e.id, e.title]));
    const versionOf = new Map(sheets.map((s) => [s.assignmentId, s.version]));
    const judgeOf = new Map(judges.map((j) => [j.user.id, j]));
    return assignments
      .map((assignment) => ({
        assignment,
        title: titleOf.get(assignment.entryId) ?? '',
        judge: judgeOf.get(assignment.judgeId)!,
        version: versionOf.get(assignment.id) ?? 0,
      }))
      .sort((a, b) => compare(a.title, b.title) || compare(a.judge.email, b.judge.email));
  }

  private async roundNamed(
    ctx: RequestCtx,
    eventId: string,
    name: string,
  ): Promise<RoundEntity | null> {
    return (await this.rounds.ofEvent(ctx, eventId)).find((r) => r.name === name) ?? null;
  }

  private async entrantNamed(ctx: RequestCtx, name: string): Promise<string> {
    const [entrant] = await this.entrants.byNames(ctx, [name]);
    if (!entrant) throw new Error(`seed:demo: no entrant ${name}`);
    return entrant.id;
  }
}

function judgeCtx(judge: SeatedJudge): RequestCtx {
  return {
    viewer: { userId: judge.user.id, role: Role.JUDGE, entrantId: null, regionCode: null },
    requestId: 'seed-demo',
    ip: '127.0.0.1',
  };
}

/**
 * Is an entry a judge stepped aside from still short of judges (the top-up not yet run)? Only
 * recused entries count: an entry short for lack of judges would stay short, and a top-up of
 * every run would write an audit record each time.
 */
function recusalNotMadeUp(duties: readonly Duty[], judgesPerEntry: number): boolean {
  const active = (entryId: string) =>
    duties.filter(
      (d) => d.assignment.entryId === entryId && d.assignment.status !== AssignmentStatus.RECUSED,
    ).length;
  return duties.some(
    (d) =>
      d.assignment.status === AssignmentStatus.RECUSED &&
      active(d.assignment.entryId) < judgesPerEntry,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
