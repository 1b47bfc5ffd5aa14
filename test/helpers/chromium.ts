import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** Where Debian (and most distributions) put the chromium the browser tests drive. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

const HOW_TO_INSTALL =
  "install Debian's chromium (apt-get install -y chromium, as root) or set CHROMIUM_PATH to a Chromium";

/** The browser tests cannot run: one line that says why and what to do. */
export class ChromiumMissingError extends Error {
  constructor(detail: string) {
    super(`the browser tests need Chromium: ${detail}; ${HOW_TO_INSTALL}`);
    this.name = 'ChromiumMissingError';
    this.stack = `${this.name}: ${this.message}`; // the line is the message; no trace to read
  }
}

let found: string | undefined;

/**
 * The chromium the browser tests drive with playwright-core (which never downloads a browser).
 * CHROMIUM_PATH wins; otherwise Debian's. When none is installed and the tests run as root on a
 * machine with apt-get, Debian's chromium is installed, saying so, once per test process;
 * elsewhere the tests fail with one line saying how to install it. Never skipped silently.
 */
export function chromiumPath(): string {
  if (found) return found;
  const configured = process.env.CHROMIUM_PATH;
  if (configured) {
    if (!existsSync(configured))
      throw new ChromiumMissingError(`CHROMIUM_PATH=${configured} is missing`);
    return (found = configured);
  }
  const installed = CANDIDATES.find((path) => existsSync(path));
  if (installed) return (found = installed);
  if (process.getuid?.() !== 0 || !existsSync('/usr/bin/apt-get')) {
    throw new ChromiumMissingError(`none at ${CANDIDATES.join(' or ')}`);
  }
  process.stderr.write(
    "browser tests: chromium is missing; installing Debian's: apt-get install -y chromium\n",
  );
  try {
    const apt = {
      stdio: 'inherit' as const,
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    };
    execFileSync('apt-get', ['update', '-qq'], apt);
    execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium'], apt);
  } catch (error) {
    throw new ChromiumMissingError(`apt-get install chromium failed (${(error as Error).message})`);
  }
  const now = CANDIDATES.find((path) => existsSync(path));
  if (!now) throw new ChromiumMissingError('apt-get installed no chromium binary');
  process.stderr.write(`browser tests: installed ${now}\n`);
  return (found = now);
}
