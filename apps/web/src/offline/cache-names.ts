/**
 * The Cache Storage cache that holds the photos of the rounds a judge opened: the page fills it
 * ahead (photo-cache.ts) and the service worker answers photo requests from it (apps/web/build/
 * pwa.ts), so both must name the same cache.
 */
export const PHOTO_CACHE = 'judge-photos-v1';

/** The photos' URLs as the app asks for them (api.ts `rendition`): same origin, immutable. */
export const PHOTO_URL = /\/api\/renditions\/[^/?#]+\.webp$/;
