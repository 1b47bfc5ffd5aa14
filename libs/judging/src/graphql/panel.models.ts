import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('Panel')
export class PanelModel {
  @Field(() => ID) id!: string;
  @Field(() => String) name!: string;
}

@InputType('CreatePanelInput')
export class CreatePanelInput {
  @Field(() => ID) roundId!: string;
  @Field(() => String) name!: string;
  @Field(() => [ID]) categoryIds!: string[];
  @Field(() => [ID]) judgeIds!: string[];
}
