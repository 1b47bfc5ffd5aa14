import { Env, ConfigError, durationSeconds, integer, oneOf, raw, url } from './env-parsers';

/**
 * The whole configuration of both processes, exactly as shared/api/config.md lists it.
 * Parsed once at start-up; an invalid value stops the process with one line naming the variable.
 */
export interface AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly production: boolean;
  readonly port: number;
  readonly databaseUrl: URL;
  readonly redisUrl: URL;
  readonly queuePrefix: string;
  readonly storageDir: string;
  /** undefined: generate one and keep it in ./data/jwt-secret (never in production). */
  readonly jwtSecret: string | undefined;
  readonly adminEmail: string;
  /** undefined in production when not given: no bootstrap admin can be created from a default. */
  readonly adminPassword: string | undefined;
  readonly uploadMaxBytes: number;
  readonly uploadMaxPixels: number;
  readonly workerConcurrency: number;
  /** API processes sharing PORT (node:cluster); 1 runs the API in this process. */
  readonly apiProcesses: number;
  readonly publicUrl: string;
  readonly tokenTtlSeconds: number;
}

export const DEFAULT_ADMIN_EMAIL = 'admin@example.com';
export const DEFAULT_ADMIN_PASSWORD = 'admin';
const MIN_PRODUCTION_SECRET_LENGTH = 32;

export function loadConfig(env: Env): AppConfig {
  const nodeEnv = oneOf(env, 'NODE_ENV', 'development', [
    'development',
    'production',
    'test',
  ] as const);
  const production = nodeEnv === 'production';
  const port = integer(env, 'PORT', 3000, 1, 65535);

  const databaseUrl = url(env, 'DATABASE_URL', 'mysql://root@127.0.0.1:3306/judging', [
    'mysql:',
    'mariadb:',
  ]);
  const database = databaseUrl.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new ConfigError(
      'DATABASE_URL',
      'must name a database of letters, digits and _ (e.g. /judging)',
    );
  }

  const redisUrl = url(env, 'REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']);
  const queuePrefix = raw(env, 'QUEUE_PREFIX') ?? 'judging';
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(queuePrefix)) {
    throw new ConfigError(
      'QUEUE_PREFIX',
      `must be 1–40 letters, digits, _ or -, got "${queuePrefix}"`,
    );
  }

  const jwtSecret = raw(env, 'JWT_SECRET');
  if (production && (jwtSecret === undefined || jwtSecret.length < MIN_PRODUCTION_SECRET_LENGTH)) {
    throw new ConfigError(
      'JWT_SECRET',
      `is required in production, at least ${MIN_PRODUCTION_SECRET_LENGTH} characters`,
    );
  }

  const adminEmail = raw(env, 'ADMIN_EMAIL') ?? DEFAULT_ADMIN_EMAIL;
  if (!/^[^\s@]+@[^\s@]+$/.test(adminEmail)) {
    throw new ConfigError('ADMIN_EMAIL', `is not an email address: "${adminEmail}"`);
  }
  const givenPassword = raw(env, 'ADMIN_PASSWORD');
  if (production && givenPassword === DEFAULT_ADMIN_PASSWORD) {
    throw new ConfigError('ADMIN_PASSWORD', 'the default password is refused in production');
  }
  const adminPassword = givenPassword ?? (production ? undefined : DEFAULT_ADMIN_PASSWORD);

  const uploadMaxBytes = integer(env, 'UPLOAD_MAX_BYTES', 31457280, 1024, 1024 ** 3);
  const uploadMaxPixels = integer(env, 'UPLOAD_MAX_PIXELS', 100_000_000, 10_000, 1_000_000_000);
  const workerConcurrency = integer(env, 'WORKER_CONCURRENCY', 2, 1, 64);
  const apiProcesses = integer(env, 'API_PROCESSES', 1, 1, 64);

  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:'])
    .toString()
    .replace(/\/$/, '');
  const tokenTtlSeconds = durationSeconds(env, 'TOKEN_TTL', '12h', 30 * 86400);

  return {
    nodeEnv,
    production,
    port,
    databaseUrl,
    redisUrl,
    queuePrefix,
    storageDir: raw(env, 'STORAGE_DIR') ?? './data/media',
    jwtSecret,
    adminEmail: adminEmail.toLowerCase(),
    adminPassword,
    uploadMaxBytes,
    uploadMaxPixels,
    workerConcurrency,
    apiProcesses,
    publicUrl,
    tokenTtlSeconds,
  };
}
