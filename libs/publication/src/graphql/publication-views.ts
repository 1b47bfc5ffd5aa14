import { Inject, Injectable } from '@nestjs/common';
import { AppConfig, APP_CONFIG, RequestCtx, Role } from '@app/core';
import { EntryFactsService } from '@app/entries';
import { isOrganiser } from '@app/identity';
import { AwardTierModel, QuotaModel, RoundService, toAwardTierModel } from '@app/judging';
import { DocumentRunsService } from '../documents/document-runs.service';
import {
  DocumentRunState,
  PublicationDocumentRunEntity,
} from '../documents/publication-document.entity';
import { ObjectionService } from '../objection.service';
import { PublicationDocumentsStatus, PublicationStatus } from '../publication-enums';
import { ObjectionEntity, PublicationEntity, PublishedItemEntity } from '../publication.entity';
import { PublicationService } from '../publication.service';
import type { AwardRevocationEntity } from '../revocation/award-revocation.entity';
import { AwardRevocationService } from '../revocation/award-revocation.service';
import {
  AwardRevocationModel,
  ObjectionModel,
  PublicationDocumentsModel,
  PublicationModel,
  PublishedItemModel,
} from './publication.models';

/** Award tiers by round, then key. */
export type TierIndex = Map<string, Map<string, AwardTierModel>>;

/**
 * Turns publications into what a viewer may see, for any number of them in a fixed number of
 * statements (items, tiers, thumbnails, objections, and an entrant's own entries): a list of
 * publications costs the same whatever its length. Only what was published is shown; nothing
 * of judges, sheets or scores is ever read here.
 */
@Injectable()
export class PublicationViews {
  private readonly publicUrl: string;

  constructor(
    private readonly publications: PublicationService,
    private readonly objections: ObjectionService,
    private readonly revocations: AwardRevocationService,
    private readonly rounds: RoundService,
    private readonly entries: EntryFactsService,
    private readonly documentRuns: DocumentRunsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publicUrl = config.publicUrl.replace(/\/+$/, '');
  }

  async models(ctx: RequestCtx, rows: readonly PublicationEntity[]): Promise<PublicationModel[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((p) => p.id);
    const organiser = isOrganiser(ctx.viewer);
    const [items, tiers, objections, revocations, runs] = await Promise.all([
      this.publications.itemsOf(ctx, ids),
      this.tierIndex(
        ctx,
        rows.map((p) => p.roundId),
      ),
      organiser
        ? this.objections.ofPublications(ctx, ids)
        : Promise.resolve(new Map<string, ObjectionEntity[]>()),
      this.revocations.ofPublications(ctx, ids),
      // One statement for organisers whatever the publications' statuses (a run exists only
      // for a FINAL one).
      organiser
        ? this.documentRuns.ofPublications(ctx, ids)
        : Promise.resolve(new Map<string, PublicationDocumentRunEntity>()),
    ]);
    const entryIds = [...items.values()].flat().map((i) => i.entryId);
    const [thumbnails, ownEntries] = await Promise.all([
      this.publications.thumbnailKeys(ctx, entryIds),
      this.ownEntries(ctx, entryIds),
    ]);
    return rows.map((p) => ({
      id: p.id,
      roundId: p.roundId,
      version: p.version,
      status: p.status,
      publishedAt: p.publishedAt,
      noticeEndsAt: p.noticeEndsAt,
      finalisedAt: p.finalisedAt,
      hash: p.hash,
      showScores: p.showScores,
      items: (items.get(p.id) ?? []).map((item) => {
        const key = thumbnails.get(item.entryId);
        return {
          ...itemModel(item, tiers.get(p.roundId)),
          score: p.showScores && item.score !== null ? Number(item.score) : null,
          thumbnailUrl: key ? `${this.publicUrl}/api/renditions/${key}.webp` : null,
          certificateCode: organiser || ownEntries.has(item.entryId) ? item.certificateCode : null,
          revocation: toRevocationModel(revocations.get(p.id)?.get(item.entryCode) ?? null),
        };
      }),
      objections: (objections.get(p.id) ?? []).map(toObjectionModel),
      documents: p.status === PublicationStatus.FINAL ? toDocumentsModel(runs.get(p.id)) : null,
    }));
  }

  async model(ctx: RequestCtx, row: PublicationEntity): Promise<PublicationModel> {
    return (await this.models(ctx, [row]))[0];
  }

  async tierIndex(ctx: RequestCtx, roundIds: readonly string[]): Promise<TierIndex> {
    const index: TierIndex = new Map();
    for (const tier of await this.rounds.tiersOf(ctx, [...new Set(roundIds)])) {
      let ofRound = index.get(tier.roundId);
      if (!ofRound) index.set(tier.roundId, (ofRound = new Map()));
      ofRound.set(tier.key, toAwardTierModel(tier));
    }
    return index;
  }

  /** An entrant sees its own certificate codes; nobody else but organisers sees any. */
  private async ownEntries(ctx: RequestCtx, entryIds: readonly string[]): Promise<Set<string>> {
    const entrantId = ctx.viewer?.role === Role.ENTRANT ? ctx.viewer.entrantId : null;
    if (!entrantId || entryIds.length === 0) return new Set();
    return this.entries.filedBy(ctx, entrantId, entryIds);
  }
}

/** The item without its viewer-dependent fields. */
export function itemModel(
  item: PublishedItemEntity,
  tiers: Map<string, AwardTierModel> | undefined,
): Omit<PublishedItemModel, 'thumbnailUrl' | 'certificateCode' | 'score' | 'revocation'> {
  return {
    entryCode: item.entryCode,
    title: item.title,
    entrantName: item.entrantName,
    regionName: item.regionName,
    categoryName: item.categoryName,
    award: awardOf(item, tiers),
    rank: item.rank,
  };
}

/** The round's tier as it is; its name and rank as published if the round no longer has it. */
export function awardOf(
  item: Pick<PublishedItemEntity, 'awardKey' | 'awardName' | 'awardRank'>,
  tiers: Map<string, AwardTierModel> | undefined,
): AwardTierModel | null {
  if (item.awardKey === null) return null;
  const tier = tiers?.get(item.awardKey);
  if (tier) return tier;
  const quota: QuotaModel = { mode: 'COUNT', value: 0 } as unknown as QuotaModel;
  return {
    key: item.awardKey,
    name: item.awardName ?? item.awardKey,
    rank: item.awardRank ?? 0,
    quota,
  };
}

export function toObjectionModel(o: ObjectionEntity): ObjectionModel {
  return {
    id: o.id,
    publicationId: o.publicationId,
    entryCode: o.entryCode,
    reason: o.reason,
    status: o.status,
    response: o.response,
    createdAt: o.createdAt,
  };
}

export function toRevocationModel(r: AwardRevocationEntity | null): AwardRevocationModel | null {
  return r ? { revokedAt: r.revokedAt, reason: r.reason, cause: r.cause } : null;
}

/** A run as organisers see it: DONE is READY; no run (not FINAL, or not an organiser) is null. */
export function toDocumentsModel(
  run: PublicationDocumentRunEntity | undefined,
): PublicationDocumentsModel | null {
  if (!run) return null;
  const status = {
    [DocumentRunState.QUEUED]: PublicationDocumentsStatus.QUEUED,
    [DocumentRunState.RENDERING]: PublicationDocumentsStatus.RENDERING,
    [DocumentRunState.DONE]: PublicationDocumentsStatus.READY,
    [DocumentRunState.FAILED]: PublicationDocumentsStatus.FAILED,
  }[run.state];
  return {
    status,
    total: run.total,
    rendered: run.rendered,
    failure: run.failure,
    updatedAt: run.updatedAt,
  };
}
