import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { BadUserInput, RequestCtx } from '@app/core';
import { inTransaction, repo } from '@app/db';
import { isValidRegionCode } from '@app/validators';
import { assertName } from '../auth/credential-rules';
import { IdentityReason } from '../identity.errors';
import { RegionEntity } from './region.entity';

export interface RegionDraft {
  code: string;
  name: string;
}

/** A national body may load all ~3,200 county-level divisions in one call; more is a mistake. */
export const MAX_REGIONS_PER_UPSERT = 5000;

@Injectable()
export class RegionService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(ctx: RequestCtx): Promise<RegionEntity[]> {
    return repo(this.dataSource, ctx, RegionEntity).find({ order: { code: 'ASC' } });
  }

  async byCodes(ctx: RequestCtx, codes: readonly string[]): Promise<RegionEntity[]> {
    if (codes.length === 0) return [];
    return repo(this.dataSource, ctx, RegionEntity).findBy({ code: In([...codes]) });
  }

  /** Throws BAD_USER_INPUT unless the code is well-formed and the region is loaded. */
  async assertExists(ctx: RequestCtx, code: string, field = 'regionCode'): Promise<string> {
    const normal = code.trim();
    if (!isValidRegionCode(normal)) {
      throw new BadUserInput(
        IdentityReason.INVALID_REGION_CODE,
        `"${code}" is not a GB/T 2260 region code`,
        { field },
      );
    }
    const exists = await repo(this.dataSource, ctx, RegionEntity).existsBy({ code: normal });
    if (!exists) {
      throw new BadUserInput(IdentityReason.UNKNOWN_REGION, `region ${normal} is not known here`, {
        field,
      });
    }
    return normal;
  }

  /** Adds new regions and renames existing ones; all or nothing. Answers them in code order. */
  async upsert(ctx: RequestCtx, drafts: readonly RegionDraft[]): Promise<RegionEntity[]> {
    const regions = validateDrafts(drafts);
    return inTransaction(this.dataSource, ctx, async (tx) => {
      const repository = repo(this.dataSource, tx, RegionEntity);
      for (let i = 0; i < regions.length; i += 500) {
        await repository.upsert(regions.slice(i, i + 500), ['code']);
      }
      return repository.find({
        where: { code: In(regions.map((r) => r.code)) },
        order: { code: 'ASC' },
      });
    });
  }
}

function validateDrafts(drafts: readonly RegionDraft[]): RegionDraft[] {
  if (drafts.length > MAX_REGIONS_PER_UPSERT) {
    throw new BadUserInput(
      IdentityReason.TOO_MANY_ITEMS,
      `at most ${MAX_REGIONS_PER_UPSERT} regions at once`,
    );
  }
  const seen = new Set<string>();
  return drafts.map((draft, index) => {
    const code = draft.code.trim();
    const field = `input[${index}]`;
    if (!isValidRegionCode(code)) {
      throw new BadUserInput(
        IdentityReason.INVALID_REGION_CODE,
        `"${draft.code}" is not a GB/T 2260 region code`,
        {
          field: `${field}.code`,
        },
      );
    }
    if (seen.has(code)) {
      throw new BadUserInput(
        IdentityReason.DUPLICATE_REGION_CODE,
        `region ${code} is listed twice`,
        {
          field: `${field}.code`,
        },
      );
    }
    seen.add(code);
    return { code, name: assertName(draft.name, `${field}.name`, 100) };
  });
}
