import { FormEvent, useState } from 'react';
import { useI18n } from '../i18n';
import { navigate } from '../router';

/**
 * An exhibit code typed, or read by a scanner that types what it reads: the label's QR code
 * holds the whole judge URL (…/judge/entry/{code}), so a URL gives its code. Opens that sheet.
 */
export function codeOf(typed: string): string {
  const text = typed.trim();
  const fromUrl = /\/judge\/entry\/([^/?#\s]+)/.exec(text);
  const code = fromUrl ? decodeURIComponent(fromUrl[1]) : text;
  return code.toUpperCase();
}

export function CodeSearch({ roundId }: { roundId?: string }) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const open = (event: FormEvent) => {
    event.preventDefault();
    const code = codeOf(text);
    if (!code) return;
    setText('');
    const round = roundId ? `?round=${encodeURIComponent(roundId)}` : '';
    navigate(`/judge/entry/${encodeURIComponent(code)}${round}`);
  };
  return (
    <form className="code-search" role="search" onSubmit={open}>
      <input
        type="search"
        enterKeyHint="go"
        autoCapitalize="characters"
        autoComplete="off"
        spellCheck={false}
        aria-label={t('findCode')}
        placeholder={t('findCodePlaceholder')}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="button">
        {t('findCodeOpen')}
      </button>
    </form>
  );
}
