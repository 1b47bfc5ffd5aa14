import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ImageStatus } from './image-status';

/** How far the photo worker has got with one event's photos. */
export interface EventPhotoQueue {
  eventId: string;
  /** photos waiting for the worker (PENDING) and being rendered now (PROCESSING) */
  pending: number;
  processing: number;
  /** photos finished in the measuring window: READY, and FAILED (which need a new upload) */
  readyRecently: number;
  failedRecently: number;
  /**
   * Where the event's last waiting photo stands in the worker's line (all events' photos, the
   * oldest first), or 0 with none waiting: what must be rendered before the event is done.
   */
  lineUpTo: number;
  /** seconds until then at the measured rate; null while no rate is measured */
  etaSeconds: number | null;
}

export interface PhotoQueue {
  measuredAt: Date;
  windowSeconds: number;
  /** photos finished per minute over the window, by every worker; null with none finished */
  photosPerMinute: number | null;
  /** every event with photos waiting or finished in the window */
  events: EventPhotoQueue[];
}

/** The rate is measured over the photos finished in the last ten minutes… */
export const QUEUE_WINDOW_MS = 10 * 60_000;
/** …and over at least a minute, so that the first photo after a pause is no rate of its own. */
const MIN_SPAN_MS = 60_000;

const WAITING = [ImageStatus.PENDING, ImageStatus.PROCESSING];
const FINISHED = [ImageStatus.READY, ImageStatus.FAILED];

/**
 * The photo queue as the organisers' page shows it: per event, what waits and when it should be
 * done, from the rate the workers reached over the last minutes. One grouped query, over the
 * photos that wait and those finished in the window only (the images' (status, updated_at)
 * index finds both), whatever the size of the events; polled by the page, never per photo.
 *
 * The estimate reads the line as the images queue serves it, oldest first, shared by all
 * events: an event whose last photo is 3,000th in line is done in 3,000 / rate. Photos whose
 * job is queued again by the sweep go to the back of the real line, so the estimate can be
 * early by those.
 */
@Injectable()
export class PhotoQueueService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async now(now = new Date()): Promise<PhotoQueue> {
    const since = new Date(now.getTime() - QUEUE_WINDOW_MS);
    const rows: Array<Record<string, string | Date | null>> = await this.dataSource.query(
      `SELECT e.event_id AS eventId,
              SUM(i.status = ?) AS pending,
              SUM(i.status = ?) AS processing,
              SUM(i.status = ?) AS readyRecently,
              SUM(i.status = ?) AS failedRecently,
              COALESCE(MAX(i.place), 0) AS lineUpTo,
              MIN(CASE WHEN i.place IS NULL THEN i.updated_at END) AS firstFinished
         FROM (SELECT entry_id, status, updated_at,
                      CASE WHEN status IN (?, ?)
                           THEN ROW_NUMBER() OVER (PARTITION BY status IN (?, ?) ORDER BY created_at, id)
                      END AS place
                 FROM images
                WHERE status IN (?, ?) OR (status IN (?, ?) AND updated_at >= ?)) i
         JOIN entries e ON e.id = i.entry_id
        GROUP BY e.event_id`,
      [
        ImageStatus.PENDING,
        ImageStatus.PROCESSING,
        ImageStatus.READY,
        ImageStatus.FAILED,
        ...WAITING,
        ...WAITING,
        ...WAITING,
        ...FINISHED,
        since,
      ],
    );
    const finished = rows.reduce(
      (sum, row) => sum + Number(row.readyRecently) + Number(row.failedRecently),
      0,
    );
    const first = rows
      .map((row) => (row.firstFinished ? new Date(row.firstFinished).getTime() : Infinity))
      .reduce((a, b) => Math.min(a, b), Infinity);
    const span = Math.min(QUEUE_WINDOW_MS, Math.max(MIN_SPAN_MS, now.getTime() - first));
    const perMs = finished > 0 ? finished / span : null;
    return {
      measuredAt: now,
      windowSeconds: QUEUE_WINDOW_MS / 1000,
      photosPerMinute: perMs === null ? null : Math.round(perMs * 60_000 * 10) / 10,
      events: rows.map((row) => {
        const lineUpTo = Number(row.lineUpTo);
        return {
          eventId: String(row.eventId),
          pending: Number(row.pending),
          processing: Number(row.processing),
          readyRecently: Number(row.readyRecently),
          failedRecently: Number(row.failedRecently),
          lineUpTo,
          etaSeconds:
            lineUpTo === 0 ? 0 : perMs === null ? null : Math.ceil(lineUpTo / perMs / 1000),
        };
      }),
    };
  }
}
