import type { INestApplication } from '@nestjs/common';
import { RequestCtx, Role, systemCtx } from '@app/core';
import { CategoryService, EventKind, EventService, EventStatus } from '@app/events';
import { EntrantService, EntrantType, RegionService, UserService } from '@app/identity';
import { completeCreditCode } from '@app/validators';

const BENCH_ADMIN_EMAIL = 'bench-admin@bench.example';

/**
 * An administrator acting through the services, as the benches seed. It is a real user (found or
 * made once per database), because what an administrator does is recorded against its account:
 * `user_admin_records.actor_id` is a foreign key to `users`.
 */
export async function adminCtx(api: INestApplication): Promise<RequestCtx> {
  const system = systemCtx('bench');
  const users = api.get(UserService);
  const admin =
    (await users.byEmail(system, BENCH_ADMIN_EMAIL)) ??
    (await users.insert(system, {
      email: BENCH_ADMIN_EMAIL,
      name: '基准管理员',
      // no password signs in as this account: it only acts through the services
      passwordHash: '!',
      role: Role.ADMIN,
      regionCode: null,
      entrantId: null,
      affiliationEntrantId: null,
    }));
  return {
    ...system,
    viewer: { userId: admin.id, role: Role.ADMIN, entrantId: null, regionCode: null },
  };
}

/** An OPEN event with one parent category, one leaf and one enterprise entrant (Nanning). */
export async function smallOpenEvent(
  api: INestApplication,
  ctx: RequestCtx,
  event: { slug: string; name: string; maxEntriesPerEntrant: number },
): Promise<{ eventId: string; leafId: string; entrantId: string }> {
  await api.get(RegionService).upsert(ctx, [{ code: '450100', name: '南宁市' }]);
  const created = await api.get(EventService).create(ctx, {
    ...event,
    kind: EventKind.CRAFTS_EXHIBITION,
  });
  const categories = api.get(CategoryService);
  const parent = await categories.create(ctx, { eventId: created.id, code: 'P', name: '大类' });
  const leaf = await categories.create(ctx, {
    eventId: created.id,
    code: 'P-1',
    name: '小类',
    parentId: parent.id,
  });
  await api.get(EventService).setStatus(ctx, created.id, EventStatus.OPEN);
  const entrant = await api.get(EntrantService).create(ctx, {
    type: EntrantType.ENTERPRISE,
    name: '基准企业',
    creditCode: completeCreditCode('91450100MA000001'),
    regionCode: '450100',
  });
  return { eventId: created.id, leafId: leaf.id, entrantId: entrant.id };
}

/** Resolves once `url` answers 200 (an API started in a process of its own), within 60 s. */
export async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${url} not ready within 60 s`);
}
