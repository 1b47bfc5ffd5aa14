import { KeyboardEvent, PointerEvent, useEffect, useRef, useState } from 'react';
import { Image, rendition } from '../api';
import { useI18n } from '../i18n';

const MAX_ZOOM = 5;

/**
 * The entry's photos: the THUMB shows at once (it is small and likely cached from the list),
 * the MEDIUM then the LARGE replace it as each loads; offline, the MEDIUM kept ahead for the
 * round is the sharpest there is (offline/photo-cache.ts). Two fingers pinch to zoom, one
 * finger pans a zoomed photo; buttons and the + / − keys do the same without touch.
 */
export function PhotoViewer({ images, title }: { images: Image[]; title: string }) {
  const { t } = useI18n();
  const ready = images
    .filter((image) => image.renditions.length > 0)
    .sort((a, b) => a.position - b.position);
  const [index, setIndex] = useState(0);
  const image = ready[Math.min(index, ready.length - 1)];
  if (!image) return <p className="note">{t('noPhotos')}</p>;
  return (
    <section className="photos" aria-label={t('photos')}>
      <ZoomablePhoto
        key={image.id}
        image={image}
        alt={`${title} · ${t('photoOf', { n: index + 1, total: ready.length })}`}
      />
      {ready.length > 1 && (
        <div className="photo-nav">
          <button
            type="button"
            className="button"
            aria-label={t('previousPhoto')}
            disabled={index === 0}
            onClick={() => setIndex(index - 1)}
          >
            ‹
          </button>
          <span aria-live="polite">{t('photoOf', { n: index + 1, total: ready.length })}</span>
          <button
            type="button"
            className="button"
            aria-label={t('nextPhoto')}
            disabled={index === ready.length - 1}
            onClick={() => setIndex(index + 1)}
          >
            ›
          </button>
        </div>
      )}
    </section>
  );
}

interface View {
  scale: number;
  x: number;
  y: number;
}

function ZoomablePhoto({ image, alt }: { image: Image; alt: string }) {
  const { t } = useI18n();
  const thumb = rendition(image, 'THUMB');
  const [shown, setShown] = useState<{ url: string; size: string } | undefined>(
    thumb && { url: thumb.url, size: thumb.size },
  );
  const [view, setView] = useState<View>({ scale: 1, x: 0, y: 0 });
  const pointers = useRef(new Map<number, { x: number; y: number }>());
  const gesture = useRef<{ distance: number; scale: number } | null>(null);

  // Each sharper rendition replaces the one shown once it has loaded; one that fails (LARGE
  // offline) leaves the sharpest that did.
  const sharper = (['MEDIUM', 'LARGE'] as const)
    .map((size) => image.renditions.find((r) => r.size === size) && rendition(image, size))
    .filter((r): r is NonNullable<typeof r> => !!r && r.url !== thumb?.url);
  const sharperKey = sharper.map((r) => `${r.size} ${r.url}`).join('|');
  useEffect(() => {
    let cancelled = false;
    let best = -1;
    const loaders = sharper.map((candidate, rank) => {
      const loader = new window.Image();
      loader.onload = () => {
        if (cancelled || rank < best) return;
        best = rank;
        setShown({ url: candidate.url, size: candidate.size });
      };
      loader.src = candidate.url;
      return loader;
    });
    return () => {
      cancelled = true;
      for (const loader of loaders) loader.onload = null;
    };
    // sharperKey names the candidates; the array itself is new at every render.
  }, [sharperKey]);

  const zoomTo = (scale: number) =>
    setView((v) => {
      const next = Math.min(MAX_ZOOM, Math.max(1, scale));
      return next === 1 ? { scale: 1, x: 0, y: 0 } : { ...v, scale: next };
    });

  const distance = () => {
    const [a, b] = [...pointers.current.values()];
    return Math.hypot(a.x - b.x, a.y - b.y);
  };

  const down = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.current.size === 2) gesture.current = { distance: distance(), scale: view.scale };
  };
  const move = (event: PointerEvent<HTMLDivElement>) => {
    const previous = pointers.current.get(event.pointerId);
    if (!previous) return;
    pointers.current.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.current.size === 2 && gesture.current) {
      zoomTo((gesture.current.scale * distance()) / Math.max(1, gesture.current.distance));
    } else if (pointers.current.size === 1 && view.scale > 1) {
      const dx = event.clientX - previous.x;
      const dy = event.clientY - previous.y;
      setView((v) => ({ ...v, x: v.x + dx / v.scale, y: v.y + dy / v.scale }));
    }
  };
  const up = (event: PointerEvent<HTMLDivElement>) => {
    pointers.current.delete(event.pointerId);
    if (pointers.current.size < 2) gesture.current = null;
  };
  const keys = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === '+' || event.key === '=') zoomTo(view.scale * 1.5);
    else if (event.key === '-') zoomTo(view.scale / 1.5);
    else if (event.key === '0') zoomTo(1);
    else return;
    event.preventDefault();
  };

  return (
    <div className="photo">
      <div
        className="stage"
        tabIndex={0}
        role="group"
        aria-label={alt}
        style={{
          backgroundColor: image.placeholder?.startsWith('#') ? image.placeholder : undefined,
        }}
        onPointerDown={down}
        onPointerMove={move}
        onPointerUp={up}
        onPointerCancel={up}
        onKeyDown={keys}
        onDoubleClick={() => zoomTo(view.scale > 1 ? 1 : 2.5)}
      >
        {shown && (
          <img
            src={shown.url}
            alt={alt}
            draggable={false}
            data-size={shown.size}
            style={{ transform: `scale(${view.scale}) translate(${view.x}px, ${view.y}px)` }}
          />
        )}
      </div>
      <div className="zoom-controls">
        <button
          type="button"
          className="button"
          aria-label={t('zoomOut')}
          onClick={() => zoomTo(view.scale / 1.5)}
        >
          −
        </button>
        <button
          type="button"
          className="button"
          aria-label={t('zoomReset')}
          onClick={() => zoomTo(1)}
        >
          {Math.round(view.scale * 100)}%
        </button>
        <button
          type="button"
          className="button"
          aria-label={t('zoomIn')}
          onClick={() => zoomTo(view.scale * 1.5)}
        >
          +
        </button>
      </div>
    </div>
  );
}
