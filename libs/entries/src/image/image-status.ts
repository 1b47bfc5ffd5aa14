import { registerEnumType } from '@nestjs/graphql';
import { RENDITION_SIZES, RenditionSize } from '@app/media';

export enum ImageStatus {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  READY = 'READY',
  FAILED = 'FAILED',
}

registerEnumType(ImageStatus, { name: 'ImageStatus' });

/** The contract's RenditionSize, from the sizes the renderer makes. */
export const RenditionSizeEnum = Object.fromEntries(
  Object.keys(RENDITION_SIZES).map((size) => [size, size]),
) as { [K in RenditionSize]: K };

registerEnumType(RenditionSizeEnum, { name: 'RenditionSize' });

/** Images that stand for the entry: a FAILED one must be replaced before it counts. */
export const USABLE_STATUSES: readonly ImageStatus[] = [
  ImageStatus.PENDING,
  ImageStatus.PROCESSING,
  ImageStatus.READY,
];
