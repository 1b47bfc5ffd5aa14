import { ConfigError } from './env-parsers';
import { loadConfig } from './app-config';

const STRONG_SECRET = 'x'.repeat(32);

function refusal(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

describe('loadConfig', () => {
  it('has the defaults of docs/configuration.md, so a developer machine needs no set-up', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      production: false,
      port: 3000,
      queuePrefix: 'judging',
      storageDir: './data/media',
      jwtSecret: undefined,
      adminEmail: 'admin@example.com',
      adminPassword: 'admin',
      uploadMaxBytes: 31457280,
      uploadMaxPixels: 100000000,
      workerConcurrency: 2,
      apiProcesses: 1,
      publicUrl: 'http://localhost:3000',
      tokenTtlSeconds: 12 * 3600,
      registrationsPerAddress: 10,
    });
    expect(config.databaseUrl.toString()).toBe('mysql://root@127.0.0.1:3306/judging');
    expect(config.redisUrl.toString()).toBe('redis://127.0.0.1:6379');
  });

  it('reads every variable', () => {
    const config = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'mysql://judge:s%40cret@db.internal:3307/fair2026',
      REDIS_URL: 'redis://cache:6380/2',
      QUEUE_PREFIX: 'fair-2026',
      STORAGE_DIR: '/srv/media',
      JWT_SECRET: 'short-but-fine-outside-production',
      ADMIN_EMAIL: ' Boss@Fair.CN ',
      ADMIN_PASSWORD: 'hunter22',
      NODE_ENV: 'test',
      UPLOAD_MAX_BYTES: '1048576',
      UPLOAD_MAX_PIXELS: '50000000',
      WORKER_CONCURRENCY: '4',
      API_PROCESSES: '2',
      PUBLIC_URL: 'https://awards.example.org/',
      TOKEN_TTL: '90m',
      REGISTRATIONS_PER_ADDRESS: '200',
    });
    expect(config).toMatchObject({
      port: 8080,
      queuePrefix: 'fair-2026',
      storageDir: '/srv/media',
      jwtSecret: 'short-but-fine-outside-production',
      adminEmail: 'boss@fair.cn',
      adminPassword: 'hunter22',
      nodeEnv: 'test',
      uploadMaxBytes: 1048576,
      uploadMaxPixels: 50000000,
      workerConcurrency: 4,
      apiProcesses: 2,
      publicUrl: 'https://awards.example.org',
      tokenTtlSeconds: 5400,
      registrationsPerAddress: 200,
    });
    expect(config.databaseUrl.hostname).toBe('db.internal');
    expect(config.redisUrl.port).toBe('6380');
  });

  it('takes PUBLIC_URL from PORT when unset', () => {
    expect(loadConfig({ PORT: '4100' }).publicUrl).toBe('http://localhost:4100');
  });

  it('treats a blank variable as unset', () => {
    expect(loadConfig({ PORT: '  ', TOKEN_TTL: '' }).port).toBe(3000);
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '0'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'postgres://x/y'],
    ['DATABASE_URL', 'not a url'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1:3306/'],
    ['DATABASE_URL', 'mysql://root@127.0.0.1:3306/bad-name;drop'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['QUEUE_PREFIX', 'has:colon'],
    ['NODE_ENV', 'staging'],
    ['UPLOAD_MAX_BYTES', '-1'],
    ['UPLOAD_MAX_BYTES', '30MB'],
    ['UPLOAD_MAX_PIXELS', '1.5'],
    ['WORKER_CONCURRENCY', '0'],
    ['API_PROCESSES', '0'],
    ['API_PROCESSES', 'two'],
    ['REGISTRATIONS_PER_ADDRESS', '0'],
    ['PUBLIC_URL', 'ftp://example.org'],
    ['TOKEN_TTL', 'forever'],
    ['TOKEN_TTL', '10s'],
    ['TOKEN_TTL', '400d'],
    ['ADMIN_EMAIL', 'not-an-email'],
  ])('refuses %s=%s with a message naming the variable', (name, value) => {
    const error = refusal({ [name]: value });
    expect(error.variable).toBe(name);
    expect(error.message.startsWith(`${name}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  describe('in production', () => {
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: STRONG_SECRET,
      ADMIN_PASSWORD: 'a-real-password',
    };

    it('starts with real secrets, hides nothing it should not', () => {
      const config = loadConfig(production);
      expect(config.production).toBe(true);
      expect(config.jwtSecret).toBe(STRONG_SECRET);
    });

    it('requires JWT_SECRET, at least 32 characters', () => {
      expect(refusal({ ...production, JWT_SECRET: '' }).variable).toBe('JWT_SECRET');
      expect(refusal({ ...production, JWT_SECRET: 'x'.repeat(31) }).variable).toBe('JWT_SECRET');
    });

    it('refuses the default admin password', () => {
      expect(refusal({ ...production, ADMIN_PASSWORD: 'admin' }).variable).toBe('ADMIN_PASSWORD');
    });

    it('has no default admin password: without one, no admin can be made from a default', () => {
      const { ADMIN_PASSWORD: _ignored, ...withoutPassword } = production;
      expect(loadConfig(withoutPassword).adminPassword).toBeUndefined();
    });
  });
});
