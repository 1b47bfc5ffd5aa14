import { randomUUID } from 'node:crypto';
import { DomainError } from '@app/core';
import {
  EntriesModule,
  EntryBatchService,
  EntryQueryService,
  EntryService,
  validateEntryFields,
} from '@app/entries';
import { CategoryService, EventKind, EventService } from '@app/events';
import { EntrantService, EntrantType, RegionService } from '@app/identity';
import { IntegrationTier, startIntegration } from '@app/testing';

/**
 * One filing rule, two ways in: an entry filed alone (EntryService.create) and entries filed
 * by the import (EntryBatchService.createMany) are refused for the same reasons, because both
 * ask filing-rules.ts. Against the real database, without HTTP.
 */
describe('filing an entry, alone and in a batch (integration)', () => {
  let tier: IntegrationTier;
  let eventId: string;
  let leaf: string;
  let parent: string;
  let otherEventsCategory: string;
  let full: string; // an entrant at the limit (2 live entries)
  let withOne: string; // an entrant with 1 live entry
  const fields = (title: string) => {
    const checked = validateEntryFields({ title }, 2026);
    if (!checked.ok) throw new Error('bad fixture');
    return checked.value;
  };

  beforeAll(async () => {
    tier = await startIntegration([EntriesModule]);
    const ctx = tier.organiser();
    await tier.get(RegionService).upsert(ctx, [{ code: '450100', name: '南宁市' }]);
    const events = tier.get(EventService);
    const categories = tier.get(CategoryService);
    const event = await events.create(ctx, {
      slug: `fair-${randomUUID().slice(0, 8)}`,
      name: '工艺美术展',
      kind: EventKind.CRAFTS_EXHIBITION,
      maxEntriesPerEntrant: 2,
    });
    eventId = event.id;
    const other = await events.create(ctx, {
      slug: `other-${randomUUID().slice(0, 8)}`,
      name: '发明展',
      kind: EventKind.INVENTION_FAIR,
    });
    parent = (await categories.create(ctx, { eventId, code: 'A', name: '陶瓷' })).id;
    await categories.create(ctx, { eventId, code: 'A1', name: '青瓷', parentId: parent });
    leaf = (await categories.create(ctx, { eventId, code: 'B', name: '刺绣' })).id;
    otherEventsCategory = (
      await categories.create(ctx, { eventId: other.id, code: 'X', name: '机械' })
    ).id;
    const entrants = tier.get(EntrantService);
    const entrant = (name: string) =>
      entrants.create(ctx, { type: EntrantType.INDIVIDUAL, name, regionCode: '450100' });
    full = (await entrant('韦师傅')).id;
    withOne = (await entrant('黄师傅')).id;
    const batch = tier.get(EntryBatchService);
    const filed = await batch.createMany(
      ctx,
      eventId,
      [
        { entrantId: full, categoryId: leaf, fields: fields('壮锦一') },
        { entrantId: full, categoryId: leaf, fields: fields('壮锦二') },
        { entrantId: withOne, categoryId: leaf, fields: fields('绣球') },
      ],
      { dryRun: false },
    );
    expect(filed.problems.size).toBe(0);
  });
  afterAll(() => tier.close());

  const entriesOf = async (entrantId: string) =>
    (await tier.get(EntryQueryService).mine(tier.entrant(entrantId, '450100'), eventId)).length;

  const cases: Array<[string, () => { entrantId: string; categoryId: string }, string]> = [
    [
      "another event's category",
      () => ({ entrantId: withOne, categoryId: otherEventsCategory }),
      'CATEGORY_NOT_IN_EVENT',
    ],
    [
      'a category with sub-categories',
      () => ({ entrantId: withOne, categoryId: parent }),
      'CATEGORY_NOT_LEAF',
    ],
    [
      'an entrant that does not exist',
      () => ({ entrantId: randomUUID(), categoryId: leaf }),
      'ENTRANT_NOT_FOUND',
    ],
    ['an entrant at the limit', () => ({ entrantId: full, categoryId: leaf }), 'TOO_MANY_ENTRIES'],
  ];

  it.each(cases)('%s: the same reason from create and from the batch', async (_, item, reason) => {
    const { entrantId, categoryId } = item();
    const alone = await tier
      .get(EntryService)
      .create(tier.organiser(), { eventId, entrantId, entry: { title: '单件', categoryId } })
      .then(
        () => null,
        (error: DomainError) => error.reason,
      );
    const batch = await tier
      .get(EntryBatchService)
      .createMany(tier.organiser(), eventId, [{ entrantId, categoryId, fields: fields('批量') }], {
        dryRun: false,
      });
    expect(alone).toBe(reason);
    expect(batch.problems.get(0)?.map((p) => p.reason)).toEqual([reason]);
    expect(batch.ids).toEqual([]);
  });

  it('counts the batch towards the limit as single filings count one by one', async () => {
    const before = await entriesOf(withOne);
    const batch = await tier.get(EntryBatchService).createMany(
      tier.organiser(),
      eventId,
      [
        { entrantId: withOne, categoryId: leaf, fields: fields('铜鼓') },
        { entrantId: withOne, categoryId: leaf, fields: fields('坭兴陶') },
      ],
      { dryRun: false },
    );
    expect([...batch.problems.keys()]).toEqual([1]);
    expect(batch.problems.get(1)?.map((p) => p.reason)).toEqual(['TOO_MANY_ENTRIES']);
    expect(await entriesOf(withOne)).toBe(before); // all or nothing

    const service = tier.get(EntryService);
    const draft = { title: '铜鼓', categoryId: leaf };
    await service.create(tier.organiser(), { eventId, entrantId: withOne, entry: draft });
    await expect(
      service.create(tier.organiser(), { eventId, entrantId: withOne, entry: draft }),
    ).rejects.toMatchObject({ reason: 'TOO_MANY_ENTRIES', details: { limit: 2 } });
    expect(await entriesOf(withOne)).toBe(before + 1);
  });
});
