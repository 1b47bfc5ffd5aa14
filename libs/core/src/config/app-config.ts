import { Env, ConfigError, durationSeconds, integer, oneOf, raw, url } from './env-parsers';

/**
 * The whole configuration of both processes: the variables of CONFIG_VARIABLES, which
 * docs/configuration.md lists (a test keeps the two equal). Parsed once at start-up; an invalid
 * value stops the process with one line naming the variable.
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
  /** Sign-ups (`registerEntrant`) one client address may make in an hour. */
  readonly registrationsPerAddress: number;
}

/** One environment variable: its name, its default as it would be written, and what it does. */
export interface ConfigVariable {
  readonly name: string;
  /** null: no fixed default; `meaning` says what happens when it is unset. */
  readonly default: string | null;
  readonly meaning: string;
}

/** Every variable loadConfig reads, with the defaults it uses. */
export const CONFIG_VARIABLES = [
  {
    name: 'NODE_ENV',
    default: 'development',
    meaning:
      '`development`, `production` or `test`; `production` turns off introspection and the GraphQL IDE, hides error details and refuses default secrets',
  },
  { name: 'PORT', default: '3000', meaning: "the API's HTTP port (GraphQL at `/graphql`)" },
  {
    name: 'DATABASE_URL',
    default: 'mysql://root@127.0.0.1:3306/judging',
    meaning:
      'MySQL 8 or MariaDB 10.11+ (`mysql:` or `mariadb:`); the database is created when missing and migrated on start',
  },
  { name: 'REDIS_URL', default: 'redis://127.0.0.1:6379', meaning: 'Redis for the queues' },
  {
    name: 'QUEUE_PREFIX',
    default: 'judging',
    meaning: "prefix of the queues' Redis keys, so several deployments can share one Redis",
  },
  {
    name: 'STORAGE_DIR',
    default: './data/media',
    meaning: 'where photos (originals and renditions) are kept on local disk',
  },
  {
    name: 'JWT_SECRET',
    default: null,
    meaning:
      'the secret signing sign-in tokens; unset outside production, one is generated and kept in `./data/jwt-secret`; production requires one of at least 32 characters',
  },
  {
    name: 'ADMIN_EMAIL',
    default: 'admin@example.com',
    meaning: 'the admin created on start when there is no admin yet',
  },
  {
    name: 'ADMIN_PASSWORD',
    default: 'admin',
    meaning:
      "that admin's password; production refuses `admin` and has no default (then no admin is created)",
  },
  {
    name: 'UPLOAD_MAX_BYTES',
    default: '31457280',
    meaning: 'the largest photo upload, in bytes (30 MiB)',
  },
  {
    name: 'UPLOAD_MAX_PIXELS',
    default: '100000000',
    meaning: 'the largest photo, width × height',
  },
  {
    name: 'WORKER_CONCURRENCY',
    default: '2',
    meaning: 'photos one worker process renders at the same time',
  },
  {
    name: 'API_PROCESSES',
    default: '1',
    meaning: 'API processes sharing `PORT` (node:cluster); one dying stops them all',
  },
  {
    name: 'PUBLIC_URL',
    default: null,
    meaning:
      "the server's public address, printed in certificates' QR codes and rendition URLs; unset, `http://localhost:{PORT}`",
  },
  {
    name: 'TOKEN_TTL',
    default: '12h',
    meaning: 'how long a sign-in lasts (`90m`, `12h`, `2d`, or seconds; 1 minute to 30 days)',
  },
  {
    name: 'REGISTRATIONS_PER_ADDRESS',
    default: '10',
    meaning:
      'sign-ups (`registerEntrant`) one client address may make in an hour (1 to 100000); raise it for a registration desk behind one address',
  },
] as const satisfies readonly ConfigVariable[];

type VariableWithDefault = Extract<(typeof CONFIG_VARIABLES)[number], { default: string }>;

/** The default of a variable, from CONFIG_VARIABLES. */
function defaultOf(name: VariableWithDefault['name']): string {
  return CONFIG_VARIABLES.find((variable) => variable.name === name)!.default!;
}

export const DEFAULT_ADMIN_EMAIL = defaultOf('ADMIN_EMAIL');
export const DEFAULT_ADMIN_PASSWORD = defaultOf('ADMIN_PASSWORD');
const MIN_PRODUCTION_SECRET_LENGTH = 32;

export function loadConfig(env: Env): AppConfig {
  const nodeEnv = oneOf(
    env,
    'NODE_ENV',
    defaultOf('NODE_ENV') as 'development',
    ['development', 'production', 'test'] as const,
  );
  const production = nodeEnv === 'production';
  const port = integer(env, 'PORT', Number(defaultOf('PORT')), 1, 65535);

  const databaseUrl = url(env, 'DATABASE_URL', defaultOf('DATABASE_URL'), ['mysql:', 'mariadb:']);
  const database = databaseUrl.pathname.replace(/^\//, '');
  if (!/^[A-Za-z0-9_]{1,64}$/.test(database)) {
    throw new ConfigError(
      'DATABASE_URL',
      'must name a database of letters, digits and _ (e.g. /judging)',
    );
  }

  const redisUrl = url(env, 'REDIS_URL', defaultOf('REDIS_URL'), ['redis:', 'rediss:']);
  const queuePrefix = raw(env, 'QUEUE_PREFIX') ?? defaultOf('QUEUE_PREFIX');
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

  const uploadMaxBytes = integer(
    env,
    'UPLOAD_MAX_BYTES',
    Number(defaultOf('UPLOAD_MAX_BYTES')),
    1024,
    1024 ** 3,
  );
  const uploadMaxPixels = integer(
    env,
    'UPLOAD_MAX_PIXELS',
    Number(defaultOf('UPLOAD_MAX_PIXELS')),
    10_000,
    1_000_000_000,
  );
  const workerConcurrency = integer(
    env,
    'WORKER_CONCURRENCY',
    Number(defaultOf('WORKER_CONCURRENCY')),
    1,
    64,
  );
  const apiProcesses = integer(env, 'API_PROCESSES', Number(defaultOf('API_PROCESSES')), 1, 64);

  const publicUrl = url(env, 'PUBLIC_URL', `http://localhost:${port}`, ['http:', 'https:'])
    .toString()
    .replace(/\/$/, '');
  const tokenTtlSeconds = durationSeconds(env, 'TOKEN_TTL', defaultOf('TOKEN_TTL'), 30 * 86400);
  const registrationsPerAddress = integer(
    env,
    'REGISTRATIONS_PER_ADDRESS',
    Number(defaultOf('REGISTRATIONS_PER_ADDRESS')),
    1,
    100_000,
  );

  return {
    nodeEnv,
    production,
    port,
    databaseUrl,
    redisUrl,
    queuePrefix,
    storageDir: raw(env, 'STORAGE_DIR') ?? defaultOf('STORAGE_DIR'),
    jwtSecret,
    adminEmail: adminEmail.toLowerCase(),
    adminPassword,
    uploadMaxBytes,
    uploadMaxPixels,
    workerConcurrency,
    apiProcesses,
    publicUrl,
    tokenTtlSeconds,
    registrationsPerAddress,
  };
}
