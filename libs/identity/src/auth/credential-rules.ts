import { BadUserInput } from '@app/core';
import { IdentityReason } from '../identity.errors';

export const MIN_PASSWORD_LENGTH = 8;
/** argon2 hashes any length, but a megabyte password is a denial-of-service, not a secret. */
export const MAX_PASSWORD_LENGTH = 128;
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function assertEmail(email: string): string {
  const normal = normaliseEmail(email);
  if (normal.length > 254 || !EMAIL.test(normal)) {
    throw new BadUserInput(IdentityReason.INVALID_EMAIL, `"${email}" is not an email address`, {
      field: 'email',
    });
  }
  return normal;
}

export function assertPassword(password: string, field = 'password'): string {
  if ([...password].length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new BadUserInput(
      IdentityReason.WEAK_PASSWORD,
      `a password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
      { field },
    );
  }
  return password;
}

/**
 * A person's or organisation's name: trimmed, 1–maxLength characters (code points, so 𠮷 counts
 * once), no control characters.
 */
export function assertName(value: string, field: string, maxLength = 200): string {
  const name = value.trim().normalize('NFC');
  const length = [...name].length;
  // eslint-disable-next-line no-control-regex
  if (length === 0 || length > maxLength || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new BadUserInput(
      IdentityReason.INVALID_NAME,
      `${field} must be 1 to ${maxLength} characters`,
      { field },
    );
  }
  return name;
}

export function optionalName(
  value: string | null | undefined,
  field: string,
  maxLength: number,
): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return assertName(value, field, maxLength);
}

export function optionalPhone(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  const phone = value.trim();
  if (!/^\+?[0-9][0-9 ()-]{4,38}$/.test(phone)) {
    throw new BadUserInput(IdentityReason.INVALID_PHONE, `"${value}" is not a phone number`, {
      field: 'phone',
    });
  }
  return phone;
}
