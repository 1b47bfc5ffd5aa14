import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n';

/**
 * A password shown once (a reset's temporary one, or a new account's first one): large, with a
 * copy button, until the organiser closes it. It lives in this component's state only: nothing
 * keeps it, and a reload forgets it.
 */
export function PasswordNotice({
  title,
  password,
  lead,
  onClose,
}: {
  title: string;
  password: string;
  lead?: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
    setCopied(false);
  }, [password]);
  const copy = () =>
    void navigator.clipboard
      ?.writeText(password)
      .then(() => setCopied(true))
      .catch(() => setCopied(false));
  return (
    <div className="notice password-notice" role="status" aria-labelledby="password-notice-title">
      <h2 id="password-notice-title" ref={heading} tabIndex={-1}>
        {title}
      </h2>
      {lead && <p>{lead}</p>}
      <p className="secret" lang="en" data-secret>
        {password}
      </p>
      <p className="note">{t('temporaryPasswordOnce')}</p>
      <div className="actions">
        <button type="button" className="button" onClick={copy}>
          {copied ? t('passwordCopied') : t('copyPassword')}
        </button>
        <button type="button" className="button quiet" onClick={onClose}>
          {t('closeNotice')}
        </button>
      </div>
    </div>
  );
}
