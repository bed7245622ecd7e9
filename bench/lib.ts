// Small tools of `npm run bench`: progress lines, percentiles, a bounded pool of promises, the
// machine's description, and the worker processes the runner measures.
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { benchEnv } from '../config/env.ts';
import { workerNodeFlags } from '../worker/memory.ts';
import {
  RAW_CACHE,
  type BenchWorkerOptions,
  type FromWorker,
  type ToWorker,
  type WorkerStatus,
} from './protocol.ts';

const t0 = performance.now();

/** A progress line, prefixed with the seconds since the bench started. */
export function say(text: string): void {
  const s = ((performance.now() - t0) / 1000).toFixed(1).padStart(6);
  console.log(`[${s}s] ${text}`);
}

/** Prints progress at most every `everyMs` (and always the last call), for long loops. */
export function throttled(everyMs: number): (text: string, force?: boolean) => void {
  let last = 0;
  return (text, force = false) => {
    const now = performance.now();
    if (force || now - last >= everyMs) {
      last = now;
      say(text);
    }
  };
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

/** Runs `task(i)` for i in [0, count), at most `concurrency` at a time. */
export async function pool(
  count: number,
  concurrency: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < count; i = next++) await task(i);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function machine(): { cores: number; ramGiB: number; cpu: string; node: string } {
  return {
    cores: cpus().length,
    ramGiB: Math.round(totalmem() / 2 ** 30),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    node: process.version,
  };
}

export function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha}+changes` : sha;
  } catch {
    return 'unknown (not a git checkout)';
  }
}

const WORKER_SCRIPT = fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface BenchWorker {
  pid: number;
  maxCachedWorkflows: number;
  status(): Promise<WorkerStatus>;
  startOneTimers(
    opts: Omit<Extract<ToWorker, { type: 'start-one-timers' }>, 'type' | 'id'>,
  ): Promise<{ startedMs: number; firstStartAt: number; lastStartAt: number }>;
  stop(): Promise<void>;
}

type Reply = Extract<FromWorker, { type: 'reply' }>;
type Request = ToWorker extends infer T ? (T extends unknown ? Omit<T, 'id'> : never) : never;

/** The workflows the bench worker's two workers may cache; unset: the duty worker's derived. */
function mainThreadCache(opts: BenchWorkerOptions): number | undefined {
  if (opts.maxCachedWorkflows === undefined && !opts.oneTimer) return undefined;
  return (opts.maxCachedWorkflows ?? 0) + (opts.oneTimer ? RAW_CACHE : 0);
}

function oldSpaceOverride(): string[] {
  const mib = benchEnv()['BENCH_WORKER_OLD_SPACE'];
  if (mib === undefined) return [];
  if (!/^\d+$/.test(mib)) throw new Error('BENCH_WORKER_OLD_SPACE: must be a whole number of MiB');
  return [`--max-old-space-size=${mib}`];
}

/** Forks bench/worker.ts and resolves once its workers poll. */
export async function startBenchWorker(
  opts: BenchWorkerOptions,
  onProgress: (text: string) => void,
): Promise<BenchWorker> {
  const child: ChildProcess = fork(WORKER_SCRIPT, [JSON.stringify(opts)], {
    execPath: process.execPath,
    // As a worker process runs (scripts/start.ts), with the main thread's heap for both workers'
    // caches: a cached workflow keeps some of its bookkeeping there (worker/memory.ts).
    // BENCH_WORKER_OLD_SPACE (MiB) overrides the main thread's heap, to measure it unbounded.
    execArgv: [
      ...process.execArgv,
      ...workerNodeFlags(mainThreadCache(opts)),
      ...oldSpaceOverride(),
    ],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>();
  let exited = false;
  const ready = new Promise<{ maxCachedWorkflows: number; pid: number }>((resolve, reject) => {
    child.on('message', (m: FromWorker) => {
      if (m.type === 'ready') resolve(m);
      else if (m.type === 'progress') onProgress(m.text);
      else if (m.type === 'reply') {
        pending.get(m.id)?.resolve(m);
        pending.delete(m.id);
      } else if (m.id !== undefined) {
        pending.get(m.id)?.reject(new Error(m.message));
        pending.delete(m.id);
      } else {
        onProgress(`worker error: ${m.message}`);
      }
    });
    child.once('exit', (code, signal) => {
      exited = true;
      const err = new Error(`bench worker exited (code ${code}, signal ${signal})`);
      reject(err);
      for (const p of pending.values()) p.reject(err);
      pending.clear();
    });
  });
  const request = (message: Request): Promise<Reply> => {
    if (exited) return Promise.reject(new Error('bench worker has exited'));
    const id = nextId++;
    return new Promise<Reply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ ...message, id });
    });
  };
  const info = await ready;
  return {
    pid: info.pid,
    maxCachedWorkflows: info.maxCachedWorkflows,
    async status() {
      const r = await request({ type: 'status' });
      if (!('status' in r)) throw new Error('unexpected reply to status');
      return r.status;
    },
    async startOneTimers(o) {
      const r = await request({ type: 'start-one-timers', ...o });
      if (!('startedMs' in r)) throw new Error('unexpected reply to start-one-timers');
      return r;
    },
    async stop() {
      if (exited) return;
      const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await request({ type: 'stop' });
      await Promise.race([gone, sleep(10_000)]);
      if (!exited) {
        child.kill('SIGKILL');
        await gone;
      }
    },
  };
}
