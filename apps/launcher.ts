import { ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';

/**
 * `npm start`: the API and one worker in one command, for a single machine. If either dies the
 * other is stopped and the launcher exits with the dead one's code; SIGINT/SIGTERM are passed on
 * so the worker can finish its running jobs.
 */
const children = new Map<string, ChildProcess>();
let stopping = false;

function start(name: string, entry: string): void {
  const child = fork(join(__dirname, entry), { stdio: 'inherit' });
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

start('api', 'api/src/main.js');
start('worker', 'worker/src/main.js');
