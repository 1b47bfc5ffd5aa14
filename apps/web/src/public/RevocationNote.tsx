import { publicKeyOf, usePublicI18n } from './publicI18n';
import type { Revocation } from './publicApi';

/**
 * An award revoked after publication, in one sentence: when, on what ground, and the reason
 * the organisers gave. The item keeps its place on the list (nobody moves up).
 */
export function RevocationNote({ revocation }: { revocation: Revocation }) {
  const { t, formatTime } = usePublicI18n();
  return (
    <p className="pub-revocation" data-testid="revocation" data-cause={revocation.cause}>
      {t(publicKeyOf('publicRevoked_', revocation.cause, 'publicRevoked_DECISION'), {
        at: formatTime(revocation.revokedAt),
        reason: revocation.reason,
      })}
    </p>
  );
}
