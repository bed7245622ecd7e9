// The Temporal server itself (not the CLI's dev server) on PostgreSQL: the deployment users
// would run, as an embedded profile (`npm start -- --cluster`, the cluster test suites).
// scripts/setup.sh builds `temporal-server` and its schema tool from the Go module proxy at a
// pinned version; this module brings up PostgreSQL in the data folder, creates and migrates the
// two databases once, writes the server's configuration (several history shards, SQL
// visibility), starts the server, creates the namespace and registers the search attributes.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time.js';
import { ensureSearchAttributes } from '../../services/search-attributes.ts';
import { createServer } from 'node:net';
import { startTestPostgres, type TestPostgres } from './postgres.ts';

export const TEMPORAL_SERVER_VERSION = 'v1.32.1';
const TOOLS = fileURLToPath(new URL('../../.tools/bin/', import.meta.url));
export const TEMPORAL_SERVER = join(TOOLS, 'temporal-server');
export const TEMPORAL_SQL_TOOL = join(TOOLS, 'temporal-sql-tool');
const HOST = '127.0.0.1';

export interface ClusterOptions {
  /** Folder for PostgreSQL's data, the server's configuration and its log. Kept across runs. */
  dir: string;
  /** History shards; fixed when the databases are first created. Default 8. */
  shards?: number;
  /** Frontend gRPC port; a free one when unset. */
  port?: number;
  namespace?: string;
  /** Each line the server prints. Default: kept only for the error when it fails to start. */
  log?: (line: string) => void;
  startTimeoutMs?: number;
}

export interface Cluster {
  /** host:port of the frontend. */
  address: string;
  namespace: string;
  shards: number;
  postgres: TestPostgres;
  /** Kills the server as a crash would (SIGKILL), keeping PostgreSQL up. */
  killServer(): Promise<void>;
  /** Starts the server again on the same databases and ports; resolves once it answers. */
  startServer(): Promise<void>;
  /** Server, then PostgreSQL. Idempotent. */
  stop(): Promise<void>;
}

interface Stamp {
  version: string;
  shards: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

const bindable = (port: number) =>
  new Promise<boolean>((resolve) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', () => resolve(false));
    srv.listen(port, HOST, () => srv.close(() => resolve(true)));
  });

/**
 * A free port below 32768: the server keeps membership ports in a `smallint` column, so the
 * kernel's ephemeral ports (32768 and up) make it fail at start.
 */
async function freePort(): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await bindable(port)) return port;
  }
  throw new Error('no free port between 20000 and 32000 on 127.0.0.1');
}

/** A server log line (JSON) as its message and error, without the stack. */
function brief(line: string): string {
  try {
    const e = JSON.parse(line) as { level?: string; msg?: string; error?: string };
    return `${e.level ?? ''}: ${e.msg ?? ''}${e.error ? ` (${e.error})` : ''}`;
  } catch {
    return line.slice(0, 500);
  }
}

function requireTool(path: string): void {
  try {
    accessSync(path, constants.X_OK);
  } catch {
    throw new Error(
      `${path} not found: run \`SETUP_FOR=cluster npm run setup\` (it builds the Temporal server ${TEMPORAL_SERVER_VERSION} with go install)`,
    );
  }
}

/** Creates both databases and brings their schemas to the server's version, once per folder. */
function prepareDatabases(dir: string, pg: TestPostgres, shards: number): void {
  const stampFile = join(dir, 'temporal-schema.json');
  if (existsSync(stampFile)) {
    const stamp = JSON.parse(readFileSync(stampFile, 'utf8')) as Stamp;
    if (stamp.shards !== shards) {
      throw new Error(
        `${dir} holds a Temporal cluster of ${stamp.shards} history shards; a cluster's shard count cannot change (asked for ${shards}): use another folder`,
      );
    }
    if (stamp.version === TEMPORAL_SERVER_VERSION) return;
  }
  const sqlTool = (db: string, ...args: string[]) => {
    const common = [
      '--plugin',
      'postgres12',
      '--ep',
      HOST,
      '-p',
      String(pg.port),
      '-u',
      'postgres',
    ];
    const r = spawnSync(TEMPORAL_SQL_TOOL, [...common, '--db', db, ...args], { encoding: 'utf8' });
    if (r.status !== 0) {
      throw new Error(
        `temporal-sql-tool ${args.join(' ')} on ${db} failed: ${r.stderr || r.stdout}`,
      );
    }
  };
  const fresh = !existsSync(stampFile);
  for (const [db, schema] of [
    ['temporal', 'postgresql/v12/temporal'],
    ['temporal_visibility', 'postgresql/v12/visibility'],
  ] as const) {
    if (fresh) {
      sqlTool(db, 'create-database');
      sqlTool(db, 'setup-schema', '-v', '0.0');
    }
    // The schemas ship inside the tool; update-schema applies the versions not yet applied.
    sqlTool(db, 'update-schema', '--schema-name', schema);
  }
  writeFileSync(stampFile, JSON.stringify({ version: TEMPORAL_SERVER_VERSION, shards }));
}

/** The server's configuration (JSON is YAML), with a port of its own for each service. */
async function writeConfig(
  dir: string,
  pg: TestPostgres,
  shards: number,
  frontendPort: number,
): Promise<string> {
  const store = (database: string, maxConns: number) => ({
    sql: {
      pluginName: 'postgres12',
      databaseName: database,
      connectAddr: `${HOST}:${pg.port}`,
      connectProtocol: 'tcp',
      user: 'postgres',
      password: '',
      maxConns,
      maxIdleConns: maxConns,
      maxConnLifetime: '1h',
    },
  });
  const service = async (grpcPort: number) => ({
    rpc: { grpcPort, membershipPort: await freePort(), bindOnLocalHost: true },
  });
  const dynamicConfig = join(dir, 'dynamicconfig.yaml');
  writeFileSync(
    dynamicConfig,
    JSON.stringify({
      // New search attributes are visible at once, not after the cache's refresh.
      'system.forceSearchAttributesCacheRefreshOnRead': [{ value: true }],
      'frontend.enableUpdateWorkflowExecution': [{ value: true }],
      'frontend.enableUpdateWorkflowExecutionAsyncAccepted': [{ value: true }],
    }),
  );
  const config = {
    log: { stdout: true, level: 'warn' },
    persistence: {
      defaultStore: 'postgres-default',
      visibilityStore: 'postgres-visibility',
      numHistoryShards: shards,
      datastores: {
        'postgres-default': store('temporal', 40),
        'postgres-visibility': store('temporal_visibility', 10),
      },
    },
    global: { membership: { maxJoinDuration: '30s', broadcastAddress: HOST } },
    services: {
      frontend: {
        rpc: {
          grpcPort: frontendPort,
          membershipPort: await freePort(),
          bindOnLocalHost: true,
          httpPort: await freePort(),
        },
      },
      history: await service(await freePort()),
      matching: await service(await freePort()),
      worker: await service(await freePort()),
    },
    clusterMetadata: {
      enableGlobalNamespace: false,
      failoverVersionIncrement: 10,
      masterClusterName: 'active',
      currentClusterName: 'active',
      clusterInformation: {
        active: {
          enabled: true,
          initialFailoverVersion: 1,
          rpcName: 'frontend',
          rpcAddress: `${HOST}:${frontendPort}`,
        },
      },
    },
    dcRedirectionPolicy: { policy: 'noop' },
    dynamicConfigClient: { filepath: dynamicConfig, pollInterval: '10s' },
  };
  const file = join(dir, 'temporal-server.yaml');
  writeFileSync(file, JSON.stringify(config, null, 2));
  return file;
}

/** Registers the namespace (idempotent) and the search attributes once the frontend answers. */
async function whenReady(address: string, namespace: string, deadline: number, why: () => string) {
  let lastError: unknown;
  while (Date.now() < deadline) {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({ address, connectTimeout: 2_000 });
      try {
        await connection.workflowService.describeNamespace({ namespace });
      } catch {
        await connection.workflowService
          .registerNamespace({
            namespace,
            workflowExecutionRetentionPeriod: msToTs('7 days'),
          })
          .catch((err: unknown) => {
            // Another starter got there first.
            if (!/already exists/i.test(String(err))) throw err;
          });
      }
      await ensureSearchAttributes(connection, namespace);
      return;
    } catch (err) {
      lastError = err;
    } finally {
      await connection?.close();
    }
    await sleep(500);
  }
  const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new Error(`the Temporal server did not become ready on ${address}${cause}${why()}`);
}

export async function startCluster(opts: ClusterOptions): Promise<Cluster> {
  requireTool(TEMPORAL_SERVER);
  requireTool(TEMPORAL_SQL_TOOL);
  const shards = opts.shards ?? 8;
  const namespace = opts.namespace ?? 'default';
  mkdirSync(opts.dir, { recursive: true });
  const postgres = await startTestPostgres({
    dir: join(opts.dir, 'postgres'),
    settings: { max_connections: 300 },
  });
  try {
    prepareDatabases(opts.dir, postgres, shards);
  } catch (err) {
    postgres.down();
    throw err;
  }
  const port = opts.port ?? (await freePort());
  const config = await writeConfig(opts.dir, postgres, shards, port);
  const address = `${HOST}:${port}`;

  let child: ChildProcess | undefined;
  const lastLines: string[] = [];
  const launch = async () => {
    lastLines.length = 0;
    const proc = spawn(TEMPORAL_SERVER, ['--config-file', config, '--allow-no-auth', 'start'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child = proc;
    for (const stream of [proc.stdout, proc.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        for (const line of chunk.split('\n')) {
          if (!line.trim()) continue;
          opts.log?.(line);
          lastLines.push(brief(line));
          if (lastLines.length > 15) lastLines.shift();
        }
      });
    }
    const why = () =>
      proc.exitCode !== null
        ? `; it exited (${proc.exitCode}) after printing:\n${lastLines.join('\n')}`
        : lastLines.length
          ? `; its last output:\n${lastLines.join('\n')}`
          : '';
    await whenReady(address, namespace, Date.now() + (opts.startTimeoutMs ?? 120_000), why);
  };
  const stopServer = async () => {
    const proc = child;
    child = undefined;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const late = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
    if (late) {
      proc.kill('SIGKILL');
      await exited;
    }
  };
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    await launch();
  } catch (err) {
    await stopServer();
    postgres.down();
    throw err;
  }
  let stopped = false;
  return {
    address,
    namespace,
    shards,
    postgres,
    async killServer() {
      const proc = child;
      child = undefined;
      if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGKILL');
      await exited;
    },
    startServer: launch,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener('exit', killOnExit);
      await stopServer();
      postgres.stop();
    },
  };
}
