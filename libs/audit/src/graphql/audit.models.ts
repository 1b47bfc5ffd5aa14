import { Field, GraphQLISODateTime, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('AuditRecord')
export class AuditRecordModel {
  @Field(() => ID) id!: string;
  @Field(() => GraphQLISODateTime) at!: Date;
  @Field(() => ID, { nullable: true }) actorId!: string | null;
  @Field(() => String) action!: string;
  @Field(() => String) subjectType!: string;
  @Field(() => String) subjectId!: string;
  @Field(() => String, {
    description: 'JSON: what changed (scores, states, reasons); covered by hash',
  })
  detail!: string;
  @Field(() => String) hash!: string;
  @Field(() => String, { nullable: true }) prevHash!: string | null;
}

@ObjectType('AuditVerification')
export class AuditVerificationModel {
  @Field(() => Boolean) ok!: boolean;
  @Field(() => Int) records!: number;
  @Field(() => ID, {
    nullable: true,
    description: 'the first record whose hash or prevHash does not match, in chain order',
  })
  firstBrokenId!: string | null;
}
