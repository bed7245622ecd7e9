// The one place that puts a worker together: Temporal connections, the database, the mailer,
// the activities (simulations included) and the Worker with its bundle and cache options.
// The worker process builds it from the environment; `npm start`, the tests and the
// benchmarks from an options object, sharing what they already have open.
import { Client, Connection } from '@temporalio/client';
import type { Worker, WorkflowBundleOption } from '@temporalio/worker';
import { createActivities } from '../activities/index.ts';
import { createSmtpMailer, type Mailer, type SmtpConfig } from '../activities/mailer.ts';
import type { AppConfig } from '../config/env.ts';
import { connectionOptions, type TemporalConnectionOptions } from '../config/temporal.ts';
import { openDb, type Db, type DbConfig } from '../db/index.ts';
import type { NationalSource } from '../domain/holidays.ts';
import type { ServiceMetrics } from '../ops/metrics.ts';
import { ensureDigestSchedule } from '../services/schedules.ts';
import { ensureSearchAttributes } from '../services/search-attributes.ts';
import { simulateYearPure } from '../simulation/pure.ts';
import { bundleInChildProcess } from './bundle-process.ts';
import { createDutyWorker, NativeConnection } from './create.ts';
import { cachedWorkflowsFor, checkMainHeapHolds } from './memory.ts';

export interface WorkerBuildOptions {
  /**
   * Where Temporal is: connection options (the build opens both connections and closes them),
   * or a worker connection and a client already open (left open).
   */
  temporal: TemporalConnectionOptions | { connection: NativeConnection; client: Client };
  namespace?: string | undefined;
  taskQueue?: string | undefined;
  /** An open database (left open), or where it is (opened, migrated and closed here). */
  db: Db | DbConfig;
  /** A mailer (left open), or an SMTP server to send through. */
  mailer: Mailer | SmtpConfig;
  publicUrl: string;
  mailFrom: string;
  sessionSecret?: string | undefined;
  nationalCalendar?: NationalSource | undefined;
  /**
   * A bundle built beforehand (tests share one; WORKFLOW_BUNDLE); otherwise a child process
   * bundles at start.
   */
  workflowBundle?: WorkflowBundleOption | undefined;
  /** Where the activities count messages, lateness and launches (ops/metrics.ts). */
  metrics?: ServiceMetrics | undefined;
  /** The sticky cache's size; unset, sized from memory (cachedWorkflowsFor). */
  maxCachedWorkflows?: number | undefined;
  /** Run simulation jobs (default yes), with the pure simulation: no Temporal server of its own. */
  simulations?: boolean | undefined;
  /** Register the search attributes and the digest schedule first (the worker process). */
  prepareServer?: boolean | undefined;
}

export interface BuiltWorker {
  worker: Worker;
  activities: ReturnType<typeof createActivities>;
  db: Db;
  client: Client;
  mailer: Mailer;
  connection: NativeConnection;
  /** Polls until shut down (worker.run()). */
  run(): Promise<void>;
  /** Closes what the build opened (never what it was given), once the worker has stopped. */
  close(): Promise<void>;
}

const isOpenDb = (db: Db | DbConfig): db is Db => !('sqliteFile' in db);
const isMailer = (m: Mailer | SmtpConfig): m is Mailer => 'send' in m;

export async function buildWorker(opts: WorkerBuildOptions): Promise<BuiltWorker> {
  // Before anything is opened or bundled: a configured cache this heap cannot hold.
  if (opts.maxCachedWorkflows !== undefined) checkMainHeapHolds(opts.maxCachedWorkflows);
  const namespace = opts.namespace ?? 'default';
  const closers: (() => Promise<void> | void)[] = [];
  const close = async (): Promise<void> => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    let connection: NativeConnection;
    let client: Client;
    if ('address' in opts.temporal) {
      connection = await NativeConnection.connect(opts.temporal);
      closers.push(() => connection.close());
      // The cycle's activities start duty workflows through an ordinary client.
      const clientConnection = await Connection.connect(opts.temporal);
      closers.push(() => clientConnection.close());
      client = new Client({ connection: clientConnection, namespace });
      if (opts.prepareServer) {
        await ensureSearchAttributes(clientConnection, namespace);
        await ensureDigestSchedule(client);
      }
    } else {
      ({ connection, client } = opts.temporal);
    }
    let db: Db;
    if (isOpenDb(opts.db)) db = opts.db;
    else {
      const opened = await openDb(opts.db);
      closers.push(() => opened.destroy());
      db = opened;
    }
    let mailer: Mailer;
    if (isMailer(opts.mailer)) mailer = opts.mailer;
    else {
      const smtp = createSmtpMailer(opts.mailer);
      closers.push(() => smtp.close());
      mailer = smtp;
    }
    const bundle = opts.workflowBundle ?? (await bundleInChildProcess());
    const activities = createActivities({
      db,
      client,
      mailer,
      publicUrl: opts.publicUrl,
      mailFrom: opts.mailFrom,
      sessionSecret: opts.sessionSecret,
      nationalCalendar: opts.nationalCalendar,
      metrics: opts.metrics,
      ...(opts.simulations === false
        ? {}
        : {
            simulate: (simDb, planId, input, onProgress) =>
              simulateYearPure(simDb, planId, input, undefined, undefined, { onProgress }),
          }),
    });
    const worker = await createDutyWorker({
      connection,
      namespace,
      activities,
      ...(opts.taskQueue ? { taskQueue: opts.taskQueue } : {}),
      workflowBundle: bundle,
      maxCachedWorkflows: opts.maxCachedWorkflows ?? cachedWorkflowsFor(),
    });
    return { worker, activities, db, client, mailer, connection, run: () => worker.run(), close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** The worker process's options from the environment (config/env.ts): SMTP_HOST is required. */
export function workerOptionsFromConfig(
  config: AppConfig,
): WorkerBuildOptions & { temporal: TemporalConnectionOptions } {
  if (!config.smtp.host) throw new Error('SMTP_HOST is not set: the worker needs a mail server');
  return {
    // The same address, TLS and API key for the worker's and the activities' connections.
    temporal: connectionOptions(config.temporal, config.temporal.port),
    namespace: config.temporal.namespace,
    db: config.db,
    mailer: { ...config.smtp, host: config.smtp.host },
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    sessionSecret: config.sessionSecret,
    // A bundle built beforehand (WORKFLOW_BUNDLE) spares the start its bundling (seconds).
    ...(config.workflowBundle ? { workflowBundle: { codePath: config.workflowBundle } } : {}),
    maxCachedWorkflows: config.maxCachedWorkflows,
    prepareServer: true,
  };
}
