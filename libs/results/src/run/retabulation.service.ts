import { Injectable } from '@nestjs/common';
import { BadUserInput, Forbidden, RequestCtx, CommonReason } from '@app/core';
import { isOrganiser } from '@app/identity';
import { RoundEntity, RoundService } from '@app/judging';
import { TabulationRunner } from './tabulation-runner';

/**
 * `retabulate`: a new version of a CLOSED or TABULATED round, computed in the request through
 * the same runner as the job (docs/decisions.md, "Retabulation in the request"). The same
 * sheets give the same hash; a refused input is BAD_USER_INPUT with the library's reason and
 * writes nothing.
 */
@Injectable()
export class RetabulationService {
  constructor(
    private readonly rounds: RoundService,
    private readonly runner: TabulationRunner,
  ) {}

  async retabulate(ctx: RequestCtx, roundId: string): Promise<RoundEntity> {
    if (!isOrganiser(ctx.viewer)) {
      throw new Forbidden(CommonReason.ROLE_NOT_ALLOWED, 'only organisers tabulate rounds');
    }
    await this.rounds.mustGet(ctx, roundId);
    const outcome = await this.runner.run(ctx, roundId, 'retabulate');
    if (outcome.kind === 'refused') {
      throw new BadUserInput(outcome.error.reason, outcome.error.message);
    }
    return this.rounds.mustGet(ctx, roundId);
  }
}
