import { Field, Int, ObjectType } from '@nestjs/graphql';

@ObjectType('RoundProgress')
export class RoundProgressModel {
  @Field(() => Int, { description: 'every assignment, recused ones included' })
  assignments!: number;
  @Field(() => Int) submitted!: number;
  @Field(() => Int) recused!: number;
  @Field(() => Int, { description: 'entries that hold at least one assignment' })
  entriesTotal!: number;
  @Field(() => Int, { description: 'entries with at least minSheets submitted sheets' })
  entriesComplete!: number;
}
