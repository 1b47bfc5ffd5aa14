import { CategoryEntity } from '../category/category.entity';
import { EventEntity } from '../event/event.entity';
import { CategoryModel, EventModel } from './events.models';

export function toEventModel(event: EventEntity): EventModel {
  return {
    id: event.id,
    slug: event.slug,
    name: event.name,
    kind: event.kind,
    status: event.status,
    submissionOpensAt: event.submissionOpensAt,
    submissionClosesAt: event.submissionClosesAt,
    maxEntriesPerEntrant: event.maxEntriesPerEntrant,
    maxImagesPerEntry: event.maxImagesPerEntry,
  };
}

export function toCategoryModel(category: CategoryEntity): CategoryModel {
  return {
    id: category.id,
    code: category.code,
    name: category.name,
    parentId: category.parentId,
    eventId: category.eventId,
  };
}
