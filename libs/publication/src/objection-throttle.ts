import { RateLimited } from '@app/core';
import type { EntityManager } from 'typeorm';
import { ObjectionSenderEntity } from './objection-sender.entity';
import { PublicationReason } from './publication.errors';

/** Per client address: enough for a family of entrants, too few to flood the organisers. */
export const OBJECTIONS_PER_WINDOW = 10;
export const OBJECTION_WINDOW_SECONDS = 3600;
const WINDOW_MS = OBJECTION_WINDOW_SECONDS * 1000;

/** The address as stored (varchar(45)): one taken from a forwarding header need not be an IP. */
export const senderKey = (ip: string): string => ip.slice(0, 45);

/**
 * Takes one of the address's objections for the sliding window, or refuses with RATE_LIMITED /
 * TOO_MANY_OBJECTIONS and the seconds until the oldest one counted leaves the window.
 *
 * Runs first in the filing's transaction, which then holds the address's row until it commits:
 * filings from one address take turns, each deciding on the times the previous ones committed
 * (read with a lock, so never from an older snapshot), and a filing refused later (no such
 * entry, notice closed) rolls its time back with it. Counting the objections themselves before
 * the transaction let 40 requests sent together all through (issue 19).
 */
export async function takeObjectionTurn(
  manager: EntityManager,
  ip: string,
  now: Date,
): Promise<void> {
  const key = senderKey(ip);
  // Creates the row on first use; an upsert that finds the row locks it as well.
  await manager.query(
    "INSERT INTO objection_senders (client_ip, recent) VALUES (?, '[]') ON DUPLICATE KEY UPDATE client_ip = client_ip",
    [key],
  );
  const senders = manager.getRepository(ObjectionSenderEntity);
  const sender = await senders.findOneOrFail({
    where: { clientIp: key },
    lock: { mode: 'pessimistic_write' },
  });
  const recent = timesOf(sender.recent).filter((at) => at > now.getTime() - WINDOW_MS);
  if (recent.length >= OBJECTIONS_PER_WINDOW) {
    const freesAt = recent[recent.length - OBJECTIONS_PER_WINDOW] + WINDOW_MS;
    throw new RateLimited(
      PublicationReason.TOO_MANY_OBJECTIONS,
      `at most ${OBJECTIONS_PER_WINDOW} objections an hour from one address`,
      Math.max(1, Math.ceil((freesAt - now.getTime()) / 1000)),
    );
  }
  const kept = [...recent, now.getTime()].slice(-OBJECTIONS_PER_WINDOW);
  await senders.update({ clientIp: key }, { recent: JSON.stringify(kept) });
}

/** The stored times, oldest first; anything unreadable counts as none. */
function timesOf(stored: string): number[] {
  try {
    const parsed: unknown = JSON.parse(stored);
    return Array.isArray(parsed)
      ? parsed.filter((at): at is number => Number.isFinite(at)).sort((a, b) => a - b)
      : [];
  } catch {
    return [];
  }
}
