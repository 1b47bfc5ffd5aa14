import { randomBytes } from 'node:crypto';
import type { AcceptedFormat, RenditionSize } from '@app/media';

/**
 * Storage keys and URL keys of photos. Every one is made of random hex only: nothing in a key
 * or a URL names the entrant, the entry or the uploaded file (blind rounds, docs/http.md). The
 * first two hex digits fan the objects out over 256 directories.
 */
export const randomKey = (): string => randomBytes(16).toString('hex');

export const originalStorageKey = (random: string): string =>
  `originals/${random.slice(0, 2)}/${random}`;

/** Deterministic from the image's render key: a job run twice overwrites the same objects. */
export const renditionUrlKey = (renderKey: string, size: RenditionSize): string =>
  `${renderKey}-${size.toLowerCase()}`;

export const renditionStorageKey = (renderKey: string, size: RenditionSize): string =>
  `renditions/${renderKey.slice(0, 2)}/${renditionUrlKey(renderKey, size)}.webp`;

/** `/api/renditions/<url key>.webp`: parsed back by the serving endpoint. */
export const RENDITION_FILE = /^([0-9a-f]{32}-(?:thumb|medium|large))\.webp$/;

export const CONTENT_TYPE_OF: Readonly<Record<AcceptedFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  avif: 'image/avif',
};
