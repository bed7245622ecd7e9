// Runs the Temporal CLI's dev server (`temporal server start-dev`) as a child process: the
// embedded Temporal that `npm start` and the end-to-end tests use. The CLI is built by
// `npm run setup` (scripts/setup.sh) and linked at .tools/bin/temporal.
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createConnection } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { freePort } from '../../ops/free-port.ts';

/** The project's custom search attributes, with the type names `temporal` CLI flags accept. */
export const SEARCH_ATTRIBUTES = {
  PlanId: 'Keyword',
  AgencyId: 'KeywordList',
  DutyState: 'Keyword',
  Period: 'Keyword',
  DueAt: 'Datetime',
} as const;

export type SearchAttributeName = keyof typeof SEARCH_ATTRIBUTES;
export type CliSearchAttributeType =
  'Text' | 'Keyword' | 'Int' | 'Double' | 'Bool' | 'Datetime' | 'KeywordList';

/**
 * temporal.api.enums.v1.IndexedValueType numbers for each CLI type name, for registering the
 * attributes over gRPC (`operatorService.addSearchAttributes`) where no CLI flag exists, e.g.
 * on the Java time-skipping test server.
 */
export const INDEXED_VALUE_TYPE: Readonly<Record<CliSearchAttributeType, number>> = {
  Text: 1,
  Keyword: 2,
  Int: 3,
  Double: 4,
  Bool: 5,
  Datetime: 6,
  KeywordList: 7,
};

/** `.tools/bin/temporal` in this clone, the symlink scripts/setup.sh makes. */
export const TEMPORAL_CLI = fileURLToPath(new URL('../../.tools/bin/temporal', import.meta.url));

export interface DevServerOptions {
  /** SQLite file that keeps the server's state across restarts; in memory when unset. */
  dbFile?: string;
  /** Frontend gRPC port on 127.0.0.1; a free one when 0 or unset. */
  port?: number;
  /** Web UI port; a free one when 0 or unset; `false` runs headless. */
  uiPort?: number | false;
  /** Receives each line the server prints (stdout and stderr). */
  log?: (line: string) => void;
  /** Namespace created at start. Default "default". */
  namespace?: string;
  /** How long to wait for the frontend to answer. Default 60 s. */
  startTimeoutMs?: number;
}

export interface DevServer {
  /** host:port of the frontend, for Connection.connect / NativeConnection.connect. */
  address: string;
  /** The Web UI, unless headless. */
  uiUrl?: string;
  /** SIGTERM, then SIGKILL if the server has not exited after a few seconds. Idempotent. */
  stop(): Promise<void>;
}

const HOST = '127.0.0.1';
const KILL_AFTER_MS = 5_000;
const KEEP_LINES = 40;

export { freePort };

function tcpAccepts(port: number): Promise<boolean> {
  return new Promise((resolveAccepts) => {
    const socket = createConnection({ host: HOST, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolveAccepts(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function startDevServer(opts: DevServerOptions = {}): Promise<DevServer> {
  try {
    accessSync(TEMPORAL_CLI, constants.X_OK);
  } catch {
    throw new Error(
      `Temporal CLI not found at ${TEMPORAL_CLI}: run \`npm run setup\` (it builds temporal v1.5.1 with go install).`,
    );
  }
  const namespace = opts.namespace ?? 'default';
  const port = opts.port ? opts.port : await freePort();
  const uiPort = opts.uiPort === false ? undefined : opts.uiPort ? opts.uiPort : await freePort();
  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(port)];
  args.push(...(uiPort === undefined ? ['--headless'] : ['--ui-port', String(uiPort)]));
  if (opts.dbFile !== undefined) {
    const dbFile = resolve(opts.dbFile);
    mkdirSync(dirname(dbFile), { recursive: true });
    args.push('--db-filename', dbFile);
  }
  args.push('--namespace', namespace, '--log-level', 'warn');
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
    args.push('--search-attribute', `${name}=${type}`);
  }

  const child = spawn(TEMPORAL_CLI, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const lastLines: string[] = [];
  const onLine = (line: string) => {
    if (line.trim() === '') return;
    lastLines.push(line);
    if (lastLines.length > KEEP_LINES) lastLines.shift();
    opts.log?.(line);
  };
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(onLine);
    });
    stream.on('end', () => {
      if (buffered) onLine(buffered);
      buffered = '';
    });
  }

  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  const exitPromise = new Promise<void>((resolveExit) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolveExit();
    });
    child.once('error', (err) => {
      spawnError = err;
      exited ??= { code: null, signal: null };
      resolveExit();
    });
  });
  // If this process ends without stop(), take the server down with it rather than orphan it.
  const killOnExit = () => {
    if (!exited) child.kill('SIGTERM');
  };
  process.once('exit', killOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit);
      if (exited) return;
      child.kill('SIGTERM');
      const killed = await Promise.race([
        exitPromise.then(() => false),
        sleep(KILL_AFTER_MS).then(() => true),
      ]);
      if (killed && !exited) {
        child.kill('SIGKILL');
        await exitPromise;
      }
    })();
    return stopping;
  };

  const address = `${HOST}:${port}`;
  const describeFailure = (why: string) =>
    new Error(
      `Temporal dev server (${TEMPORAL_CLI} ${args.join(' ')}) ${why}` +
        (lastLines.length ? `; its last output:\n${lastLines.join('\n')}` : '; it printed nothing'),
    );

  const deadline = Date.now() + (opts.startTimeoutMs ?? 60_000);
  let lastError: unknown;
  for (;;) {
    if (exited) {
      await stop();
      throw describeFailure(
        spawnError
          ? `could not be started: ${spawnError.message}`
          : `exited before it was ready (code ${String(exited.code)}, signal ${String(exited.signal)})`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw describeFailure(
        `did not answer on ${address} within ${opts.startTimeoutMs ?? 60_000} ms${cause}`,
      );
    }
    if (await tcpAccepts(port)) {
      let connection: Connection | undefined;
      try {
        connection = await Connection.connect({ address, connectTimeout: 2_000 });
        // Ready means the namespace exists too, not just that the port is open.
        await connection.workflowService.describeNamespace({ namespace });
        break;
      } catch (err) {
        lastError = err;
      } finally {
        await connection?.close();
      }
    }
    await sleep(100);
  }

  return {
    address,
    ...(uiPort === undefined ? {} : { uiUrl: `http://${HOST}:${uiPort}` }),
    stop,
  };
}
