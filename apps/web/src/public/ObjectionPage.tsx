import { FormEvent, useEffect, useState } from 'react';
import { Locale, publicKeyOf, PublicTranslate, usePublicI18n } from './publicI18n';
import { Link, useLocation } from '../router';
import { describePublicError } from './describePublicError';
import { objectionsOpen } from './grouping';
import { ObjectionLookup } from './ObjectionLookup';
import {
  FILE_OBJECTION,
  PUBLICATION_BY_ID,
  PublicApiError,
  publicGql,
  PublicNetworkError,
} from './publicApi';
import { useLoad } from './useLoad';

const REASON_MAX = 2000;
const CONTACT_MAX = 200;

/**
 * `/results/{slug}/objection/{publicationId}?entry=CODE`: anyone may object while the list is
 * on notice; the contract's refusals are said in plain words, never as codes. The number an
 * objection is given looks it up later (`?objection=ID` opens the page on that lookup).
 */
export function ObjectionPage({ slug, publicationId }: { slug: string; publicationId: string }) {
  const { t, formatTime, locale } = usePublicI18n();
  const { query } = useLocation();
  const [entryCode, setEntryCode] = useState(query.get('entry') ?? '');
  const [reason, setReason] = useState('');
  const [contact, setContact] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [filedId, setFiledId] = useState<string | null>(null);
  const { data } = useLoad(publicationId, () =>
    publicGql(PUBLICATION_BY_ID, { id: publicationId }),
  );
  const publication = data?.publication ?? null;
  const back = `/results/${encodeURIComponent(slug)}`;
  useEffect(() => {
    document.title = `${t('publicObjectionTitle')} · ${t('publicTitle')}`;
  }, [t]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setRefusal(null);
    try {
      const answer = await publicGql(FILE_OBJECTION, {
        input: {
          publicationId,
          entryCode: entryCode.trim(),
          reason,
          contact: contact.trim() === '' ? null : contact,
        },
      });
      setFiledId(answer.fileObjection.id);
    } catch (caught) {
      setRefusal(await refusalText(locale, t, caught, entryCode.trim()));
    } finally {
      setBusy(false);
    }
  };

  if (filedId) {
    return (
      <>
        <h1>{t('publicObjectionTitle')}</h1>
        <p className="pub-ok" role="status" data-testid="objection-filed">
          {t('publicObjectionFiled')}{' '}
          <code className="pub-code" data-testid="objection-number">
            {filedId}
          </code>
        </p>
        <ObjectionLookup initialId={filedId} />
        <Link href={back} className="pub-button">
          {t('publicBackToResults')}
        </Link>
      </>
    );
  }
  return (
    <>
      <form className="pub-form" onSubmit={(e) => void submit(e)} aria-labelledby="objection-title">
        <Link href={back} className="pub-button quiet">
          ← {t('publicBackToResults')}
        </Link>
        <h1 id="objection-title">{t('publicObjectionTitle')}</h1>
        {publication && (
          <p className="pub-meta">
            {t('publicPublication', { version: publication.version })} ·{' '}
            {objectionsOpen(publication)
              ? t('publicNoticeUntil', { at: formatTime(publication.noticeEndsAt) })
              : t('publicObjectionClosed')}
          </p>
        )}
        <p>{t('publicObjectionIntro')}</p>
        <label className="pub-field">
          <span>{t('publicObjectionEntry')}</span>
          <input
            name="entryCode"
            required
            autoComplete="off"
            spellCheck={false}
            value={entryCode}
            onChange={(e) => setEntryCode(e.target.value)}
          />
        </label>
        <label className="pub-field">
          <span>
            {t('publicObjectionReason')} <small>({t('publicObjectionReasonHint')})</small>
          </span>
          <textarea
            name="reason"
            required
            rows={6}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
        </label>
        <label className="pub-field">
          <span>{t('publicObjectionContact')}</span>
          <input
            name="contact"
            autoComplete="email"
            maxLength={CONTACT_MAX}
            value={contact}
            onChange={(e) => setContact(e.target.value)}
          />
        </label>
        {refusal && (
          <p className="pub-error" role="alert" data-testid="objection-refused">
            {refusal}
          </p>
        )}
        <button type="submit" className="pub-button primary" disabled={busy}>
          {busy ? t('publicObjectionSending') : t('publicObjectionSubmit')}
        </button>
      </form>
      <ObjectionLookup initialId={query.get('objection') ?? ''} />
    </>
  );
}

async function refusalText(
  locale: Locale,
  t: PublicTranslate,
  caught: unknown,
  entryCode: string,
): Promise<string> {
  if (caught instanceof PublicNetworkError) return t('publicNetworkDown');
  if (!(caught instanceof PublicApiError)) return describePublicError(locale, t, caught);
  const reason = caught.reason ?? caught.code;
  const retry = Number(caught.extensions.retryAfterSeconds ?? 0);
  const key = publicKeyOf('publicRefusal_', reason, 'publicRefusal_OTHER');
  // The form's own words where it has them (they name the entry code); any other reason as
  // every refusal is said, never by its code.
  if (key === 'publicRefusal_OTHER') return describePublicError(locale, t, caught);
  return t(key, {
    code: entryCode,
    minutes: Math.max(1, Math.ceil(retry / 60)),
    reason,
  });
}
