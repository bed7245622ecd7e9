// `npm start`: the whole service on embedded defaults in one command. The Temporal dev server
// (its SQLite file in the data folder, so a restart loses nothing), an SMTP server that keeps
// mail as .eml files unless SMTP_HOST is set, the worker, the API, and (into an empty data
// folder) the A Lưới demo plan and its cycle.
//
// `npm run start:cluster` (`--cluster`): the deployment profile instead. PostgreSQL in the data
// folder, the Temporal server itself on it (8 history shards, SQL visibility), the service's
// database on the same PostgreSQL, two worker processes and the API.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createSmtpMailer } from '../activities/mailer.ts';
import { createApp } from '../api/app.ts';
import { ensureSearchAttributes } from '../services/search-attributes.ts';
import { ensureDigestSchedule } from '../services/schedules.ts';
import { childEnv, loadConfig } from '../config/env.ts';
import { openDb } from '../db/index.ts';
import { buildWorker } from '../worker/build.ts';
import { NativeConnection } from '../worker/create.ts';
import { workerNodeFlags } from '../worker/memory.ts';
import { installWorkerRuntime } from '../worker/telemetry.ts';
import { createMetrics, startMetricsServer } from '../ops/metrics.ts';
import { loadDemo } from './lib/demo.ts';
import { startCluster, TEMPORAL_SERVER_VERSION } from './lib/cluster.ts';
import { startDevServer } from './lib/dev-server.ts';
import { ensureDatabase } from './lib/postgres.ts';
import { startMailSink } from './lib/mail-sink.ts';

const config = loadConfig();
const clusterMode = process.argv.includes('--cluster');
const WORKER_PROCESSES = 2;
// The worker's INFO lines (the whole webpack report of the workflow bundle) bury the addresses.
// In the light profile the worker shares this process, so the API's /metrics carries the SDK's.
const { sdkMetricsUrl } = await installWorkerRuntime({
  metrics: !clusterMode && config.metrics.api !== undefined,
  logLevel: 'WARN',
});
const stops: (() => Promise<void> | void)[] = [];

const cluster =
  clusterMode && !config.temporal.address
    ? await startCluster({
        dir: join(config.dataDir, 'cluster'),
        port: config.temporal.port,
        log: (line) => {
          if (/"level":"(error|fatal)"/.test(line)) console.log(`[temporal] ${line}`);
        },
      })
    : undefined;
if (cluster) stops.unshift(() => cluster.stop());
const temporal = config.temporal.address
  ? { address: config.temporal.address, uiUrl: undefined }
  : cluster
    ? { address: cluster.address, uiUrl: undefined }
    : await startDevServer({
        dbFile: config.temporal.dbFile,
        port: config.temporal.port,
        uiPort: config.temporal.uiPort,
        log: (line) => console.log(`[temporal] ${line}`),
      });
if ('stop' in temporal) stops.unshift(() => temporal.stop());

let smtp = { ...config.smtp, host: config.smtp.host ?? '127.0.0.1' };
let outbox: string | undefined;
if (!config.smtp.host) {
  outbox = join(config.dataDir, 'outbox');
  const sink = await startMailSink({ port: config.smtp.port, saveDir: outbox });
  smtp = { ...smtp, port: sink.port };
  stops.unshift(() => sink.stop());
}

// The cluster profile keeps the service's data in the same PostgreSQL, unless told otherwise.
const dbConfig =
  cluster && !config.db.databaseUrl
    ? { ...config.db, databaseUrl: await ensureDatabase(cluster.postgres, 'giam_ngheo') }
    : config.db;
const db = await openDb(dbConfig);
stops.unshift(() => db.destroy());
const mailer = createSmtpMailer(smtp);
stops.unshift(() => mailer.close());

const connection = await Connection.connect({ address: temporal.address });
const client = new Client({ connection, namespace: config.temporal.namespace });
await ensureSearchAttributes(connection, config.temporal.namespace);
await ensureDigestSchedule(client);
stops.unshift(() => connection.close());

// Sign-in links and sessions need a secret that outlives a restart: SESSION_SECRET, or one made
// once and kept in the data folder (readable by this user only).
let sessionSecret = config.sessionSecret;
if (!sessionSecret) {
  const file = join(config.dataDir, 'session-secret');
  if (!existsSync(file)) {
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600 });
    console.log(`SESSION_SECRET is not set: generated one in ${file}`);
  }
  sessionSecret = readFileSync(file, 'utf8').trim();
}

// The API's metrics (request times, open duties by state) when API_METRICS_PORT is set; in the
// light profile also the worker's activities' and the SDK's, since they share this process.
const apiMetrics = createMetrics({ db, process: 'api' });
if (config.metrics.api !== undefined) {
  const m = await startMetricsServer(
    apiMetrics.registry,
    config.metrics.api,
    config.metrics.host,
    sdkMetricsUrl,
  );
  stops.unshift(() => new Promise<void>((resolve) => m.close(() => resolve())));
}

/** The cluster profile's workers: processes of their own, as a deployment runs them. */
function startWorkerProcesses(n: number): Promise<void> {
  // The main thread's heap for the cache the workers will keep (WORKER_MAX_CACHED_WORKFLOWS).
  const workerCache = config.maxCachedWorkflows;
  const env = childEnv({
    TEMPORAL_ADDRESS: temporal.address,
    DATABASE_URL: dbConfig.databaseUrl,
    SMTP_HOST: smtp.host,
    SMTP_PORT: String(smtp.port),
    SESSION_SECRET: sessionSecret,
  });
  const exits = Array.from({ length: n }, (_, i) => {
    // WORKER_METRICS_PORT is the first worker's; the next ones take the ports after it.
    const base = config.metrics.worker;
    const own = base === undefined ? env : { ...env, WORKER_METRICS_PORT: String(base + i) };
    const child = spawn(process.execPath, [...workerNodeFlags(workerCache), 'worker/main.ts'], {
      env: own,
      stdio: 'inherit',
    });
    stops.unshift(
      () =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        }),
    );
    return new Promise<void>((resolve) =>
      child.once('exit', (code) => {
        if (!stopping) console.error(`worker ${i + 1} exited (${String(code)})`);
        resolve();
      }),
    );
  });
  return Promise.all(exits).then(() => undefined);
}

/** The light profile's worker, in this process. */
async function startWorkerHere(): Promise<void> {
  const nativeConnection = await NativeConnection.connect({ address: temporal.address });
  const { worker } = await buildWorker({
    temporal: { connection: nativeConnection, client },
    namespace: config.temporal.namespace,
    db,
    mailer,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    sessionSecret,
    metrics: apiMetrics,
  });
  const run = worker.run();
  stops.unshift(async () => {
    // On Ctrl-C the Temporal runtime has already begun draining the worker by itself.
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await run;
    await nativeConnection.close();
  });
  return run;
}
const running = cluster ? startWorkerProcesses(WORKER_PROCESSES) : await startWorkerHere();

// With the embedded mail sink nobody outside this machine receives a sign-in link, so a demo
// coordinator is safe; with a real mail server only COORDINATOR_EMAILS are coordinators.
const DEMO_COORDINATOR = 'dieu-phoi@ubnd.a-luoi.example';
const coordinatorEmails =
  config.coordinatorEmails.length > 0 || !outbox ? config.coordinatorEmails : [DEMO_COORDINATOR];

const server = createApp({
  client,
  db,
  metrics: apiMetrics,
  apiToken: config.apiToken,
  trustProxy: config.trustProxy,
  web: {
    sessionSecret,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    mailer,
    dataDir: config.dataDir,
    coordinatorEmails,
  },
  publicUrl: config.publicUrl,
}).listen(config.port, config.host);
stops.unshift(() => new Promise<void>((resolve) => server.close(() => resolve())));

// An empty data folder gets the demo plan and its current year's cycle; a folder that holds a
// plan is left as it is.
const demo = await loadDemo(db, client, Date.now());
if (demo) {
  console.log(
    `Loaded the demo: plan ${demo.planId} (A Lưới) with its ${demo.year} cycle ${demo.cycleId}`,
  );
}

console.log(`
Service running (Ctrl-C to stop)
  API:          ${config.publicUrl}/api/duties   health: ${config.publicUrl}/health
  Web:          ${config.publicUrl}/   (sign in as a coordinator: ${coordinatorEmails.join(', ') || 'set COORDINATOR_EMAILS'})
  Temporal UI:  ${temporal.uiUrl ?? (cluster ? '(none: the cluster profile runs no Web UI)' : '(external Temporal at ' + temporal.address + ')')}
  Temporal:     ${temporal.address} (namespace ${config.temporal.namespace})${cluster ? `, the Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL (${cluster.shards} history shards), ${WORKER_PROCESSES} worker processes` : ''}
  Database:     ${dbConfig.databaseUrl ? dbConfig.databaseUrl.replace(/\/\/[^@/]*@/, '//') : dbConfig.sqliteFile}
  Mail:         ${outbox ? `embedded SMTP on 127.0.0.1:${smtp.port}, messages saved in ${outbox}` : `${smtp.host}:${smtp.port}`}
  Data:         ${config.dataDir}
`);

let stopping = false;
async function shutdown(): Promise<void> {
  if (stopping) return;
  stopping = true;
  for (const stop of stops) await stop();
  process.exit(0);
}
process.once('SIGINT', () => void shutdown());
process.once('SIGTERM', () => void shutdown());
await running;
