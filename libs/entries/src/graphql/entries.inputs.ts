import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { EntrySortKey } from '../entry/entry-sort';
import { EntryStatus } from '../entry/entry-status';

@InputType('EntryInput')
export class EntryInput {
  @Field(() => ID) categoryId!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description?: string | null;
  @Field(() => String, { nullable: true }) materials?: string | null;
  @Field(() => String, { nullable: true }) techniques?: string | null;
  @Field(() => String, { nullable: true }) dimensions?: string | null;
  @Field(() => [String], { nullable: true }) creators?: string[] | null;
  @Field(() => Int, { nullable: true }) itemCount?: number | null;
  @Field(() => Int, { nullable: true }) yearCreated?: number | null;
  @Field(() => [String], { nullable: true }) patentNumbers?: string[] | null;
}

@InputType('CreateEntryInput')
export class CreateEntryInput {
  @Field(() => ID) eventId!: string;
  @Field(() => ID, {
    nullable: true,
    description: "organisers may file on an entrant's behalf; entrants file for themselves",
  })
  entrantId?: string | null;
  @Field(() => EntryInput) entry!: EntryInput;
}

@InputType('EntryFilter')
export class EntryFilterInput {
  @Field(() => EntryStatus, { nullable: true }) status?: EntryStatus | null;
  @Field(() => ID, {
    nullable: true,
    description: 'a parent category matches the entries of all its descendants',
  })
  categoryId?: string | null;
  @Field(() => String, { nullable: true }) regionCode?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "part of a title, a creator's or the entrant's name, or an exhibit code",
  })
  search?: string | null;
}

@InputType('EntrySort')
export class EntrySortInput {
  @Field(() => EntrySortKey) key!: EntrySortKey;
  @Field(() => Boolean, { nullable: true, defaultValue: false }) descending?: boolean | null;
}
