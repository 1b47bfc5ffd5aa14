import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { AppConfig, loadConfig } from './app-config';
import { ConfigError } from './env-parsers';

/**
 * Reads `.env` (never overriding the real environment) and the configuration. An invalid value
 * ends the process here with one line naming the variable, before anything connects.
 */
export function configFromEnvironmentOrExit(processName: string): AppConfig {
  readDotenv('.env');
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${processName}: invalid configuration: ${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}

/** Node's own `.env` parser; variables already in the environment win. */
function readDotenv(file: string): void {
  if (!existsSync(file)) return;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (process.env[name] === undefined) process.env[name] = value;
  }
}
