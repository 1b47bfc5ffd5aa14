import { completeCreditCode, GUANGXI_CITIES } from '@app/validators';
import type { TestApp } from './test-app';

/** A valid unified social credit code, different for each `n` (enterprise, Nanning). */
export function creditCode(n: number): string {
  return completeCreditCode(`91450100MA${String(n).padStart(6, '0')}`);
}

export const UPSERT_REGIONS =
  'mutation($input:[RegionInput!]!){upsertRegions(input:$input){code name}}';
export const REGISTER_ENTRANT =
  'mutation($input:RegisterEntrantInput!){registerEntrant(input:$input){token user{id email role entrant{id name creditCode regionCode region{code name}}}}}';
export const CREATE_USER =
  'mutation($input:CreateUserInput!){createUser(input:$input){id email name role regionCode affiliationEntrantId}}';

/** Loads the 14 Guangxi cities as regions (as an admin). */
export async function seedRegions(app: TestApp): Promise<void> {
  const res = await app.gql(
    UPSERT_REGIONS,
    { input: GUANGXI_CITIES.map((c) => ({ code: c.code, name: c.name })) },
    await app.adminToken(),
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
}
