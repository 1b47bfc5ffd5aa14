import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestCtx } from '@app/core';
import { EntrantEntity } from '../entrant/entrant.entity';
import { EntrantService } from '../entrant/entrant.service';
import { RegionEntity } from '../region/region.entity';
import { RegionService } from '../region/region.service';
import { UserEntity } from '../user/user.entity';
import { UserService } from '../user/user.service';

/** Answers in key order, null where nothing was found (DataLoader's contract). */
export function inKeyOrder<K, V>(
  keys: readonly K[],
  rows: readonly V[],
  keyOf: (row: V) => K,
): Array<V | null> {
  const byKey = new Map(rows.map((row) => [keyOf(row), row] as const));
  return keys.map((key) => byKey.get(key) ?? null);
}

/** For a one-to-many loader: the rows of each key, in the keys' order (empty when none). */
export function groupsInKeyOrder<K, V>(
  keys: readonly K[],
  rows: readonly V[],
  keyOf: (row: V) => K,
): V[][] {
  const groups = new Map<K, V[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return keys.map((key) => groups.get(key) ?? []);
}

export interface IdentityLoaderSet {
  entrant: DataLoader<string, EntrantEntity | null>;
  region: DataLoader<string, RegionEntity | null>;
  user: DataLoader<string, UserEntity | null>;
}

/**
 * Builds a fresh set of loaders for each GraphQL request (never a singleton: a cache shared
 * across users leaks). Each loader is one `IN (…)` query; who may see a row is decided by the
 * field resolver, not here.
 */
@Injectable()
export class IdentityLoaders {
  constructor(
    private readonly entrants: EntrantService,
    private readonly regions: RegionService,
    private readonly users: UserService,
  ) {}

  create(ctx: RequestCtx): IdentityLoaderSet {
    const region = new DataLoader<string, RegionEntity | null>(async (codes) =>
      inKeyOrder(codes, await this.regions.byCodes(ctx, codes), (r) => r.code),
    );
    return {
      // Entrants come with their region in the same statement, which primes the region
      // loader: `entrant { region }` on a page of entries costs one round trip, not two.
      entrant: new DataLoader(async (ids) => {
        const rows = await this.entrants.byIdsWithRegion(ctx, ids);
        for (const row of rows) if (row.region) region.prime(row.region.code, row.region);
        return inKeyOrder(ids, rows, (e) => e.id);
      }),
      region,
      user: new DataLoader(async (ids) =>
        inKeyOrder(ids, await this.users.byIds(ctx, ids), (u) => u.id),
      ),
    };
  }
}
