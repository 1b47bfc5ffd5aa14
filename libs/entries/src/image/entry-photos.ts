import type { RequestCtx } from '@app/core';
import { ImageEntity } from './image.entity';

/**
 * The photos of an entry as they are now, in their order, for a transaction that holds the
 * entry's lock (EntryService.lockForImages) and is about to decide on them: how many there are,
 * the next position, whether a delete leaves one.
 *
 * A locking read, not a plain one, on purpose. Under InnoDB's REPEATABLE READ a plain SELECT
 * answers from the snapshot the transaction took at its first read, and that read (finding the
 * entry) came before the entry lock: uploads queued on the lock would each count the photos as
 * they were when they started waiting, and all find room (issue 19: 30 uploads stored 27 photos
 * with duplicate positions). A locking read sees every committed row, so the count is the one
 * the lock protects. The rows are few (at most the event's limit) and only this entry's.
 */
export function lockedPhotosOf(tx: RequestCtx, entryId: string): Promise<ImageEntity[]> {
  if (!tx.manager?.queryRunner?.isTransactionActive) {
    throw new Error('lockedPhotosOf needs the transaction that holds the entry lock');
  }
  return tx.manager.getRepository(ImageEntity).find({
    where: { entryId },
    order: { position: 'ASC' },
    lock: { mode: 'pessimistic_write' },
  });
}
