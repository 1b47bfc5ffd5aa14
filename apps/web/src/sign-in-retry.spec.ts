import { ApiError } from './api';
import { SIGN_IN_TRIES, signInPatiently } from './sign-in-retry';

const limited = (retryAfterSeconds: number) =>
  new ApiError('too many', 'RATE_LIMITED', 'TOO_MANY_FAILED_LOGINS', { retryAfterSeconds });

describe('signInPatiently', () => {
  it('sits out a 1 s busy answer and signs in', async () => {
    const waits: number[] = [];
    let calls = 0;
    const user = await signInPatiently(
      async () => {
        calls += 1;
        if (calls < 3) throw limited(1);
        return 'signed in';
      },
      async (ms) => void waits.push(ms),
    );
    expect(user).toBe('signed in');
    expect(waits).toEqual([1000, 1000]);
  });

  it('passes a lockout on at once (a wait of minutes is not sat out)', async () => {
    const waits: number[] = [];
    await expect(
      signInPatiently(
        async () => {
          throw limited(900);
        },
        async (ms) => void waits.push(ms),
      ),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED', details: { retryAfterSeconds: 900 } });
    expect(waits).toEqual([]);
  });

  it('gives up after its tries, and never retries a wrong password', async () => {
    let calls = 0;
    await expect(
      signInPatiently(
        async () => {
          calls += 1;
          throw limited(1);
        },
        async () => undefined,
      ),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(calls).toBe(SIGN_IN_TRIES);
    calls = 0;
    await expect(
      signInPatiently(
        async () => {
          calls += 1;
          throw new ApiError('wrong', 'UNAUTHENTICATED', 'INVALID_CREDENTIALS');
        },
        async () => undefined,
      ),
    ).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(calls).toBe(1);
  });
});
