import { Injectable } from '@nestjs/common';
import { RequestCtx } from '@app/core';
import { EntryService } from '../entry/entry.service';
import { lockedPhotosOf } from './entry-photos';
import { ImageService } from './image.service';

/**
 * Deleting a draft entry with its photos (the contract's `deleteEntry`): the rules and the rows
 * are EntryService's; the photos' stored files (originals and renditions) go after the commit,
 * as a deleted photo's do (ImageService.removeFiles), so a rollback never leaves a row without
 * its file. A file that cannot be removed then is unreachable (its key is gone) and logged.
 */
@Injectable()
export class EntryDeletionService {
  constructor(
    private readonly entries: EntryService,
    private readonly images: ImageService,
  ) {}

  async delete(ctx: RequestCtx, entryId: string, now = new Date()): Promise<boolean> {
    // Read under the entry's lock: an upload queued on it either committed before (and is in
    // the list) or finds the entry gone.
    const photos = await this.entries.deleteDraft(
      ctx,
      entryId,
      (tx) => lockedPhotosOf(tx, entryId),
      now,
    );
    for (const photo of photos) await this.images.removeFiles(photo);
    return true;
  }
}
