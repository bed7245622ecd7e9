// `npm run bench:footprint`: what one cached workflow costs a worker in resident memory, for
// three one-timer workflows that differ only in what they import (nothing, zod, the duty's
// zod schemas). The TypeScript SDK evaluates a workflow's modules once per workflow, so
// whatever the duty workflow imports is paid by every duty sitting in the sticky cache.
// Each variant runs in a fresh worker process on one throwaway dev server; BENCH_FOOTPRINT
// sets how many workflows each caches (500 by default). It also prints how fast each variant's
// workflows are taken up (started and through their first task), a cost paid per workflow.
import { fork } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { benchEnv } from '../config/env.ts';
import { startDevServer } from '../scripts/lib/dev-server.ts';
import { pool, say, sleep } from './lib.ts';

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

if (process.argv[2] === '--child') {
  const [address, variant, n] = process.argv.slice(3);
  const result = await child(address ?? '', (variant ?? 'plain') as Variant, Number(n));
  process.send?.(result);
} else {
  const n = Number(benchEnv()['BENCH_FOOTPRINT'] ?? 500);
  const base = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();
  const dir = mkdtempSync(join(base, 'giam-ngheo-footprint-'));
  const server = await startDevServer({ dbFile: join(dir, 'temporal.db'), uiPort: false });
  const lines: string[] = [];
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
  console.log('== figures ==');
  for (const line of lines) console.log(line);
}
