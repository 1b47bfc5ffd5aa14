/** Small, strict parsers for environment variables. Each throws ConfigError naming the variable. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    reason: string,
  ) {
    super(`${variable}: ${reason}`);
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/** An unset or blank variable takes its default. */
export function raw(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const value = raw(env, name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) throw new ConfigError(name, `must be a whole number, got "${value}"`);
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return n;
}

export function url(env: Env, name: string, fallback: string, protocols: readonly string[]): URL {
  const value = raw(env, name) ?? fallback;
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new ConfigError(name, `is not a URL: "${value}"`);
  }
  if (!protocols.includes(parsed.protocol)) {
    throw new ConfigError(name, `must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
  }
  return parsed;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** A duration such as `12h`, `30m`, `90s`, `2d` or plain seconds, in seconds. */
export function durationSeconds(
  env: Env,
  name: string,
  fallback: string,
  maxSeconds: number,
): number {
  const value = raw(env, name) ?? fallback;
  const match = /^(\d+)\s*([smhd]?)$/.exec(value);
  if (!match)
    throw new ConfigError(name, `must be a duration like 12h, 30m or 90s, got "${value}"`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] || 's'];
  if (seconds < 60 || seconds > maxSeconds) {
    throw new ConfigError(
      name,
      `must be between 1 minute and ${maxSeconds / 3600} hours, got "${value}"`,
    );
  }
  return seconds;
}

export function oneOf<T extends string>(
  env: Env,
  name: string,
  fallback: T,
  allowed: readonly T[],
): T {
  const value = raw(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(value)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}
