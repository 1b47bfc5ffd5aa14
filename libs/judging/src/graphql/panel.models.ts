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

@InputType('UpdatePanelInput', {
  description: 'what updatePanel changes: a field left out or null stays as it is',
})
export class UpdatePanelInput {
  @Field(() => String, { nullable: true }) name?: string | null;
  @Field(() => [ID], { nullable: true, description: 'the whole new list, in order' })
  categoryIds?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'the whole new list, in order' })
  judgeIds?: string[] | null;
}
