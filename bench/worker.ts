// A worker process for `npm run bench`: the project's duty worker (worker/build.ts with the
// real activities: SMTP, the SQLite read model, a client for the cycle's launches) and, when
// asked, a worker for the one-timer baseline beside it. Its own process, so its resident memory
// is its alone; it answers the runner over the IPC channel (bench/protocol.ts).
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker as NodeWorker } from 'node:worker_threads';
import { createSmtpMailer } from '../activities/mailer.ts';
import { buildWorker } from '../worker/build.ts';
import { withWorkflowThreadHeap, workflowHeapFor } from '../worker/memory.ts';
import { dutySearchAttributes } from '../services/starts.ts';
import { agency, benchDuty } from './duties.ts';
import { RAW_TASK_QUEUE } from './one-timer.ts';
import { RAW_CACHE, type BenchWorkerOptions, type FromWorker, type ToWorker } from './protocol.ts';
import { createRawMailActivities } from './raw-mail.ts';

const send = (message: FromWorker): void => {
  process.send?.(message);
};

const opts = JSON.parse(process.argv[2] ?? '{}') as BenchWorkerOptions;
Runtime.install({ logger: new DefaultLogger('WARN') });

// The project's worker as worker/build.ts makes it, with what it opened (closed on "stop").
const built = await buildWorker({
  temporal: { address: opts.address },
  namespace: opts.namespace,
  db: { sqliteFile: opts.sqliteFile },
  mailer: { host: '127.0.0.1', port: opts.smtpPort, secure: false },
  publicUrl: 'http://duties.bench',
  mailFrom: 'no-reply@duties.bench',
  // As in production, lead agencies' messages carry a signed one-click link.
  sessionSecret: randomBytes(32).toString('base64url'),
  // A prebuilt bundle, as a deployment may ship it; otherwise a child process bundles at start.
  ...(opts.bundlePath ? { workflowBundle: { code: readFileSync(opts.bundlePath, 'utf8') } } : {}),
  maxCachedWorkflows: opts.maxCachedWorkflows,
});
const { worker: duties, client, connection } = built;
// The raw reminders' mailer: its own, as the duty worker has its own, to the same SMTP server.
const rawMailer = opts.oneTimer
  ? createSmtpMailer({ host: '127.0.0.1', port: opts.smtpPort, secure: false })
  : undefined;
// The workflow thread's heap for the baseline's cache, bounded the way the duty worker's is.
const oneTimer = rawMailer
  ? await withWorkflowThreadHeap(workflowHeapFor(RAW_CACHE), () =>
      Worker.create({
        connection,
        namespace: opts.namespace,
        taskQueue: RAW_TASK_QUEUE,
        maxCachedWorkflows: RAW_CACHE,
        workflowsPath: fileURLToPath(new URL('./one-timer.ts', import.meta.url)),
        activities: createRawMailActivities(rawMailer),
      }),
    )
  : undefined;
const running = Promise.all([duties.run(), oneTimer?.run()]);

/**
 * Starts `count` one-timer workflows from the client the cycle's activities use, `concurrency`
 * starts in flight at a time. Returns when the server has accepted the last one.
 */
async function startOneTimers(m: Extract<ToWorker, { type: 'start-one-timers' }>) {
  let next = 0;
  let done = 0;
  const step = Math.max(1, Math.floor(m.count / 10));
  const t0 = performance.now();
  const firstStartAt = Date.now();
  const startOne = async (i: number): Promise<void> => {
    const duty =
      m.payload !== 'none'
        ? benchDuty({
            planId: m.prefix,
            dutyId: `BC-${i}`,
            period: '2027',
            dueAt: Date.now() + 30 * 86_400_000,
            lead: agency(`xa-${i}`, `UBND xã số ${i}`),
          })
        : undefined;
    await client.workflow.start('oneTimerWorkflow', {
      taskQueue: RAW_TASK_QUEUE,
      workflowId: `${m.prefix}-${i}`,
      args: duty ? [m.sleepMs, duty] : [m.sleepMs],
      ...(duty ? { workflowIdReusePolicy: 'REJECT_DUPLICATE' as const } : {}),
      ...(duty && m.payload === 'duty'
        ? { typedSearchAttributes: dutySearchAttributes(duty) }
        : {}),
    });
    done += 1;
    if (done % step === 0) send({ type: 'progress', text: `${done}/${m.count} started` });
  };
  const lane = async (): Promise<void> => {
    for (let i = next++; i < m.count; i = next++) await startOne(i);
  };
  await Promise.all(Array.from({ length: Math.min(m.concurrency, m.count) }, lane));
  return { startedMs: performance.now() - t0, firstStartAt, lastStartAt: Date.now() };
}

/**
 * The workflow thread's heap, read through the SDK's private fields (1.24: the workflow creator's
 * thread clients): the SDK gives no other way, and only the bench asks. Undefined if they move.
 */
async function workflowThreadHeap(
  w: Worker,
): Promise<{ usedBytes: number; limitBytes: number } | undefined> {
  const creator = (w as unknown as { workflowCreator?: { workerThreadClients?: unknown } })
    .workflowCreator;
  const clients = creator?.workerThreadClients;
  if (!Array.isArray(clients)) return undefined;
  let usedBytes = 0;
  let limitBytes = 0;
  for (const c of clients as { workerThread?: { getHeapStatistics?: unknown } }[]) {
    const thread = c.workerThread as NodeWorker | undefined;
    if (typeof thread?.getHeapStatistics !== 'function') return undefined;
    const h = await thread.getHeapStatistics();
    usedBytes += h.used_heap_size;
    limitBytes += h.heap_size_limit;
  }
  return { usedBytes, limitBytes };
}

process.on('message', (raw: ToWorker) => {
  const answer = async (): Promise<void> => {
    switch (raw.type) {
      case 'status': {
        const s = duties.getStatus();
        const mem = process.memoryUsage();
        const workflowHeap = await workflowThreadHeap(duties);
        send({
          type: 'reply',
          id: raw.id,
          status: {
            rssBytes: mem.rss,
            heapUsedBytes: mem.heapUsed,
            workflowHeap,
            cachedWorkflows: s.numCachedWorkflows,
            oneTimersCached: oneTimer?.getStatus().numCachedWorkflows ?? 0,
            inFlightActivities: s.numInFlightActivities,
            inFlightWorkflowActivations: s.numInFlightWorkflowActivations,
          },
        });
        return;
      }
      case 'start-one-timers':
        send({ type: 'reply', id: raw.id, ...(await startOneTimers(raw)) });
        return;
      case 'stop':
        duties.shutdown();
        oneTimer?.shutdown();
        await running;
        await built.close();
        rawMailer?.close();
        send({ type: 'reply', id: raw.id, stopped: true });
        process.disconnect();
        return;
    }
  };
  answer().catch((err: unknown) =>
    send({ type: 'error', id: raw.id, message: err instanceof Error ? err.message : String(err) }),
  );
});

running.catch((err: unknown) => {
  send({ type: 'error', message: `worker stopped: ${String(err)}` });
  process.exitCode = 1;
});
send({ type: 'ready', maxCachedWorkflows: duties.options.maxCachedWorkflows, pid: process.pid });
