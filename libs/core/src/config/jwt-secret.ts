import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const GENERATED_JWT_SECRET_FILE = './data/jwt-secret';

/**
 * Outside production an unset JWT_SECRET is generated once and kept on disk, so tokens survive
 * restarts. `wx` makes two processes starting together agree on one secret.
 */
export function generatedJwtSecret(file = GENERATED_JWT_SECRET_FILE): string {
  try {
    return readFileSync(file, 'utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  mkdirSync(dirname(file), { recursive: true });
  try {
    writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return readFileSync(file, 'utf8').trim();
}
