import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { RequestCtx } from '@app/core';
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
        const rows = groupBy(await this.images.ofEntries(ctx, entryIds), (row) => row.entryId);
        return entryIds.map((id) => rows.get(id) ?? []);
      }),
      renditionsOfImage: new DataLoader(async (imageIds) => {
        const rows = groupBy(await this.images.renditionsOf(ctx, imageIds), (row) => row.imageId);
        return imageIds.map((id) => rows.get(id) ?? []);
      }),
    };
  }
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(key(row));
    if (group) group.push(row);
    else groups.set(key(row), [row]);
  }
  return groups;
}

export interface EntriesGqlContext {
  loaders: { entries: EntriesLoaderSet };
}
