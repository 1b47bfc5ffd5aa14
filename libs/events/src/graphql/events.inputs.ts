import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { EventKind } from '../event/event-status';

@InputType('CreateEventInput')
export class CreateEventInput {
  @Field(() => String) slug!: string;
  @Field(() => String) name!: string;
  @Field(() => EventKind) kind!: EventKind;
  @Field(() => Date, { nullable: true }) submissionOpensAt?: Date | null;
  @Field(() => Date, { nullable: true }) submissionClosesAt?: Date | null;
  @Field(() => Int, { nullable: true }) maxEntriesPerEntrant?: number | null;
  @Field(() => Int, { nullable: true }) maxImagesPerEntry?: number | null;
}

@InputType('CreateCategoryInput')
export class CreateCategoryInput {
  @Field(() => ID) eventId!: string;
  @Field(() => String) code!: string;
  @Field(() => String) name!: string;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
}
