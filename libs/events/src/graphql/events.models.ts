import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { EventKind, EventStatus } from '../event/event-status';

@ObjectType('Category')
export class CategoryModel {
  @Field(() => ID) id!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => ID, { nullable: true }) parentId!: string | null;
  /** not GraphQL fields: `children` resolves through the event's categories */
  eventId!: string;
}

@ObjectType('Event')
export class EventModel {
  @Field(() => ID) id!: string;
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => EventKind) kind!: EventKind;
  @Field(() => EventStatus) status!: EventStatus;
  @Field(() => Date, { nullable: true }) submissionOpensAt!: Date | null;
  @Field(() => Date, { nullable: true }) submissionClosesAt!: Date | null;
  @Field(() => Int) maxEntriesPerEntrant!: number;
  @Field(() => Int) maxImagesPerEntry!: number;
}
