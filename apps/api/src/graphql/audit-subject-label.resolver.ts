import { ResolveField, Resolver } from '@nestjs/graphql';
import DataLoader from 'dataloader';
import { RequestCtx, systemCtx } from '@app/core';
import { AuditRecordModel } from '@app/audit';
import { EntryQueryService } from '@app/entries';
import { CategoryService, EventService } from '@app/events';
import { UserService } from '@app/identity';
import { RoundService } from '@app/judging';

/** What a subject is called, by its type: each asks the domain that owns it, many ids at once. */
type Labeller = (ctx: RequestCtx, ids: readonly string[]) => Promise<Map<string, string>>;

/** `type id`: one loader key for a subject of any type. */
const keyOf = (record: AuditRecordModel) => `${record.subjectType} ${record.subjectId}`;

/**
 * `AuditRecord.subjectLabel`, composed here because the audit lib sits below the domains it
 * records and may not read their tables (or import them). A page of records asks each subject
 * type's owner once: one loader per request batches every record's key, then groups by type.
 */
@Resolver(() => AuditRecordModel)
export class AuditSubjectLabelResolver {
  private readonly loaders = new WeakMap<object, DataLoader<string, string | null>>();
  private readonly labellers: Record<string, Labeller>;

  constructor(
    entries: EntryQueryService,
    rounds: RoundService,
    events: EventService,
    categories: CategoryService,
    users: UserService,
  ) {
    this.labellers = {
      // An entry is known by its exhibit code once accepted, by its title before.
      Entry: async (ctx, ids) =>
        new Map((await entries.byIds(ctx, ids)).map((e) => [e.id, e.code ?? e.title])),
      Round: (ctx, ids) => rounds.namesOf(ctx, ids),
      Event: async (ctx, ids) => new Map((await events.byIds(ctx, ids)).map((e) => [e.id, e.name])),
      Category: async (ctx, ids) =>
        new Map((await categories.byIds(ctx, ids)).map((c) => [c.id, `${c.code} ${c.name}`])),
      User: async (ctx, ids) => new Map((await users.byIds(ctx, ids)).map((u) => [u.id, u.name])),
    };
  }

  /** Only organisers read the audit log (its query says so); this field adds nothing to see. */
  @ResolveField('subjectLabel', () => String, {
    nullable: true,
    description:
      "what the subject is called: a round's name, an entry's exhibit code (its title before it has one), an event's or a user's name, a category's code and name; null for other subjects or one no longer found",
  })
  // Graphql-js's own signature, no decorators (as AuditResolver.actor): cheap on a page of 100.
  subjectLabel(
    record: AuditRecordModel,
    _args: unknown,
    gql: { req?: { requestId?: string } },
  ): Promise<string | null> {
    if (!this.labellers[record.subjectType]) return Promise.resolve(null);
    return this.loaderFor(gql).load(keyOf(record));
  }

  private loaderFor(gql: { req?: { requestId?: string } }): DataLoader<string, string | null> {
    let loader = this.loaders.get(gql);
    if (!loader) {
      const ctx = systemCtx(gql.req?.requestId ?? 'unknown');
      loader = new DataLoader((keys) => this.labels(ctx, keys));
      this.loaders.set(gql, loader);
    }
    return loader;
  }

  private async labels(ctx: RequestCtx, keys: readonly string[]): Promise<Array<string | null>> {
    const idsByType = new Map<string, string[]>();
    for (const key of keys) {
      const [type, id] = key.split(' ');
      idsByType.set(type, [...(idsByType.get(type) ?? []), id]);
    }
    const byType = new Map<string, Map<string, string>>();
    for (const [type, ids] of idsByType) {
      byType.set(type, await this.labellers[type](ctx, ids));
    }
    return keys.map((key) => {
      const [type, id] = key.split(' ');
      return byType.get(type)?.get(id) ?? null;
    });
  }
}
