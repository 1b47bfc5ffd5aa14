import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { configFromEnvironmentOrExit } from '@app/core';
import { API_NODE_FLAGS } from './api/src/node-flags';
import { checkServicesOrExit } from './services-check';

/**
 * `npm start`: the API and one worker in one command, for a single machine. If either dies the
 * other is stopped and the launcher exits with the dead one's code; SIGINT/SIGTERM are passed on
 * so the worker can finish its running jobs.
 */
const children = new Map<string, ChildProcess>();
let stopping = false;

/**
 * glibc's malloc gives each libvips thread an arena and fragments them under sharp until the
 * worker's memory only grows (docs/pitfalls.md #8). Two arenas keep the worker's peak near 310 MB on
 * the sample photos at the same speed (bench/images-worker.bench.ts). glibc reads the variable
 * when the process starts, so the launcher sets it for the worker unless it is set already.
 */
const WORKER_MALLOC_ARENA_MAX = '2';

function workerEnvironment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.MALLOC_ARENA_MAX !== undefined) return env;
  return { ...env, MALLOC_ARENA_MAX: WORKER_MALLOC_ARENA_MAX };
}

function start(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv = process.env,
  nodeFlags: readonly string[] = [],
): void {
  const child = fork(join(__dirname, entry), {
    stdio: 'inherit',
    env,
    execArgv: [...process.execArgv, ...nodeFlags],
  });
  children.set(name, child);
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      process.stderr.write(`launcher: ${name} exited (${signal ?? code}); stopping the rest\n`);
      stopAll(code ?? 1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
}

function stopAll(exitCode: number): void {
  stopping = true;
  process.exitCode = exitCode;
  if (children.size === 0) process.exit(exitCode);
  for (const child of children.values()) child.kill('SIGTERM');
  // A child that ignores SIGTERM for too long is killed.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 60_000).unref();
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));

/** The configuration and the services are checked once here, so a problem is said once. */
async function main(): Promise<void> {
  await checkServicesOrExit(configFromEnvironmentOrExit('npm start'), 'npm start');
  start('api', 'api/src/main.js', process.env, API_NODE_FLAGS);
  start('worker', 'worker/src/main.js', workerEnvironment(process.env));
}

void main();
