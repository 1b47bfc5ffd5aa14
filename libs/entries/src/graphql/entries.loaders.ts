import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestCtx } from '@app/core';
import { groupsInKeyOrder } from '@app/identity';
import { ImageEntity } from '../image/image.entity';
import { ImageService } from '../image/image.service';
import { RenditionEntity } from '../image/rendition.entity';

export interface EntriesLoaderSet {
  /** an entry's images, in their order */
  imagesOfEntry: DataLoader<string, ImageEntity[]>;
  renditionsOfImage: DataLoader<string, RenditionEntity[]>;
}

/** Per-request loaders of the entries domain: a page of entries costs one statement per level. */
@Injectable()
export class EntriesLoaders {
  constructor(private readonly images: ImageService) {}

  create(ctx: RequestCtx): EntriesLoaderSet {
    return {
      imagesOfEntry: new DataLoader(async (entryIds) => {
        return groupsInKeyOrder(
          entryIds,
          await this.images.ofEntries(ctx, entryIds),
          (row) => row.entryId,
        );
      }),
      renditionsOfImage: new DataLoader(async (imageIds) => {
        return groupsInKeyOrder(
          imageIds,
          await this.images.renditionsOf(ctx, imageIds),
          (row) => row.imageId,
        );
      }),
    };
  }
}

export interface EntriesGqlContext {
  loaders: { entries: EntriesLoaderSet };
}
