import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { RequestCtx, Role, systemCtx } from '@app/core';
import { CategoryService, EventKind, EventService, EventStatus } from '@app/events';
import { EntrantService, EntrantType, RegionService } from '@app/identity';
import { completeCreditCode } from '@app/validators';

/** An administrator acting through the services, as the benches seed. */
export function adminCtx(): RequestCtx {
  return {
    ...systemCtx('bench'),
    viewer: { userId: randomUUID(), role: Role.ADMIN, entrantId: null, regionCode: null },
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
