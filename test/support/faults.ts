// The fault suite's stack (test/faults): the real parts — a Temporal dev server on its SQLite
// file, the worker as its own process, a real SMTP server, a database — started together so a
// test can break one at a time, and the ledger that proves nothing was lost or sent twice.
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../../api/app.ts';
import { openDb, type Db, type DbConfig } from '../../db/index.ts';
import { startMailSink, type MailSink, type ReceivedMail } from '../../scripts/lib/mail-sink.ts';
import { startTestDevServer, type TestDevServer } from './dev-server.ts';
import { parseMail } from './mail.ts';
import { quietTemporalLogs } from './quiet-runtime.ts';
import { startWorkerProcess, type WorkerProcess } from './worker-process.ts';
import { workflowBundleFile } from './workflow-bundle.ts';

/** Progress lines for a person watching a long fault test: FAULTS_LOG=1. */
export function note(line: string): void {
  if (process.env['FAULTS_LOG']) console.log(`${new Date().toISOString().slice(11, 23)} ${line}`);
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it answers something truthy, and returns it; fails naming `what`. */
export async function until<T>(
  what: string,
  probe: () => Promise<T> | T,
  timeoutMs = 60_000,
  everyMs = 100,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (err) {
      // A query while the worker catches up after a crash may time out: ask again.
      lastError = err;
    }
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await sleep(everyMs);
  }
}

/**
 * The workflow IDs a visibility query lists, once it lists at least `expected` of them.
 * Visibility is written after the start (asynchronously, on every server), so a list taken the
 * moment the last start answered can miss it; more than `expected` still fails the caller.
 */
export async function listedWorkflowIds(
  client: Client,
  query: string,
  expected: number,
): Promise<string[]> {
  return until(
    `visibility to list ${expected} workflows for ${query}`,
    async () => {
      const ids: string[] = [];
      for await (const w of client.workflow.list({ query })) ids.push(w.workflowId);
      return ids.length >= expected ? ids : undefined;
    },
    30_000,
    250,
  );
}

export interface FaultStackOptions {
  /** Prefix of the temporary folder. */
  name: string;
  /** PostgreSQL for the application database instead of a SQLite file. */
  databaseUrl?: string;
}

export interface FaultStack {
  dir: string;
  /** Replaced by restartTemporal(). */
  devServer: TestDevServer;
  /** A test may replace it by another on the same port (an SMTP outage). */
  sink: MailSink;
  /** The application database, shared with the worker process. */
  db: Db;
  dbConfig: DbConfig;
  connection: Connection;
  client: Client;
  workerEnv: Record<string, string>;
  /** The worker process now running, if any. */
  worker: WorkerProcess | undefined;
  /** Starts a worker process; resolves with the instant it polls. */
  startWorker(): Promise<number>;
  /** SIGKILL, like a crash or the OOM killer; resolves with the instant of the kill. */
  killWorker(): Promise<number>;
  /**
   * Stops the dev server and starts it again on the same SQLite file and port, not before
   * `downUntil` (ms).
   */
  restartTemporal(downUntil: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startFaultStack(opts: FaultStackOptions): Promise<FaultStack> {
  quietTemporalLogs();
  const dir = mkdtempSync(join(tmpdir(), `${opts.name}-`));
  const temporalDb = join(dir, 'temporal.db');
  const dbConfig: DbConfig = { databaseUrl: opts.databaseUrl, sqliteFile: join(dir, 'app.db') };
  const [devServer, sink, db, workflowBundle] = await Promise.all([
    startTestDevServer({ dbFile: temporalDb }),
    startMailSink(),
    openDb(dbConfig),
    workflowBundleFile(),
  ]);
  const connection = await Connection.connect({ address: devServer.address });
  const workerEnv: Record<string, string> = {
    TEMPORAL_ADDRESS: devServer.address,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    DATA_DIR: dir,
    PUBLIC_URL: 'http://duties.faults',
    WORKFLOW_BUNDLE: workflowBundle,
    ...(opts.databaseUrl ? { DATABASE_URL: opts.databaseUrl } : {}),
  };
  const port = Number(devServer.address.split(':').pop());
  // Should the test process die first, its worker process does not outlive it.
  const killOnExit = () => stack.worker?.child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stack: FaultStack = {
    dir,
    devServer,
    sink,
    db,
    dbConfig,
    connection,
    client: new Client({ connection }),
    workerEnv,
    worker: undefined,
    async startWorker() {
      if (stack.worker && stack.worker.child.exitCode === null && !stack.worker.child.signalCode)
        throw new Error('a worker process is already running');
      stack.worker = await startWorkerProcess(workerEnv);
      return Date.now();
    },
    killWorker() {
      const worker = stack.worker;
      if (!worker) return Promise.reject(new Error('no worker process to kill'));
      // The signal goes out synchronously, before anything else this tick does.
      const killed = worker.kill();
      const at = Date.now();
      return killed.then(() => at);
    },
    async restartTemporal(downUntil) {
      await stack.devServer.stop();
      await sleep(Math.max(0, downUntil - Date.now()));
      stack.devServer = await startTestDevServer({ dbFile: temporalDb, port });
    },
    async stop() {
      process.removeListener('exit', killOnExit);
      await stack.worker?.kill();
      await connection.close();
      await db.destroy();
      await stack.sink.stop();
      await stack.devServer.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return stack;
}

/** One message as the SMTP server got it, keyed like the `notifications` table. */
export interface Delivery {
  /** X-Duty-Step: `<duty workflow id>|<ladder step id>`. */
  step: string;
  to: string;
  /** `<step>|<recipient>`: the activity's idempotency key. */
  key: string;
  messageId: string;
  subject: string;
  receivedAt: number;
}

export async function deliveries(mails: readonly ReceivedMail[]): Promise<Delivery[]> {
  return Promise.all(
    mails.map(async (mail) => {
      const parsed = await parseMail(mail);
      const step = parsed.headers['x-duty-step'] ?? '';
      const to = (mail.to[0] ?? '').toLowerCase();
      return {
        step,
        to,
        key: `${step}|${to}`,
        messageId: parsed.messageId,
        subject: parsed.subject,
        receivedAt: mail.receivedAt,
      };
    }),
  );
}

/** Keys that arrived more than once, with every Message-ID they arrived under. */
export function repeated(list: readonly Delivery[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const d of list) byKey.set(d.key, [...(byKey.get(d.key) ?? []), d.messageId]);
  return new Map([...byKey].filter(([, ids]) => ids.length > 1));
}

/** The `notifications` table: idempotency key → Message-ID. */
export async function recorded(db: Db, workflowIdPrefix = ''): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('notifications')
    .select(['idempotency_key', 'message_id'])
    .where('workflow_id', 'like', `${workflowIdPrefix}%`)
    .execute();
  return new Map(rows.map((r) => [r.idempotency_key, r.message_id]));
}

const MESSAGE_ID = /^Message-ID:\s*(<[^>\r\n]+>)/im;

/** Message-IDs the SMTP server accepted that the `notifications` table does not hold (yet). */
export async function acceptedUnrecorded(sink: MailSink, db: Db): Promise<string[]> {
  const ids = new Set(
    (await db.selectFrom('notifications').select('message_id').execute()).map((r) => r.message_id),
  );
  return sink.received
    .map((m) => MESSAGE_ID.exec(m.raw)?.[1] ?? '')
    .filter((id) => id !== '' && !ids.has(id));
}

export interface MidDeliveryKill {
  at: number;
  /** Messages the kill caught between the SMTP server's acceptance and their record. */
  acceptedUnrecorded: string[];
}

/**
 * Kills the worker while messages are mid-delivery: the SMTP server accepts `passFirst` more
 * messages, then holds each one's answer. Once `minHeld` are held and every accepted one is
 * recorded, `meanwhile` runs (say, starting a cycle), and the kill comes as soon as `ready`.
 *
 * `window: 'closed'` kills with the held messages unanswered: the kill loses only deliveries
 * in flight, which a retry must make exactly once. `window: 'open'` answers them and kills in
 * the same instant, before the worker can record them: the one case where a message goes out
 * twice (with the same Message-ID), which no sender can close without risking the opposite,
 * a reminder never sent.
 */
export async function killMidDelivery(
  stack: FaultStack,
  opts: {
    passFirst: number;
    minHeld: number;
    window: 'closed' | 'open';
    meanwhile?: () => Promise<unknown>;
    ready?: () => Promise<boolean>;
  },
): Promise<MidDeliveryKill> {
  const { sink, db } = stack;
  sink.hold(opts.passFirst);
  try {
    await until(
      `${opts.minHeld} messages mid-delivery`,
      () => sink.holding >= opts.minHeld,
      90_000,
      20,
    );
    await until(
      'every accepted message recorded',
      async () => (await acceptedUnrecorded(sink, db)).length === 0,
      30_000,
      20,
    );
    await opts.meanwhile?.();
    if (opts.ready) await until('the moment to kill', opts.ready, 60_000, 20);
    if (opts.window === 'open') sink.release();
    const at = await stack.killWorker();
    // The held messages' connections died with the worker: once the server has seen them
    // close, releasing drops those messages rather than accepting them from no one.
    await until('the held connections to close', () => sink.holding === 0, 10_000, 10);
    return { at, acceptedUnrecorded: await acceptedUnrecorded(sink, db) };
  } finally {
    sink.release();
  }
}

export interface TestApi {
  base: string;
  /** How many times the API went down. */
  restarts: number;
  /**
   * The process dies: open connections are cut mid-request (a handler already running may
   * still finish its work, unseen), then a new app on a new database handle and Temporal
   * connection listens on the same port.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/** The API as its own little process would run it: createApp + listen on loopback. */
export async function startApi(stack: FaultStack, port = 0): Promise<TestApi> {
  const open = async (listenPort: number) => {
    const connection = await Connection.connect({ address: stack.devServer.address });
    const db = await openDb(stack.dbConfig);
    const app = createApp({ client: new Client({ connection }), db, log: () => undefined });
    const server = await new Promise<Server>((resolve, reject) => {
      const s = app.listen(listenPort, '127.0.0.1', () => resolve(s));
      s.once('error', reject);
    });
    return {
      server,
      port: (server.address() as AddressInfo).port,
      async close() {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
        await connection.close();
        await db.destroy();
      },
    };
  };
  let current = await open(port);
  const api: TestApi = {
    base: `http://127.0.0.1:${current.port}`,
    restarts: 0,
    async restart() {
      await current.close();
      api.restarts += 1;
      current = await open(current.port);
    },
    close: () => current.close(),
  };
  return api;
}

export interface ApiAnswer {
  status: number;
  body: Record<string, unknown>;
  /** Attempts it took: more than one when a connection was cut. */
  attempts: number;
}

/**
 * A client that does what a person's browser or a script does when the server vanishes
 * mid-request: tries again, a little later, until it gets an answer.
 */
export async function callRetrying(
  api: TestApi,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  for (let attempts = 1; ; attempts++) {
    try {
      const res = await fetch(`${api.base}${path}`, {
        method,
        // The tests read the API's English answers (see test/support/http.ts).
        headers: { 'content-type': 'application/json', 'accept-language': 'en' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown>, attempts };
    } catch (err) {
      // fetch fails with a TypeError on a refused or cut connection; anything else is a bug.
      if (!(err instanceof TypeError) || attempts >= 100) throw err;
      await sleep(50);
    }
  }
}
