import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { BadUserInput, CommonReason, Conflict, Forbidden, NotFound, RequestCtx } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { creditCodeProblem, normaliseCreditCode } from '@app/validators';
import { EntrantService } from '../entrant/entrant.service';
import { IdentityReason } from '../identity.errors';
import { isOrganiser } from '../role';
import { CreditCodeReleaseEntity } from './credit-code-release.entity';
import { ENTRANT_ENTRIES, EntrantEntries } from './entrant-entries.port';

export const MAX_RELEASE_REASON_LENGTH = 500;
export const RELEASES_LISTED = 200;

/**
 * How an enterprise gets back a credit code someone else registered (a squatter, or another
 * entrant's typing mistake): an organiser, having checked the enterprise's licence, releases the
 * code. The entrant that held it keeps its account and drafts, without a credit code; the
 * enterprise then signs up with it. Refused while the holder has entries in play (SUBMITTED or
 * ACCEPTED): those are screened, judged or awarded under that code, and are settled first
 * (rejected, withdrawn or disqualified, each audited in its event). Every release is recorded
 * (who, when, which entrant, why) in `credit_code_releases`, which organisers read.
 */
@Injectable()
export class CreditCodeReleaseService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly entrants: EntrantService,
    @Inject(ENTRANT_ENTRIES) private readonly entries: EntrantEntries,
  ) {}

  async release(
    ctx: RequestCtx,
    given: string,
    reason: string,
    now = new Date(),
  ): Promise<CreditCodeReleaseEntity> {
    const viewer = ctx.viewer;
    if (!viewer || !isOrganiser(viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers release credit codes');
    }
    const creditCode = checkedCode(given);
    const why = checkedReason(reason);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const holder = await this.entrants.lockByCreditCode(tx, creditCode);
      if (!holder) {
        throw new NotFound(
          IdentityReason.CREDIT_CODE_NOT_FOUND,
          `no entrant holds credit code ${creditCode}`,
        );
      }
      const inPlay = await this.entries.entriesInPlay(tx, holder.id);
      if (inPlay > 0) {
        throw new Conflict(
          IdentityReason.CREDIT_CODE_IN_USE,
          `the entrant holding ${creditCode} has ${inPlay} entries submitted or accepted; settle them first`,
          { entriesInPlay: inPlay },
        );
      }
      await this.entrants.clearCreditCode(tx, holder.id, creditCode);
      const record = Object.assign(new CreditCodeReleaseEntity(), {
        id: randomUUID(),
        creditCode,
        entrantId: holder.id,
        releasedBy: viewer.userId,
        reason: why,
        releasedAt: now,
      });
      await repo(this.dataSource, tx, CreditCodeReleaseEntity).insert(record);
      return record;
    });
  }

  /** The releases, newest first (the most recent RELEASES_LISTED). */
  list(ctx: RequestCtx): Promise<CreditCodeReleaseEntity[]> {
    return repo(this.dataSource, ctx, CreditCodeReleaseEntity).find({
      order: { releasedAt: 'DESC', id: 'ASC' },
      take: RELEASES_LISTED,
    });
  }
}

function checkedCode(given: string): string {
  const code = normaliseCreditCode(given);
  const problem = creditCodeProblem(code);
  if (problem !== null) {
    throw new BadUserInput(
      IdentityReason.INVALID_CREDIT_CODE,
      `"${given}" is not a valid unified social credit code (${problem})`,
      { field: 'creditCode', problem },
    );
  }
  return code;
}

function checkedReason(reason: string): string {
  const why = reason.trim();
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b-\u001f\u007f]/.test(why);
  if (why.length === 0 || [...why].length > MAX_RELEASE_REASON_LENGTH || control) {
    throw new BadUserInput(
      IdentityReason.REASON_REQUIRED,
      `say why, in 1 to ${MAX_RELEASE_REASON_LENGTH} characters`,
      { field: 'reason' },
    );
  }
  return why;
}
