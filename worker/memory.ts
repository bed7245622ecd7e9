// How much memory a duty worker gives its sticky cache and its workflow thread, from the
// memory it may use. Plain functions, measured by `npm run bench:footprint`
// (docs/benchmarks.md, worker memory).
import { constrainedMemory } from 'node:process';
import { totalmem } from 'node:os';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { nodeOptions } from '../config/env.ts';

/**
 * What one cached duty adds to the worker's resident memory with the V8 context reused and no
 * zod in the bundle: its state, the bundle's modules it evaluates, the SDK's bookkeeping and
 * V8's slack before it collects: measured 0.33 MiB settled, 0.45 MiB at the intake's peak
 * (docs/benchmarks.md, `npm run bench:footprint`).
 */
export const MIB_PER_CACHED_WORKFLOW = 0.5;
/** The share of the worker's memory the sticky cache may take. */
export const CACHE_SHARE = 1 / 64;
const CACHE_MIN = 100;
const CACHE_MAX = 10_000;

/**
 * The memory the worker may use, in MiB: V8's heap limit (Node's default, or
 * --max-old-space-size), or less when the container's limit (cgroup) or the machine is smaller.
 */
export function workerMemoryMiB(): number {
  const total = totalmem();
  const limit = constrainedMemory();
  const available = limit > 0 && limit < total ? limit : total;
  return Math.min(getHeapStatistics().heap_size_limit, available) / 2 ** 20;
}

/**
 * The sticky cache's size from the worker's memory: CACHE_SHARE of it at
 * MIB_PER_CACHED_WORKFLOW each, between 100 and 10,000. A duty sleeps for days between
 * activations, so the cache only has to hold those active at once (a morning's reminders);
 * a duty out of it is replayed from its history, milliseconds of work. Node's default heap
 * of about 4 GiB gives 134, `--max-old-space-size=256` gives 100; WORKER_MAX_CACHED_WORKFLOWS
 * overrides it.
 */
export function cachedWorkflowsFor(memoryMiB: number = workerMemoryMiB()): number {
  const n = Math.floor((memoryMiB * CACHE_SHARE) / MIB_PER_CACHED_WORKFLOW);
  return Math.min(CACHE_MAX, Math.max(CACHE_MIN, n));
}

/**
 * The workflow thread's V8 heap: a fixed part (the bundle's code, the SDK's context and the
 * modules the duties share) and MIB_PER_CACHED_WORKFLOW for each duty the cache may hold. The
 * duties' live state is far smaller than that (a 40 MiB limit ran out with 134 cached, 64 MiB
 * held them), so the limit is twice what the cache needs, and V8 collects well before it.
 */
export const WORKFLOW_HEAP_BASE_MIB = 32;
/**
 * The young generation's semi-space, for the worker's threads: V8's default (16 MiB at this
 * heap size, three of them per thread) only delays promoting the short-lived objects of each
 * activation, and each thread kept it filled: 643 → 443 MB of RSS at 3,000 open duties.
 */
export const SEMI_SPACE_MIB = 2;

export interface WorkflowHeap {
  oldSpaceMiB: number;
  semiSpaceMiB: number;
}

/** Below this the thread could not even take up a duty at a time (a cache of 0 replays each). */
export const WORKFLOW_HEAP_MIN_MIB = 64;

/** A V8 size flag as the process started with it (command line or NODE_OPTIONS); 0: V8's own. */
function startupFlagMiB(name: string): number {
  // NODE_OPTIONS first: Node reads the command line after it, so the command line's flag wins.
  const args = [...nodeOptions().split(/\s+/), ...process.execArgv];
  const pattern = new RegExp(`^--${name.replaceAll('-', '[-_]')}=(\\d+)$`);
  let value = 0;
  for (const arg of args) {
    const m = pattern.exec(arg);
    if (m) value = Number(m[1]);
  }
  return value;
}

/** What isolates get when nothing bounds them: the process's own flags (0: V8's defaults). */
const STARTUP_HEAP: WorkflowHeap = {
  oldSpaceMiB: startupFlagMiB('max-old-space-size'),
  semiSpaceMiB: startupFlagMiB('max-semi-space-size'),
};

/** The workflow thread's heap for a cache of `maxCached` duties (none given: the process's). */
export function workflowHeapFor(maxCached: number | undefined): WorkflowHeap {
  if (maxCached === undefined) return STARTUP_HEAP;
  const oldSpaceMiB = Math.ceil(WORKFLOW_HEAP_BASE_MIB + maxCached * MIB_PER_CACHED_WORKFLOW);
  return {
    oldSpaceMiB: Math.max(WORKFLOW_HEAP_MIN_MIB, oldSpaceMiB),
    semiSpaceMiB: SEMI_SPACE_MIB,
  };
}

const setHeapFlags = (heap: WorkflowHeap): void => {
  setFlagsFromString(`--max-old-space-size=${heap.oldSpaceMiB}`);
  setFlagsFromString(`--max-semi-space-size=${heap.semiSpaceMiB}`);
};
let creating: Promise<unknown> = Promise.resolve();

/**
 * Runs `create` (a Worker.create) with the heap of the workflow thread it starts bounded. The
 * SDK (1.24) starts that thread without `resourceLimits`, so it could grow to the process's
 * whole heap, and V8 let it fill with the garbage of evicted and replayed duties before
 * collecting: 539–771 MB of RSS at 10,000 open duties. V8 reads these flags when it creates an
 * isolate, and Worker.create returns once its thread is initialised (the SDK waits for the
 * thread's answer to `init`), so the flags bound that thread alone: the main thread keeps the
 * heap it started with, and the process's own flags are put back for any isolate created later
 * (the bench's raw worker). Creations in one process take turns.
 */
export function withWorkflowThreadHeap<T>(
  heap: WorkflowHeap,
  create: () => Promise<T>,
): Promise<T> {
  const run = creating.then(async () => {
    setHeapFlags(heap);
    try {
      return await create();
    } finally {
      setHeapFlags(STARTUP_HEAP);
    }
  });
  creating = run.catch(() => undefined);
  return run;
}

/**
 * The main thread's old space for a worker process, in MiB. At 256 the main thread kept 43 MB
 * where Node's default (about 4 GiB) let it keep 130 MB of garbage from a day's activities, and
 * the worker held 295 MB at 10,000 open duties instead of 428. The cache derived from this heap
 * is 100 duties (cachedWorkflowsFor), the workflow thread's heap 82 MiB. A province's year
 * (3,015 duties) simulated within 128 MiB, so simulation jobs fit.
 */
export const WORKER_MAIN_HEAP_MIB = 256;
/**
 * What a cached workflow keeps on the main thread (the SDK's bookkeeping for its run): measured
 * 14 KB at 1,000 and 3,000 cached duties (`npm run bench:footprint`), and the bench's worker ran
 * out of a 256 MiB main heap with about 3,000 duties and 9,000 one-timers cached. About twice
 * the measured figure, for the garbage V8 lets build up before it collects.
 */
export const MAIN_MIB_PER_CACHED_WORKFLOW = 0.025;
/** The main thread's heap without a cache: the SDK, the client, the activities' modules. */
export const MAIN_HEAP_BASE_MIB = 128;

/** The old space the main thread needs for a cache of `maxCached` workflows. */
export function mainHeapNeedMiB(maxCached: number): number {
  return Math.ceil(MAIN_HEAP_BASE_MIB + maxCached * MAIN_MIB_PER_CACHED_WORKFLOW);
}

/** The main thread's old space to start a worker with (none given: the derived cache's). */
export function mainHeapFor(maxCached: number | undefined): number {
  if (maxCached === undefined) return WORKER_MAIN_HEAP_MIB;
  return Math.max(WORKER_MAIN_HEAP_MIB, mainHeapNeedMiB(maxCached));
}

/**
 * Node options for a worker process with a sticky cache of `maxCached` workflows (unset: the
 * cache derived from memory), set when it starts since V8 sizes the main thread's heap then:
 * its young generation as small as the workflow thread's, and its old space from mainHeapFor.
 * scripts/start.ts and the tests' worker processes pass the configured cache.
 */
export function workerNodeFlags(maxCached?: number): string[] {
  return [
    `--max-semi-space-size=${SEMI_SPACE_MIB}`,
    `--max-old-space-size=${mainHeapFor(maxCached)}`,
  ];
}

/** A worker process's flags for the cache derived from memory: package.json's `worker` script. */
export const WORKER_NODE_FLAGS = workerNodeFlags();

/**
 * The main thread's old space, in MiB: the process's --max-old-space-size, or V8's whole heap
 * limit when none was given (gigabytes; its young generation, up to 192 MiB here, is no matter).
 */
export function mainOldSpaceMiB(): number {
  return startupFlagMiB('max-old-space-size') || getHeapStatistics().heap_size_limit / 2 ** 20;
}

/**
 * Refuses, before the worker polls, a configured sticky cache (WORKER_MAX_CACHED_WORKFLOWS) the
 * main thread's heap cannot hold: such a worker would otherwise run until a busy morning filled
 * its cache and stop out of memory. The message says the flags that fit. A cache derived from
 * memory fits by construction and is not checked.
 */
export function checkMainHeapHolds(
  maxCached: number,
  oldSpaceMiB: number = mainOldSpaceMiB(),
): void {
  const need = mainHeapNeedMiB(maxCached);
  if (oldSpaceMiB >= need) return;
  throw new Error(
    `WORKER_MAX_CACHED_WORKFLOWS=${maxCached} needs a main heap of ${need} MiB and this ` +
      `process has ${Math.floor(oldSpaceMiB)} MiB: start the worker with node ` +
      `${workerNodeFlags(maxCached).join(' ')} worker/main.ts (npm run worker's own ` +
      `--max-old-space-size=${WORKER_MAIN_HEAP_MIB} wins over NODE_OPTIONS), or set a smaller cache`,
  );
}
