import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { EntryStatus } from '../entry/entry-status';
import type { EntrySight } from '../visibility/entry-visibility.service';

@ObjectType('Entry')
export class EntryModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) eventId!: string;
  @Field(() => String, { nullable: true, description: 'the exhibit code, given on acceptance' })
  code!: string | null;
  @Field(() => EntryStatus) status!: EntryStatus;
  @Field(() => String) title!: string;
  @Field(() => String, { nullable: true }) description!: string | null;
  @Field(() => String, { nullable: true }) materials!: string | null;
  @Field(() => String, { nullable: true }) techniques!: string | null;
  @Field(() => String, { nullable: true }) dimensions!: string | null;
  @Field(() => [String]) creators!: string[];
  @Field(() => Int) itemCount!: number;
  @Field(() => Int, { nullable: true }) yearCreated!: number | null;
  @Field(() => [String]) patentNumbers!: string[];
  @Field(() => Boolean, { description: 'whether the entry lists at least one patent number' })
  patented!: boolean;
  @Field(() => String, { description: "the entrant's region (GB/T 2260)" }) regionCode!: string;
  @Field(() => String, { nullable: true }) screeningReason!: string | null;
  @Field(() => Date, { nullable: true }) submittedAt!: Date | null;
  /** not GraphQL fields: resolved through loaders */
  categoryId!: string;
  entrantId!: string;
  /** how the viewer sees the entry (EntryVisibilityService); unset: FULL */
  sight?: EntrySight;
}

@ObjectType('EntryEdge')
export class EntryEdgeModel {
  @Field(() => String) cursor!: string;
  @Field(() => EntryModel) node!: EntryModel;
}

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field(() => Boolean) hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor!: string | null;
}

@ObjectType('EntryConnection')
export class EntryConnectionModel {
  @Field(() => [EntryEdgeModel]) edges!: EntryEdgeModel[];
  @Field(() => PageInfoModel) pageInfo!: PageInfoModel;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('EntryStatusCount')
export class EntryStatusCountModel {
  @Field(() => EntryStatus) status!: EntryStatus;
  @Field(() => Int) count!: number;
}

@ObjectType('EntryCategoryCount')
export class EntryCategoryCountModel {
  @Field(() => ID) categoryId!: string;
  @Field(() => String) categoryCode!: string;
  @Field(() => String) categoryName!: string;
  @Field(() => Int) total!: number;
  @Field(() => [EntryStatusCountModel]) byStatus!: EntryStatusCountModel[];
}

@ObjectType('EntrySummary', {
  description: "counts of an event's entries, for a region or the whole event",
})
export class EntrySummaryModel {
  @Field(() => ID) eventId!: string;
  @Field(() => String, { nullable: true, description: 'null: every region' }) regionCode!:
    string | null;
  @Field(() => Int) total!: number;
  @Field(() => [EntryStatusCountModel]) byStatus!: EntryStatusCountModel[];
  @Field(() => [EntryCategoryCountModel], { description: 'leaf categories with entries, by code' })
  byCategory!: EntryCategoryCountModel[];
}

@ObjectType('ScreeningRefusal', {
  description: 'an entry a bulk screening left as it was, with the refusal screenEntry gives',
})
export class ScreeningRefusalModel {
  @Field(() => ID) entryId!: string;
  @Field(() => String, { description: 'the error code, as in extensions.code' }) code!: string;
  @Field(() => String, { description: 'as in extensions.reason (docs/errors.md)' })
  reason!: string;
  @Field(() => EntryStatus, { nullable: true, description: 'its status, when that is why' })
  status!: EntryStatus | null;
}

@ObjectType('BulkScreeningResult')
export class BulkScreeningResultModel {
  @Field(() => [EntryModel], { description: 'the entries screened, in the order asked' })
  screened!: EntryModel[];
  @Field(() => [ScreeningRefusalModel]) refused!: ScreeningRefusalModel[];
}
