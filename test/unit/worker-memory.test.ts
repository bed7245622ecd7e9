// The workflow thread's heap is bounded by the cache it holds (worker/memory.ts): checked on
// Node's own V8 with real threads, since the bound lives in V8's flags, not in our code.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import {
  mainHeapFor,
  MIB_PER_CACHED_WORKFLOW,
  WORKER_NODE_FLAGS,
  workerNodeFlags,
  WORKFLOW_HEAP_BASE_MIB,
  withWorkflowThreadHeap,
  workflowHeapFor,
} from '../../worker/memory.ts';

const MiB = 2 ** 20;
const mainLimitMiB = () => getHeapStatistics().heap_size_limit / MiB;

/** A thread that reports its V8 heap limit, in MiB, and exits. */
async function threadHeapLimitMiB(): Promise<number> {
  const thread = new Worker(
    `require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)`,
    { eval: true },
  );
  const limit = await new Promise<number>((resolve, reject) => {
    thread.once('message', resolve);
    thread.once('error', reject);
  });
  await thread.terminate();
  return limit / MiB;
}

describe("the workflow thread's heap (worker/memory.ts)", () => {
  it('grows with the cache: a fixed part and half a MiB a cached duty, 64 MiB at least', () => {
    expect(workflowHeapFor(134)).toEqual({ oldSpaceMiB: 99, semiSpaceMiB: 2 });
    expect(workflowHeapFor(2_000).oldSpaceMiB).toBe(
      WORKFLOW_HEAP_BASE_MIB + 2_000 * MIB_PER_CACHED_WORKFLOW,
    );
    // WORKER_MAX_CACHED_WORKFLOWS=0: every task replays, still in a heap that can hold one.
    expect(workflowHeapFor(0).oldSpaceMiB).toBe(64);
  });

  it('bounds the thread started inside, and neither the main thread nor a later one', async () => {
    const before = mainLimitMiB();
    const unbounded = await threadHeapLimitMiB();
    const inside = await withWorkflowThreadHeap({ oldSpaceMiB: 64, semiSpaceMiB: 2 }, () =>
      threadHeapLimitMiB(),
    );
    // The old space asked for, plus a young generation of three 2 MiB semi-spaces at most.
    expect(inside).toBeGreaterThanOrEqual(64);
    expect(inside).toBeLessThanOrEqual(64 + 3 * 2 + 1);
    expect(mainLimitMiB()).toBe(before);
    // The process's own flags are back: a later thread gets what one got before.
    expect(await threadHeapLimitMiB()).toBe(unbounded);
    // No cache size given (the SDK's default): the thread gets what the process gives.
    expect(await withWorkflowThreadHeap(workflowHeapFor(undefined), threadHeapLimitMiB)).toBe(
      unbounded,
    );
  });

  it("puts back the worker process's own old space (256 MiB), not V8's default", () => {
    const memory = new URL('../../worker/memory.ts', import.meta.url).href;
    const code = `
      import { Worker } from 'node:worker_threads';
      import { withWorkflowThreadHeap } from '${memory}';
      const limit = () => new Promise((resolve) => {
        const t = new Worker("require('node:worker_threads').parentPort.postMessage(require('node:v8').getHeapStatistics().heap_size_limit)", { eval: true, execArgv: [] });
        t.once('message', (v) => t.terminate().then(() => resolve(Math.round(v / 2 ** 20))));
      });
      const inside = await withWorkflowThreadHeap({ oldSpaceMiB: 64, semiSpaceMiB: 2 }, limit);
      console.log(JSON.stringify({ inside, after: await limit() }));`;
    const out = execFileSync(
      process.execPath,
      [...WORKER_NODE_FLAGS, '--input-type=module', '-e', code],
      { encoding: 'utf8' },
    );
    const { inside, after } = JSON.parse(out) as { inside: number; after: number };
    expect(inside).toBeLessThan(72);
    expect(after).toBeGreaterThanOrEqual(256);
    expect(after).toBeLessThan(300);
  });

  it('takes turns: two creations at once each get their own bound', async () => {
    const [small, large] = await Promise.all([
      withWorkflowThreadHeap({ oldSpaceMiB: 48, semiSpaceMiB: 2 }, () => threadHeapLimitMiB()),
      withWorkflowThreadHeap({ oldSpaceMiB: 200, semiSpaceMiB: 2 }, () => threadHeapLimitMiB()),
    ]);
    expect(small).toBeLessThan(60);
    expect(large).toBeGreaterThanOrEqual(200);
  });

  it("runs `npm run worker` with the worker's Node flags", () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['worker']).toBe(`node ${WORKER_NODE_FLAGS.join(' ')} worker/main.ts`);
  });
});

describe("the worker process's main heap (worker/memory.ts)", () => {
  it('is 256 MiB for the cache derived from it, and grows with a larger configured cache', () => {
    expect(mainHeapFor(undefined)).toBe(256);
    expect(mainHeapFor(100)).toBe(256);
    expect(mainHeapFor(4_000)).toBe(256);
    expect(mainHeapFor(10_000)).toBe(378);
    expect(mainHeapFor(24_000)).toBe(728);
    expect(workerNodeFlags(10_000)).toEqual([
      '--max-semi-space-size=2',
      '--max-old-space-size=378',
    ]);
  });

  /** Runs checkMainHeapHolds(cache) in a process started with `flags`; its error, or 'ok'. */
  const checkIn = (flags: string[], cache: number, nodeOptions = ''): string => {
    const memory = new URL('../../worker/memory.ts', import.meta.url).href;
    const code = `
      import { checkMainHeapHolds } from '${memory}';
      try { checkMainHeapHolds(${cache}); console.log('ok'); } catch (e) { console.log(e.message); }`;
    return execFileSync(process.execPath, [...flags, '--input-type=module', '-e', code], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: nodeOptions },
    }).trim();
  };

  it('refuses at start a configured cache the main heap cannot hold, naming the flags that fit', () => {
    // A busy morning would otherwise stop such a worker out of memory hours after its start.
    expect(checkIn(WORKER_NODE_FLAGS, 100)).toBe('ok');
    expect(checkIn(WORKER_NODE_FLAGS, 4_000)).toBe('ok');
    const refused = checkIn(WORKER_NODE_FLAGS, 10_000);
    expect(refused).toContain('WORKER_MAX_CACHED_WORKFLOWS=10000 needs a main heap of 378 MiB');
    expect(refused).toContain('this process has 256 MiB');
    expect(refused).toContain('--max-old-space-size=378');
    expect(checkIn(workerNodeFlags(10_000), 10_000)).toBe('ok');
  });

  it('measures the old space the process was given, whichever way it was given', () => {
    // A smaller heap than the worker's own still holds a small cache (a 128 MiB worker once ran).
    expect(checkIn(['--max-old-space-size=200'], 100)).toBe('ok');
    expect(checkIn(['--max-old-space-size=200'], 4_000)).toContain('this process has 200 MiB');
    // NODE_OPTIONS counts, but the command line's flag wins over it, as in Node itself.
    expect(checkIn([], 10_000, '--max-old-space-size=400')).toBe('ok');
    expect(checkIn(WORKER_NODE_FLAGS, 10_000, '--max-old-space-size=1024')).toContain(
      'this process has 256 MiB',
    );
  });
});
