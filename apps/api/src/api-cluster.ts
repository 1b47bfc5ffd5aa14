import cluster, { Worker } from 'node:cluster';

/**
 * API_PROCESSES > 1: this process only forks that many API processes, which share PORT
 * (node:cluster hands each new connection to the next process in turn). The API is
 * stateless between requests — its few per-process caches hold facts that cannot change
 * (a checked token signature, an open round's criteria) or for at most a second — so any
 * process may answer any request. One of them dying stops the rest and this process exits
 * with its code, as the launcher does for its children: whatever supervises the deployment
 * restarts it whole. SIGINT/SIGTERM are passed on so requests in flight can finish.
 */
export function runApiCluster(processes: number): void {
  const workers = new Set<Worker>();
  let stopping = false;

  const stopAll = (exitCode: number) => {
    stopping = true;
    process.exitCode = exitCode;
    if (workers.size === 0) process.exit(exitCode);
    for (const worker of workers) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of workers) worker.process.kill('SIGKILL');
    }, 60_000).unref();
  };

  for (let i = 0; i < processes; i++) workers.add(cluster.fork());
  cluster.on('exit', (worker, code, signal) => {
    workers.delete(worker);
    if (!stopping) {
      process.stderr.write(
        `api: process ${worker.process.pid} exited (${signal ?? code}); stopping the rest\n`,
      );
      stopAll(code || 1);
    } else if (workers.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => stopAll(0));
}
