import { ChangeEvent, useState } from 'react';
import { rendition } from '../../api';
import { useI18n } from '../../i18n';
import { useServices } from '../../services';
import { HttpRefusal, photoProblem, postFile, UPLOAD_MAX_BYTES } from '../files';
import { DELETE_IMAGE, PortalImage } from '../ops';
import { describeError } from '../describeError';
import { ErrorLine } from '../ui';
import { useMutation } from '../useGql';
import { usePhotoOrder } from './usePhotoOrder';
import './entrant.css';

interface Sending {
  name: string;
  fraction: number;
  error: string | null;
}

/**
 * The entry's photos with their processing state, and new ones: checked here (size, format by
 * the first bytes) before a byte is sent, then uploaded one at a time with a progress bar.
 */
export function PhotoUploader({
  entryId,
  images,
  editable,
  onChanged,
}: {
  entryId: string;
  images: PortalImage[];
  editable: boolean;
  onChanged: () => void;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const { session } = useServices();
  const [sending, setSending] = useState<Sending[]>([]);
  const remove = useMutation();
  const order = usePhotoOrder(entryId, images, onChanged);
  const mb = Math.round(UPLOAD_MAX_BYTES / 1024 / 1024);

  const pick = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    const queue: Sending[] = files.map((f) => ({ name: f.name, fraction: 0, error: null }));
    setSending(queue);
    const update = (i: number, patch: Partial<Sending>) =>
      setSending((list) => list.map((s, j) => (j === i ? { ...s, ...patch } : s)));
    for (let i = 0; i < files.length; i++) {
      const problem = await photoProblem(files[i]);
      if (problem) {
        update(i, { error: t(`photoProblem_${problem}`, { mb }) });
        continue;
      }
      try {
        const answer = await postFile(
          `/api/entries/${encodeURIComponent(entryId)}/images`,
          files[i],
          session.token(),
          (fraction) => update(i, { fraction }),
        );
        if (answer.status === 200 || answer.status === 201) update(i, { fraction: 1 });
        else {
          const refusal = new HttpRefusal(answer.status, answer.body);
          update(i, { error: t('uploadRefused', { reason: describeError(i18n, refusal) }) });
        }
      } catch (caught) {
        update(i, { error: describeError(i18n, caught) });
      }
      onChanged();
    }
    setSending((list) => list.filter((s) => s.error));
  };

  const sorted = order.shown;
  return (
    <section className="card section" aria-labelledby="photos-title">
      <h2 id="photos-title">{t('photos')}</h2>
      {sorted.length === 0 && <p>{t('noPhotos')}</p>}
      {editable && sorted.length > 1 && <p className="note">{t('photoOrderHint')}</p>}
      <ul className="photo-grid">
        {sorted.map((image, index) => {
          const thumb = rendition(image, 'THUMB');
          const n = index + 1;
          return (
            <li
              key={image.id}
              className="photo-tile"
              data-testid="photo-tile"
              data-image={image.id}
            >
              {thumb ? (
                <img src={thumb.url} alt={t('photoOf', { n, total: sorted.length })} />
              ) : (
                <div className="photo-placeholder" style={{ background: colourOf(image) }} />
              )}
              <span className="badges">
                {index === 0 && <span className="badge cover-badge">{t('entryCover')}</span>}
                <span className={`badge image-${image.status}`} data-status={image.status}>
                  {t(`imageStatus_${image.status as 'PENDING'}`)}
                </span>
              </span>
              {image.status === 'FAILED' && <small className="error">{t('imageFailedHint')}</small>}
              {editable && sorted.length > 1 && (
                <span className="photo-moves">
                  <button
                    type="button"
                    className="button"
                    data-move={`${image.id}:up`}
                    disabled={order.busy || index === 0}
                    aria-label={t('movePhotoUpOf', { n })}
                    onClick={() => void order.move(image.id, -1)}
                  >
                    ↑ {t('movePhotoUp')}
                  </button>
                  <button
                    type="button"
                    className="button"
                    data-move={`${image.id}:down`}
                    disabled={order.busy || index === sorted.length - 1}
                    aria-label={t('movePhotoDownOf', { n })}
                    onClick={() => void order.move(image.id, 1)}
                  >
                    ↓ {t('movePhotoDown')}
                  </button>
                </span>
              )}
              {editable && (
                <button
                  type="button"
                  className="button quiet"
                  disabled={remove.busy || order.busy}
                  onClick={() =>
                    void remove.run(DELETE_IMAGE, { id: image.id }).then((ok) => ok && onChanged())
                  }
                >
                  {t('deletePhoto')}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      <p className="visually-hidden" role="status">
        {order.saved}
      </p>
      <ErrorLine error={order.error} />
      <ErrorLine error={remove.error} />
      {sending.map((s, i) => (
        <div key={`${s.name}-${i}`} className="upload-row">
          <span>{s.name}</span>
          {s.error ? (
            <span className="error" role="alert">
              {s.error}
            </span>
          ) : (
            <progress max={1} value={s.fraction} aria-label={t('uploading', { name: s.name })} />
          )}
        </div>
      ))}
      {editable && (
        <label className="button upload-button">
          {t('addPhotos')}
          <input
            type="file"
            accept="image/jpeg,image/png,image/webp,image/avif"
            multiple
            className="visually-hidden"
            onChange={(e) => void pick(e)}
          />
        </label>
      )}
      <p className="note">{t('photoRules', { mb })}</p>
    </section>
  );
}

function colourOf(image: PortalImage): string {
  return image.placeholder?.startsWith('#') ? image.placeholder : '#d6d3cc';
}
