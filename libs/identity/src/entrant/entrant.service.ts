import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { BadUserInput, Conflict, RequestCtx } from '@app/core';
import { containsPattern, isDuplicateKey, repo } from '@app/db';
import { creditCodeProblem, normaliseCreditCode } from '@app/validators';
import { assertName, optionalName, optionalPhone } from '../auth/credential-rules';
import { IdentityReason } from '../identity.errors';
import { RegionService } from '../region/region.service';
import { EntrantType } from '../role';
import { RegionEntity } from '../region/region.entity';
import { EntrantEntity } from './entrant.entity';

export interface EntrantDraft {
  type: EntrantType;
  name: string;
  creditCode?: string | null;
  regionCode: string;
  contactName?: string | null;
  phone?: string | null;
}

const NEEDS_CREDIT_CODE: readonly EntrantType[] = [EntrantType.ENTERPRISE, EntrantType.INSTITUTION];

@Injectable()
export class EntrantService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly regions: RegionService,
  ) {}

  async byIds(ctx: RequestCtx, ids: readonly string[]): Promise<EntrantEntity[]> {
    if (ids.length === 0) return [];
    return repo(this.dataSource, ctx, EntrantEntity).findBy({ id: In([...ids]) });
  }

  /**
   * With `region` joined in (one statement). Hand-written SQL: a page of entries asks for up to
   * 100 entrants at a time, and TypeORM's relation hydration cost more than the statement.
   */
  async byIdsWithRegion(ctx: RequestCtx, ids: readonly string[]): Promise<EntrantEntity[]> {
    if (ids.length === 0) return [];
    const rows: EntrantWithRegionRow[] = await (ctx.manager ?? this.dataSource.manager).query(
      `SELECT n.id, n.type, n.name, n.credit_code, n.region_code, n.contact_name, n.phone,
              n.created_at, n.updated_at,
              r.name AS region_name, r.created_at AS region_created_at, r.updated_at AS region_updated_at
         FROM entrants n JOIN regions r ON r.code = n.region_code
        WHERE n.id IN (${ids.map(() => '?').join(', ')})`,
      [...ids],
    );
    return rows.map((row) => {
      const region = Object.assign(new RegionEntity(), {
        code: row.region_code,
        name: row.region_name,
        createdAt: row.region_created_at,
        updatedAt: row.region_updated_at,
      });
      return Object.assign(new EntrantEntity(), {
        id: row.id,
        type: row.type,
        name: row.name,
        creditCode: row.credit_code,
        regionCode: row.region_code,
        region,
        contactName: row.contact_name,
        phone: row.phone,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      });
    });
  }

  async byCreditCodes(ctx: RequestCtx, codes: readonly string[]): Promise<EntrantEntity[]> {
    if (codes.length === 0) return [];
    return repo(this.dataSource, ctx, EntrantEntity).findBy({ creditCode: In([...codes]) });
  }

  /** Entrants by exact name (several may share one: the caller decides what that means). */
  async byNames(ctx: RequestCtx, names: readonly string[]): Promise<EntrantEntity[]> {
    if (names.length === 0) return [];
    return repo(this.dataSource, ctx, EntrantEntity).findBy({ name: In([...names]) });
  }

  /** The ids of the entrants whose name contains `text` (an entry list's search). */
  async idsNameContains(ctx: RequestCtx, text: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await (ctx.manager ?? this.dataSource.manager).query(
      'SELECT id FROM entrants WHERE name LIKE ?',
      [containsPattern(text)],
    );
    return rows.map((row) => row.id);
  }

  async byId(ctx: RequestCtx, id: string): Promise<EntrantEntity | null> {
    return repo(this.dataSource, ctx, EntrantEntity).findOneBy({ id });
  }

  /**
   * Validates and inserts an entrant. Enterprises and institutions need a valid unified social
   * credit code; an individual may give one (a registered individual business has one too).
   * Call inside the caller's transaction.
   */
  async create(ctx: RequestCtx, draft: EntrantDraft): Promise<EntrantEntity> {
    const checked = checkedEntrantDraft(draft);
    const entrant: EntrantEntity = Object.assign(new EntrantEntity(), {
      id: randomUUID(),
      ...checked,
      regionCode: await this.regions.assertExists(ctx, draft.regionCode),
    });
    try {
      await repo(this.dataSource, ctx, EntrantEntity).insert(entrant);
    } catch (error) {
      if (isDuplicateKey(error, 'UQ_entrants_credit_code')) {
        throw new Conflict(
          IdentityReason.CREDIT_CODE_TAKEN,
          `an entrant with credit code ${entrant.creditCode} is already registered`,
        );
      }
      throw error;
    }
    return entrant;
  }

  /**
   * Takes the credit code off the entrant holding it (CreditCodeReleaseService, inside its
   * transaction, with the row locked). Answers false when no entrant holds it any more.
   */
  async clearCreditCode(ctx: RequestCtx, entrantId: string, creditCode: string): Promise<boolean> {
    const result = await repo(this.dataSource, ctx, EntrantEntity).update(
      { id: entrantId, creditCode },
      { creditCode: null },
    );
    return (result.affected ?? 0) === 1;
  }

  /** The entrant holding this credit code, its row locked until the transaction ends. */
  async lockByCreditCode(ctx: RequestCtx, creditCode: string): Promise<EntrantEntity | null> {
    return repo(this.dataSource, ctx, EntrantEntity).findOne({
      where: { creditCode },
      lock: { mode: 'pessimistic_write' },
    });
  }
}

/**
 * An entrant's fields checked and normalised, everything but whether its region exists (which
 * needs the database): what a sign-up checks before it counts against the throttle.
 */
export function checkedEntrantDraft(
  draft: EntrantDraft,
): Pick<EntrantEntity, 'type' | 'name' | 'creditCode' | 'contactName' | 'phone'> {
  return {
    type: draft.type,
    name: assertName(draft.name, 'name'),
    creditCode: checkedCreditCode(draft.type, draft.creditCode),
    contactName: optionalName(draft.contactName, 'contactName', 100),
    phone: optionalPhone(draft.phone),
  };
}

function checkedCreditCode(type: EntrantType, given: string | null | undefined): string | null {
  const code =
    given === null || given === undefined || given.trim() === ''
      ? null
      : normaliseCreditCode(given);
  if (code === null) {
    if (NEEDS_CREDIT_CODE.includes(type)) {
      throw new BadUserInput(
        IdentityReason.CREDIT_CODE_REQUIRED,
        `an ${type.toLowerCase()} needs its unified social credit code`,
        {
          field: 'creditCode',
        },
      );
    }
    return null;
  }
  const problem = creditCodeProblem(code);
  if (problem !== null) {
    throw new BadUserInput(
      IdentityReason.INVALID_CREDIT_CODE,
      `"${given}" is not a valid unified social credit code (${problem})`,
      {
        field: 'creditCode',
        problem,
      },
    );
  }
  return code;
}

interface EntrantWithRegionRow {
  id: string;
  type: EntrantType;
  name: string;
  credit_code: string | null;
  region_code: string;
  contact_name: string | null;
  phone: string | null;
  created_at: Date;
  updated_at: Date;
  region_name: string;
  region_created_at: Date;
  region_updated_at: Date;
}
