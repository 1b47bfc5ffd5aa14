import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { RequestCtx } from '@app/core';
import { EntryQueryService, toEntryModel } from '@app/entries';
import { Ctx, ORGANISING_ROLES, Roles, toUserModel, UserService } from '@app/identity';
import { Aggregation, RoundService, toAwardTierModel } from '@app/judging';
import { EXACT_QUALITY_DIGITS } from '@app/tabulation';
import { RoundWhatIfModel, WhatIfMethod } from './round-what-if.models';
import { RoundWhatIfService } from './round-what-if.service';

/** roundWhatIf(roundId, changesOnly): thin; the service decides who may see it and computes. */
@Resolver()
export class RoundWhatIfResolver {
  constructor(
    private readonly whatIf: RoundWhatIfService,
    private readonly entries: EntryQueryService,
    private readonly users: UserService,
    private readonly rounds: RoundService,
  ) {}

  @Roles(...ORGANISING_ROLES)
  @Query(() => RoundWhatIfModel, {
    description:
      'organisers only, CLOSED or TABULATED rounds: the results under each aggregation and under a judge-bias model beside the round’s own; read-only',
  })
  async roundWhatIf(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('changesOnly', {
      type: () => Boolean,
      defaultValue: false,
      description: 'only the entries whose award or advancement depends on the method',
    })
    changesOnly: boolean,
  ): Promise<RoundWhatIfModel> {
    const { round, report, tabulationVersion, matchesStoredTabulation } = await this.whatIf.ofRound(
      ctx,
      roundId,
    );
    const listed = changesOnly
      ? report.entries.filter((e) => e.awardDependsOnMethod || e.advancementDependsOnMethod)
      : report.entries;
    // Entries, judges and tiers in one query each, whatever the size of the round.
    const [entries, users, tiers] = await Promise.all([
      this.entries.byIds(
        ctx,
        listed.map((e) => e.entryId),
      ),
      this.users.byIds(
        ctx,
        report.biasFit.judges.map((j) => j.judgeId),
      ),
      this.rounds.tiersOf(ctx, [roundId]),
    ]);
    const entryById = new Map(entries.map((e) => [e.id, e]));
    const userById = new Map(users.map((u) => [u.id, u]));
    const tierByKey = new Map(tiers.map((t) => [t.key, toAwardTierModel(t)]));
    const shortComponent = report.biasFit.components.map(
      (c) => c.denominator.toString().length <= EXACT_QUALITY_DIGITS,
    );
    return {
      roundId: round.id,
      aggregation: round.aggregation as Aggregation,
      tabulationVersion,
      matchesStoredTabulation,
      methods: report.methods.map((m) => ({
        method: m.method as WhatIfMethod,
        own: m.own,
        awardsComparable: m.awardsComparable,
        kendallTau: m.kendallTau.value,
        entriesChangingAward: m.entriesChangingAward,
        entriesChangingAdvancement: m.entriesChangingAdvancement,
        entriesChangingRank: m.entriesChangingRank,
      })),
      entriesDependingOnMethod: report.entries.filter((e) => e.awardDependsOnMethod).length,
      entries: listed.flatMap((e) => {
        const entry = entryById.get(e.entryId);
        if (!entry) return [];
        return [
          {
            ...e,
            entry: toEntryModel(entry),
            outcomes: e.outcomes.map((o) => ({
              ...o,
              method: o.method as WhatIfMethod,
              award: o.award ? (tierByKey.get(o.award) ?? null) : null,
            })),
          },
        ];
      }),
      judgeBiases: report.biasFit.judges.flatMap((j) => {
        const user = userById.get(j.judgeId);
        if (!user) return [];
        return [
          {
            judge: toUserModel(user),
            sheets: j.sheets,
            bias: j.bias,
            biasExact: shortComponent[j.component] ? j.biasExact.toString() : null,
            component: j.component,
          },
        ];
      }),
      components: report.biasFit.components.length,
    };
  }
}
