import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReorderImagesDocument } from '../../gql/app';
import { useI18n } from '../../i18n';
import type { PortalImage } from '../ops';
import { useMutation } from '../useGql';

/**
 * The order of an entry's photos as the entrant changes it one step at a time (the first is the
 * entry's cover). A move shows at once and is saved with `reorderImages`; a refusal puts the
 * server's order back and says why. The moved photo's button keeps the keyboard's focus (a
 * button is disabled while saving, which drops it), and a status line tells a screen reader
 * where the photo went.
 */
export function usePhotoOrder(
  entryId: string,
  images: readonly PortalImage[],
  onChanged: () => void,
) {
  const { t } = useI18n();
  const save = useMutation();
  const [pending, setPending] = useState<string[] | null>(null);
  const [saved, setSaved] = useState('');
  const inFlight = useRef(false);
  const focusAfter = useRef<{ id: string; up: boolean } | null>(null);

  const byPosition = useMemo(() => [...images].sort((a, b) => a.position - b.position), [images]);
  // The server's order arrived (after a save, or a reload while photos are processed).
  useEffect(() => {
    if (!inFlight.current) setPending(null);
  }, [images]);

  const shown = pending
    ? pending.flatMap((id) => byPosition.filter((image) => image.id === id))
    : byPosition;

  const move = useCallback(
    async (id: string, step: -1 | 1) => {
      const ids = shown.map((image) => image.id);
      const from = ids.indexOf(id);
      const to = from + step;
      if (from < 0 || to < 0 || to >= ids.length) return;
      const next = [...ids];
      next.splice(from, 1);
      next.splice(to, 0, id);
      setPending(next);
      setSaved('');
      focusAfter.current = { id, up: step < 0 };
      inFlight.current = true;
      const done = await save.run(ReorderImagesDocument, { entryId, imageIds: next });
      inFlight.current = false;
      if (done) setSaved(to === 0 ? t('photoMovedToCover') : t('photoMoved', { n: to + 1 }));
      else setPending(null);
      onChanged();
    },
    [shown, save, entryId, t, onChanged],
  );

  useEffect(() => {
    const wanted = focusAfter.current;
    if (save.busy || !wanted) return;
    focusAfter.current = null;
    const button = (up: boolean) =>
      document.querySelector<HTMLButtonElement>(`[data-move="${wanted.id}:${up ? 'up' : 'down'}"]`);
    const same = button(wanted.up);
    (same && !same.disabled ? same : button(!wanted.up))?.focus();
  }, [save.busy, shown]);

  return { shown, move, busy: save.busy, error: save.error, saved };
}
