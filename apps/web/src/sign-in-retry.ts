import { ApiError } from './api';

/** The longest wait the sign-in sits out by itself: a busy turn, not a lockout. */
export const SIGN_IN_BUSY_SECONDS = 2;
/** How many times the sign-in asks again after being told to come back that soon. */
export const SIGN_IN_TRIES = 5;

/**
 * Signs in, sitting out the short waits the API asks for while other sign-ins from the same
 * address are being checked: it runs at most 50 password checks of one address at a time
 * (docs/roles-and-rules.md), so a hall of 100 judges behind one router signing in at 9:00 is
 * told "come back in 1 s" — which the judge should not have to do by hand. A real lockout (a
 * longer wait, or still refused after SIGN_IN_TRIES) is thrown as it came.
 */
export async function signInPatiently<T>(
  signIn: () => Promise<T>,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((done) => setTimeout(done, ms)),
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await signIn();
    } catch (caught) {
      const wait = busyWait(caught);
      if (wait === null || attempt >= SIGN_IN_TRIES) throw caught;
      await sleep(wait * 1000);
    }
  }
}

/** The seconds to wait when `caught` is a short RATE_LIMITED; null for anything else. */
function busyWait(caught: unknown): number | null {
  if (!(caught instanceof ApiError) || caught.code !== 'RATE_LIMITED') return null;
  const seconds = Number(caught.details.retryAfterSeconds);
  return Number.isFinite(seconds) && seconds > 0 && seconds <= SIGN_IN_BUSY_SECONDS
    ? seconds
    : null;
}
