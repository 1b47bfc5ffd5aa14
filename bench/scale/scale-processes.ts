import { ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { API_NODE_FLAGS } from '../../apps/api/src/node-flags';

/** The API and the worker as `npm run start:api` / `start:worker` run them, each a child. */
export interface ScaleProcesses {
  api: ChildProcess;
  worker: ChildProcess;
  port: number;
  stop: () => Promise<void>;
}

export function startProcesses(
  appsDir: string,
  env: Record<string, string>,
  port: number,
): ScaleProcesses {
  const base = { PATH: process.env.PATH ?? '', ...env };
  const api = spawn(process.execPath, [...API_NODE_FLAGS, join(appsDir, 'api', 'src', 'main.js')], {
    env: { ...base, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // As start:worker and the launcher run it: glibc capped at two arenas (sharp's memory).
  const worker = spawn(process.execPath, [join(appsDir, 'worker', 'src', 'main.js')], {
    env: { ...base, MALLOC_ARENA_MAX: env.MALLOC_ARENA_MAX ?? '2' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return { api, worker, port, stop: async () => void (await Promise.all([end(api), end(worker)])) };
}

function end(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** A process and its direct children (the API may run as several, API_PROCESSES). */
function tree(pid: number): number[] {
  const pids = [pid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) {
        pids.push(Number(entry));
      }
    } catch {
      // ended meanwhile
    }
  }
  return pids;
}

function statusKb(pid: number, field: 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Peak resident memory per stage: VmHWM is reset (clear_refs 5, Linux ≥ 4.0) when a stage
 * starts and read when it ends, so each stage shows its own peak, not the run's so far.
 */
export class PeakMemory {
  private readonly overall = new Map<string, number>();

  /** `children`: count the process's children too (the API's cluster; not this script's). */
  constructor(
    private readonly processes: Record<
      string,
      { pid: () => number | undefined; children: boolean }
    >,
  ) {}

  reset(): void {
    for (const pid of this.allPids()) {
      try {
        writeFileSync(`/proc/${pid}/clear_refs`, '5');
      } catch {
        // not ours to reset, or ended: the reading stays the peak since start
      }
    }
  }

  /** MB per process (summed over an API's cluster), the peak since the last reset. */
  read(): Record<string, number> {
    const peaks: Record<string, number> = {};
    for (const [name, process] of Object.entries(this.processes)) {
      const kb = this.pidsOf(process).reduce((sum, p) => sum + statusKb(p, 'VmHWM'), 0);
      peaks[name] = Math.round(kb / 1024);
      this.overall.set(name, Math.max(this.overall.get(name) ?? 0, peaks[name]));
    }
    return peaks;
  }

  /** The highest of every reading, boot included (the first stage starts unreset). */
  peaks(): Record<string, number> {
    return Object.fromEntries(this.overall);
  }

  private allPids(): number[] {
    return Object.values(this.processes).flatMap((process) => this.pidsOf(process));
  }

  private pidsOf(process: { pid: () => number | undefined; children: boolean }): number[] {
    const pid = process.pid();
    if (pid === undefined) return [];
    return process.children ? tree(pid) : [pid];
  }
}
