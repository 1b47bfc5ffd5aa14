import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { RequestCtx } from '@app/core';
import { repo } from '@app/db';
import type { EntryImages } from '../entry/entry-ports';
import { lockedPhotosOf } from './entry-photos';
import { USABLE_STATUSES } from './image-status';
import { ImageEntity } from './image.entity';

/**
 * Answers EntryService's question "does this entry have a photo?" (submitting needs one). Kept
 * apart from ImageService, which itself depends on EntryService.
 */
@Injectable()
export class ImageCountAdapter implements EntryImages {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async count(ctx: RequestCtx, entryId: string): Promise<number> {
    // Asked inside a transaction that holds the entry lock (submitting), the answer must be the
    // photos committed now, not the transaction's older snapshot (see lockedPhotosOf).
    if (ctx.manager?.queryRunner?.isTransactionActive) {
      const photos = await lockedPhotosOf(ctx, entryId);
      return photos.filter((photo) => USABLE_STATUSES.includes(photo.status)).length;
    }
    return repo(this.dataSource, ctx, ImageEntity).countBy({
      entryId,
      status: In([...USABLE_STATUSES]),
    });
  }
}
