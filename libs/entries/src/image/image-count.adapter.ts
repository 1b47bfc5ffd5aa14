import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import type { RequestCtx } from '@app/core';
import { repo } from '@app/db';
import type { EntryImages } from '../entry/entry-ports';
import { USABLE_STATUSES } from './image-status';
import { ImageEntity } from './image.entity';

/**
 * Answers EntryService's question "does this entry have a photo?" (submitting needs one). Kept
 * apart from ImageService, which itself depends on EntryService.
 */
@Injectable()
export class ImageCountAdapter implements EntryImages {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  count(ctx: RequestCtx, entryId: string): Promise<number> {
    return repo(this.dataSource, ctx, ImageEntity).countBy({
      entryId,
      status: In([...USABLE_STATUSES]),
    });
  }
}
