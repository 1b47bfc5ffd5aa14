import { CategoryEntity } from './category/category.entity';
import { EventEntity } from './event/event.entity';

export const EVENTS_ENTITIES = [EventEntity, CategoryEntity];

export { CategoryEntity, EventEntity };
