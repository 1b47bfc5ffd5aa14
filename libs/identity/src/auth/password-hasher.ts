import { Injectable } from '@nestjs/common';
import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's recommendation).
 * @node-rs/argon2 ships napi prebuilds through npm and has no install script (docs/pitfalls.md #1).
 */
@Injectable()
export class PasswordHasher {
  /** A hash of a random password, verified when the email is unknown so timing does not tell. */
  private readonly decoy = hash('decoy-password-never-used', { algorithm: Algorithm.Argon2id });

  hash(password: string): Promise<string> {
    return hash(password, { algorithm: Algorithm.Argon2id });
  }

  async verify(passwordHash: string | null, password: string): Promise<boolean> {
    if (passwordHash === null) {
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(passwordHash, password).catch(() => false);
  }
}
