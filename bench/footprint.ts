// `npm run bench:footprint`: what cached workflows cost a worker in resident memory.
//
// Part `variants`: three one-timer workflows that differ only in what they import (nothing,
// zod, the duty's zod schemas). The TypeScript SDK evaluates a workflow's modules once per
// workflow, so whatever the duty workflow imports is paid by every duty sitting in the sticky
// cache. Each variant runs in a fresh worker process on one throwaway dev server;
// BENCH_FOOTPRINT sets how many workflows each caches (500 by default). It also prints how fast
// each variant's workflows are taken up (started and through their first task).
//
// Part `duties`: the project's worker as production runs it (bench/worker.ts: worker/build.ts
// with the real activities, a prebuilt bundle as WORKFLOW_BUNDLE gives it, and the cache size
// the build derives from memory), on a fresh dev server with an SMTP sink and a SQLite read
// model, and BENCH_FOOTPRINT_DUTIES open duties started (10000 by default; a comma-separated
// list runs each size in turn and prints the slope). Its RSS idle, while the duties are taken
// up (peak) and once all wait on their timers. BENCH_FOOTPRINT_BUNDLE=at-start bundles at start (in a child process)
// instead; BENCH_MAX_CACHED overrides the cache size, BENCH_WORKER_OLD_SPACE the worker's main
// heap (MiB). BENCH_FOOTPRINT_PART picks one part.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { benchEnv } from '../config/env.ts';
import { openDb } from '../db/index.ts';
import { countDuties } from '../db/duty-snapshots.ts';
import { startDevServer } from '../scripts/lib/dev-server.ts';
import { startMailSink } from '../scripts/lib/mail-sink.ts';
import { startDuty } from '../services/starts.ts';
import { bundleWorkflows } from '../worker/create.ts';
import { agency, benchDuty } from './duties.ts';
import { commit, machine, pool, say, sleep, startBenchWorker, throttled } from './lib.ts';

const VARIANTS = ['plain', 'zod', 'schemas'] as const;
type Variant = (typeof VARIANTS)[number];
const MiB = 2 ** 20;

interface ChildResult {
  idleMiB: number;
  cachedMiB: number;
  cached: number;
  /** Workflows taken up (first task done, now cached) per second, from the first start. */
  takeUpRate: number;
}

/** In the child: a worker for one variant, `n` workflows started and cached, RSS before and after. */
async function child(address: string, variant: Variant, n: number): Promise<ChildResult> {
  Runtime.install({ logger: new DefaultLogger('ERROR') });
  const native = await NativeConnection.connect({ address });
  const connection = await Connection.connect({ address });
  const client = new Client({ connection });
  const taskQueue = `footprint-${variant}`;
  const worker = await Worker.create({
    connection: native,
    taskQueue,
    maxCachedWorkflows: n + 10,
    workflowsPath: fileURLToPath(new URL(`./footprint/${variant}.ts`, import.meta.url)),
  });
  const running = worker.run();
  await sleep(3_000);
  const idle = process.memoryUsage().rss;
  const t0 = performance.now();
  await pool(n, 20, async (i) => {
    await client.workflow.start('footprintWorkflow', {
      taskQueue,
      workflowId: `${variant}-${i}`,
      args: [86_400_000],
    });
  });
  while (worker.getStatus().numCachedWorkflows < n) await sleep(100);
  const takeUpRate = n / ((performance.now() - t0) / 1000);
  await sleep(3_000);
  const result = {
    idleMiB: idle / MiB,
    cachedMiB: process.memoryUsage().rss / MiB,
    cached: worker.getStatus().numCachedWorkflows,
    takeUpRate,
  };
  worker.shutdown();
  await running;
  await native.close();
  await connection.close();
  return result;
}

async function variants(lines: string[]): Promise<void> {
  const n = Number(benchEnv()['BENCH_FOOTPRINT'] ?? 500);
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'giam-ngheo-footprint-'));
  const server = await startDevServer({ dbFile: join(dir, 'temporal.db'), uiPort: false });
  try {
    for (const variant of VARIANTS) {
      say(`${variant}: a worker caching ${n} one-timer workflows …`);
      const result = await new Promise<ChildResult>((resolve, reject) => {
        const c = fork(
          fileURLToPath(import.meta.url),
          ['--child', server.address, variant, String(n)],
          {
            execPath: process.execPath,
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
          },
        );
        c.once('message', (m) => resolve(m as ChildResult));
        c.once('exit', (code) => {
          if (code !== 0) reject(new Error(`footprint child for ${variant} exited with ${code}`));
        });
      });
      const per = ((result.cachedMiB - result.idleMiB) / result.cached) * 1000;
      say(
        `  idle ${result.idleMiB.toFixed(0)} MiB, ${result.cached} cached ${result.cachedMiB.toFixed(0)} MiB, ` +
          `taken up at ${result.takeUpRate.toFixed(1)}/s`,
      );
      lines.push(`footprint_${variant}_per_1000_cached ${per.toFixed(0)} MB`);
      lines.push(`footprint_${variant}_take_up_rate ${result.takeUpRate.toFixed(1)} workflows/s`);
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

const DAY_MS = 86_400_000;

interface OpenDutiesResult {
  n: number;
  maxCached: number;
  idleMiB: number;
  peakMiB: number;
  /** 10 s after the last duty was processed, and (settledMiB) a minute after. */
  settled10sMiB: number;
  settledMiB: number;
  heapMiB: number;
  /** The workflow thread's heap: its most in use during the run, at the end, and its limit. */
  workflowHeap?: { peakMiB: number; endMiB: number; limitMiB: number } | undefined;
  cached: number;
  processingRate: number;
  samples: string[];
}

/** One worker process and `n` open duties on a fresh dev server; its RSS from idle to settled. */
async function openDutiesRun(
  n: number,
  bundle: 'prebuilt' | 'at-start',
  maxCached: number | undefined,
): Promise<OpenDutiesResult> {
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'giam-ngheo-footprint-duties-'));
  const sqliteFile = join(dir, 'app.db');
  const [server, sink, db] = await Promise.all([
    startDevServer({ dbFile: join(dir, 'temporal.db'), uiPort: false }),
    startMailSink(),
    openDb({ sqliteFile }),
  ]);
  const connection = await Connection.connect({ address: server.address });
  const client = new Client({ connection });
  let bundlePath: string | undefined;
  if (bundle === 'prebuilt') {
    bundlePath = join(dir, 'workflow-bundle.js');
    writeFileSync(bundlePath, (await bundleWorkflows()).code);
  }
  const w = await startBenchWorker(
    {
      address: server.address,
      namespace: 'default',
      smtpPort: sink.port,
      sqliteFile,
      oneTimer: false,
      ...(bundlePath ? { bundlePath } : {}),
      ...(maxCached === undefined ? {} : { maxCachedWorkflows: maxCached }),
    },
    (t) => say(`  ${t}`),
  );
  try {
    await sleep(3_000);
    const idle = await w.status();
    say(
      `  ${n} open duties: worker idle at ${(idle.rssBytes / MiB).toFixed(0)} MiB, ` +
        `maxCachedWorkflows ${w.maxCachedWorkflows}, ${bundle} bundle`,
    );
    const planId = 'footprint';
    let started = 0;
    const t0 = performance.now();
    const startAll = pool(n, 20, async (i) => {
      await startDuty(
        client,
        benchDuty({
          planId,
          dutyId: `FP-${i}`,
          period: '2027',
          dueAt: Date.now() + (30 + (i % 300)) * DAY_MS,
          lead: agency(`xa-${i % 3300}`, `UBND xã số ${i % 3300}`, 1),
        }),
      );
      started += 1;
    });
    let peak = idle.rssBytes;
    let workflowHeapPeak = 0;
    const samples: string[] = [`0→${(idle.rssBytes / MiB).toFixed(0)}`];
    const step = Math.max(1, Math.floor(n / 10));
    let nextMark = step;
    const progress = throttled(10_000);
    for (;;) {
      const s = await w.status();
      const recorded = await countDuties(db, planId);
      peak = Math.max(peak, s.rssBytes);
      workflowHeapPeak = Math.max(workflowHeapPeak, s.workflowHeap?.usedBytes ?? 0);
      if (recorded >= nextMark) {
        samples.push(`${recorded}→${(s.rssBytes / MiB).toFixed(0)}`);
        nextMark = recorded + step;
      }
      progress(
        `  ${started}/${n} started, ${recorded} processed, ${s.cachedWorkflows} cached: ` +
          `RSS ${(s.rssBytes / MiB).toFixed(0)} MiB`,
      );
      if (
        started >= n &&
        recorded >= n &&
        s.inFlightActivities === 0 &&
        s.inFlightWorkflowActivations === 0
      ) {
        break;
      }
      await sleep(500);
    }
    await startAll;
    const processingRate = n / ((performance.now() - t0) / 1000);
    // Settled: every duty processed and waiting on its timer. V8 and the allocator give memory
    // back only after some idle time, so RSS is read every 10 s for a minute.
    const settledAt: number[] = [];
    let end = await w.status();
    for (let i = 0; i < 6; i++) {
      await sleep(10_000);
      end = await w.status();
      settledAt.push(end.rssBytes / MiB);
      peak = Math.max(peak, end.rssBytes);
    }
    say(
      `  settled: ${end.cachedWorkflows} of ${n} cached, RSS every 10 s ` +
        `${settledAt.map((v) => v.toFixed(0)).join(', ')} MiB (peak ${(peak / MiB).toFixed(0)} MiB), ` +
        `heap ${(end.heapUsedBytes / MiB).toFixed(0)} MiB` +
        (end.workflowHeap
          ? `, workflow thread's heap ${(end.workflowHeap.usedBytes / MiB).toFixed(0)} MiB ` +
            `(peak ${(workflowHeapPeak / MiB).toFixed(0)}, limit ${(end.workflowHeap.limitBytes / MiB).toFixed(0)})`
          : ''),
    );
    return {
      n,
      maxCached: w.maxCachedWorkflows,
      idleMiB: idle.rssBytes / MiB,
      peakMiB: peak / MiB,
      settled10sMiB: settledAt[0] ?? end.rssBytes / MiB,
      settledMiB: end.rssBytes / MiB,
      heapMiB: end.heapUsedBytes / MiB,
      workflowHeap: end.workflowHeap && {
        peakMiB: workflowHeapPeak / MiB,
        endMiB: end.workflowHeap.usedBytes / MiB,
        limitMiB: end.workflowHeap.limitBytes / MiB,
      },
      cached: end.cachedWorkflows,
      processingRate,
      samples,
    };
  } finally {
    await w.stop();
    await connection.close();
    await db.destroy();
    await sink.stop();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function openDuties(lines: string[], heapLimit: number): Promise<void> {
  const env = benchEnv();
  const sizes = (env['BENCH_FOOTPRINT_DUTIES'] ?? '10000').split(',').map((v) => Number(v.trim()));
  if (sizes.some((v) => !Number.isInteger(v) || v < 1)) {
    throw new Error('BENCH_FOOTPRINT_DUTIES must be a count or a comma-separated list of counts');
  }
  const bundle = env['BENCH_FOOTPRINT_BUNDLE'] ?? 'prebuilt';
  if (bundle !== 'prebuilt' && bundle !== 'at-start') {
    throw new Error(`BENCH_FOOTPRINT_BUNDLE must be prebuilt or at-start, not ${bundle}`);
  }
  const maxCached =
    env['BENCH_MAX_CACHED'] === undefined ? undefined : Number(env['BENCH_MAX_CACHED']);
  const results: OpenDutiesResult[] = [];
  for (const n of sizes) {
    say(`open duties: a worker as production runs it, and ${n} duties …`);
    const r = await openDutiesRun(n, bundle, maxCached);
    results.push(r);
    const label = n % 1000 === 0 ? `${n / 1000}k` : String(n);
    lines.push(`worker_rss_idle_${label} ${r.idleMiB.toFixed(0)} MB`);
    lines.push(`worker_rss_${label}_open_duties ${r.settledMiB.toFixed(0)} MB`);
    lines.push(`worker_rss_${label}_open_duties_after_10s ${r.settled10sMiB.toFixed(0)} MB`);
    lines.push(`worker_rss_peak_${label}_open_duties ${r.peakMiB.toFixed(0)} MB`);
    lines.push(`worker_heap_used_${label}_open_duties ${r.heapMiB.toFixed(0)} MB`);
    if (r.workflowHeap) {
      lines.push(`workflow_thread_heap_peak_${label} ${r.workflowHeap.peakMiB.toFixed(0)} MB`);
      lines.push(`workflow_thread_heap_used_${label} ${r.workflowHeap.endMiB.toFixed(0)} MB`);
      lines.push(`workflow_thread_heap_limit ${r.workflowHeap.limitMiB.toFixed(0)} MB`);
    }
    lines.push(`worker_cached_duties_${label} ${r.cached} workflows`);
    lines.push(`worker_max_cached_workflows ${r.maxCached} workflows`);
    lines.push(`worker_heap_limit ${heapLimit.toFixed(0)} MB`);
    lines.push(`open_duty_processing_rate_${label} ${r.processingRate.toFixed(1)} workflows/s`);
    say(`  RSS (MiB) by duties processed: ${r.samples.join(', ')}`);
  }
  const first = results[0];
  const last = results.at(-1);
  if (first && last && last.n > first.n) {
    const slope = ((last.settledMiB - first.settledMiB) / (last.n - first.n)) * 1000;
    lines.push(`worker_rss_slope_per_1000_open_duties ${slope.toFixed(1)} MB`);
  }
}

if (process.argv[2] === '--child') {
  const [address, variant, n] = process.argv.slice(3);
  const result = await child(address ?? '', (variant ?? 'plain') as Variant, Number(n));
  process.send?.(result);
} else {
  const env = benchEnv();
  const part = env['BENCH_FOOTPRINT_PART'];
  if (part !== undefined && part !== 'variants' && part !== 'duties') {
    throw new Error(`BENCH_FOOTPRINT_PART must be variants or duties, not ${part}`);
  }
  const m = machine();
  // The variants' workers inherit NODE_OPTIONS; the duties' worker starts with the worker's own
  // flags (bench/lib.ts), BENCH_WORKER_OLD_SPACE overriding its old space.
  const heapLimit = getHeapStatistics().heap_size_limit / MiB;
  say(`${m.cpu}, ${m.cores} cores, ${m.ramGiB} GiB, Node ${m.node}, commit ${commit()}`);
  say(`V8 heap limit ${heapLimit.toFixed(0)} MiB (set with NODE_OPTIONS=--max-old-space-size)`);
  const lines: string[] = [];
  if (part !== 'duties') await variants(lines);
  if (part !== 'variants') await openDuties(lines, heapLimit);
  console.log('== figures ==');
  for (const line of lines) console.log(line);
}
