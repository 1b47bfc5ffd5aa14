import { Args, Float, ID, Query, Resolver } from '@nestjs/graphql';
import { RequestCtx } from '@app/core';
import { EntryQueryService, toEntryModel } from '@app/entries';
import { Ctx, ORGANISING_ROLES, Roles, toUserModel, UserService } from '@app/identity';
import { JudgeQualityService } from './judge-quality.service';
import { AgreementModel, RoundQualityModel } from './judge-quality.models';

/** judgeQuality(roundId, margin): thin; the service decides who may see it and computes. */
@Resolver()
export class JudgeQualityResolver {
  constructor(
    private readonly quality: JudgeQualityService,
    private readonly entries: EntryQueryService,
    private readonly users: UserService,
  ) {}

  @Roles(...ORGANISING_ROLES)
  @Query(() => RoundQualityModel, {
    description:
      'organisers only: judge statistics and agreement, panel and round agreement, cusp entries',
  })
  async judgeQuality(
    @Ctx() ctx: RequestCtx,
    @Args('roundId', { type: () => ID }) roundId: string,
    @Args('margin', { type: () => Float, nullable: true }) margin?: number | null,
  ): Promise<RoundQualityModel> {
    const q = await this.quality.ofRound(ctx, roundId, margin);
    // Users and entries in one query each, whatever the size of the round.
    const [users, entries] = await Promise.all([
      this.users.byIds(
        ctx,
        q.judges.map((j) => j.judgeId),
      ),
      this.entries.byIds(
        ctx,
        q.cusps.map((c) => c.entryId),
      ),
    ]);
    const userById = new Map(users.map((u) => [u.id, u]));
    const entryById = new Map(entries.map((e) => [e.id, e]));
    const panelById = new Map(
      q.panels.map((p) => [p.panelId, { id: p.panelId, name: p.panelName }]),
    );
    return {
      tabulationVersion: q.tabulationVersion,
      margin: q.margin,
      judges: q.judges.flatMap((j) => {
        const user = userById.get(j.judgeId);
        if (!user) return [];
        const panel = j.panelId ? (panelById.get(j.panelId) ?? null) : null;
        return [{ ...j, judge: toUserModel(user), panel }];
      }),
      panels: q.panels.map((p) => ({
        ...p,
        model: p.model as AgreementModel,
        panel: panelById.get(p.panelId)!,
      })),
      agreement: { ...q.roundAgreement, model: q.roundAgreement.model as AgreementModel },
      cusps: q.cusps.flatMap((c) => {
        const entry = entryById.get(c.entryId);
        return entry ? [{ ...c, entry: toEntryModel(entry) }] : [];
      }),
    };
  }
}
