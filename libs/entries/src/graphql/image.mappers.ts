import { CONTENT_TYPE_OF } from '../image/image-keys';
import { ImageStatus } from '../image/image-status';
import { ImageEntity } from '../image/image.entity';
import { RenditionEntity } from '../image/rendition.entity';
import { ImageModel, RenditionModel } from './image.models';

export function toImageModel(image: ImageEntity): ImageModel {
  return {
    id: image.id,
    status: image.status,
    position: image.position,
    width: image.width,
    height: image.height,
    bytes: image.bytes,
    contentType: CONTENT_TYPE_OF[image.format],
    failureReason: image.failureReason,
    placeholder: image.placeholder,
    renditionsReady: image.status === ImageStatus.READY,
  };
}

/** `publicUrl` without a trailing slash; the URL holds the random key alone. */
export function toRenditionModel(rendition: RenditionEntity, publicUrl: string): RenditionModel {
  return {
    size: rendition.size,
    format: 'webp',
    width: rendition.width,
    height: rendition.height,
    url: `${publicUrl}/api/renditions/${rendition.urlKey}.webp`,
  };
}

const SIZE_ORDER = ['THUMB', 'MEDIUM', 'LARGE'];
export const bySize = (a: RenditionEntity, b: RenditionEntity) =>
  SIZE_ORDER.indexOf(a.size) - SIZE_ORDER.indexOf(b.size);
