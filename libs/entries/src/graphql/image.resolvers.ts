import { Inject } from '@nestjs/common';
import { Args, ID, Mutation, ResolveField, Resolver } from '@nestjs/graphql';
import { APP_CONFIG, AppConfig, RequestCtx, Role } from '@app/core';
import { Ctx, ORGANISING_ROLES, Roles } from '@app/identity';
import { ImageService } from '../image/image.service';
import { EntriesGqlContext } from './entries.loaders';
import { EntryModel } from './entries.models';
import { bySize, toImageModel, toRenditionModel } from './image.mappers';
import { ImageModel, RenditionModel } from './image.models';

const CHANGERS = [...ORGANISING_ROLES, Role.ENTRANT];

/** Entry.images, the renditions of an image, and the mutations on photos (uploads: HTTP). */
@Resolver(() => ImageModel)
export class ImageResolver {
  private readonly publicUrl: string;

  constructor(
    private readonly images: ImageService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.publicUrl = config.publicUrl.replace(/\/+$/, '');
  }

  // Field resolvers take graphql-js's own (source, args, context) and no parameter
  // decorators: @nestjs/graphql then binds the method as the resolver itself instead of
  // building an execution context per call, which a page of 100 entries does hundreds of times.
  @ResolveField('renditions', () => [RenditionModel])
  async renditions(
    image: ImageModel,
    _args: unknown,
    gql: EntriesGqlContext,
  ): Promise<RenditionModel[]> {
    if (!image.renditionsReady) return [];
    const rows = await gql.loaders.entries.renditionsOfImage.load(image.id);
    return [...rows].sort(bySize).map((row) => toRenditionModel(row, this.publicUrl));
  }

  @Roles(...CHANGERS)
  @Mutation(() => Boolean)
  deleteImage(
    @Ctx() ctx: RequestCtx,
    @Args('id', { type: () => ID }) id: string,
  ): Promise<boolean> {
    return this.images.delete(ctx, id);
  }

  @Roles(...CHANGERS)
  @Mutation(() => [ImageModel], {
    description: "imageIds: all of the entry's images, in their new order",
  })
  async reorderImages(
    @Ctx() ctx: RequestCtx,
    @Args('entryId', { type: () => ID }) entryId: string,
    @Args('imageIds', { type: () => [ID] }) imageIds: string[],
  ): Promise<ImageModel[]> {
    return (await this.images.reorder(ctx, entryId, imageIds)).map(toImageModel);
  }
}

/** The `images` field of Entry: whoever may see the entry sees its photos. */
@Resolver(() => EntryModel)
export class EntryImagesResolver {
  @ResolveField('images', () => [ImageModel])
  async images(entry: EntryModel, _args: unknown, gql: EntriesGqlContext): Promise<ImageModel[]> {
    return (await gql.loaders.entries.imagesOfEntry.load(entry.id)).map(toImageModel);
  }
}
