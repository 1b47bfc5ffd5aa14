import { Injectable } from '@nestjs/common';
import { LoginThrottle } from './auth/login-throttle.service';
import { TokenRevocationService } from './auth/token-revocation.service';
import { RegistrationThrottle } from './registration/registration-throttle.service';

/**
 * Identity's rows that stop mattering with time: sign-in failures and sign-ups older than their
 * windows, revocations of tokens that have expired anyway. Run by the maintenance queue's
 * `prune-login-failures` job.
 */
@Injectable()
export class IdentityHousekeeping {
  constructor(
    private readonly logins: LoginThrottle,
    private readonly registrations: RegistrationThrottle,
    private readonly revocations: TokenRevocationService,
  ) {}

  /** Removes them; answers how many rows went. */
  async prune(now: Date): Promise<number> {
    return (
      (await this.logins.prune(now)) +
      (await this.registrations.prune(now)) +
      (await this.revocations.prune(now))
    );
  }
}
