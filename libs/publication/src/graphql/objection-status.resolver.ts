import { Args, Field, GraphQLISODateTime, ID, ObjectType, Query, Resolver } from '@nestjs/graphql';
import { RequestCtx } from '@app/core';
import { Ctx, Public } from '@app/identity';
import { ObjectionService, ObjectionStatusView } from '../objection.service';
import { ObjectionStatus } from '../publication-enums';

@ObjectType('FiledObjection', {
  description:
    'an objection as its filer follows it, by the id fileObjection answered: its state and the organisers’ response, never the reason, the contact or who filed it',
})
export class FiledObjectionModel {
  @Field(() => ID) id!: string;
  @Field(() => ID) publicationId!: string;
  @Field(() => String) entryCode!: string;
  @Field(() => ObjectionStatus) status!: ObjectionStatus;
  @Field(() => String, {
    nullable: true,
    description: 'the organisers’ answer, once UPHELD or DISMISSED',
  })
  response!: string | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) resolvedAt!: Date | null;
}

/** The filer's lookup of its objection (public: the id is the only key). */
@Resolver(() => FiledObjectionModel)
export class ObjectionStatusResolver {
  constructor(private readonly objections: ObjectionService) {}

  @Public()
  @Query(() => FiledObjectionModel, {
    nullable: true,
    description: 'public: the state of the objection with this id; null when there is none',
  })
  async objectionStatus(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<FiledObjectionModel | null> {
    const found: ObjectionStatusView | null = await this.objections.status(ctx, id);
    return found && { ...found };
  }
}
