// A PostgreSQL server of our own: Debian's binaries (scripts/setup.sh installs the package), a
// cluster in a folder (a temporary one for tests, the data folder for `npm start -- --cluster`),
// a loopback port. PostgreSQL refuses to run as root, so when run as root the cluster belongs
// to the `postgres` system user.
import { execFileSync, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { freePort } from '../../ops/free-port.ts';

export interface TestPostgres {
  url: string;
  port: number;
  /** Takes the server down as a crash would (immediate shutdown), keeping its data. */
  down(): void;
  /** Starts it again on the same data and port. */
  up(): void;
  stop(): void;
}

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions.map((v) => join(root, v, 'bin')).find((d) => existsSync(join(d, 'initdb')));
  if (!dir)
    throw new Error(
      'PostgreSQL server binaries not found under /usr/lib/postgresql: run `npm run setup`',
    );
  return dir;
}

export interface PostgresOptions {
  /** Keeps the cluster here across runs (created when missing); a temporary folder otherwise. */
  dir?: string;
  /** Loopback port; a free one when unset. */
  port?: number;
  /** Settings passed as `-c name=value` (e.g. max_connections). */
  settings?: Record<string, string | number>;
}

export async function startTestPostgres(opts: PostgresOptions = {}): Promise<TestPostgres> {
  const bin = binDir();
  const keep = opts.dir !== undefined;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'pg-test-'));
  mkdirSync(dir, { recursive: true });
  const asRoot = process.getuid?.() === 0;
  const user = asRoot ? 'postgres' : undefined;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(dir, uid, gid);
    // The `postgres` user must be able to reach the folder: temporary folders above it are
    // made 0700 by mkdtemp, so they get search (x) permission, and nothing more.
    for (let up = dirname(dir); up.startsWith(`${tmpdir()}/`); up = dirname(up)) {
      chmodSync(up, statSync(up).mode | 0o011);
    }
  }
  const run = (cmd: string, args: string[]): void => {
    const full = user
      ? (['runuser', ['-u', user, '--', join(bin, cmd), ...args]] as const)
      : ([join(bin, cmd), args] as const);
    const r = spawnSync(full[0], [...full[1]], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
  };
  const data = join(dir, 'data');
  const port = opts.port ?? (await freePort());
  if (!existsSync(join(data, 'PG_VERSION'))) {
    run('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale']);
  }
  const extra = Object.entries(opts.settings ?? {})
    .map(([k, v]) => ` -c ${k}=${v}`)
    .join('');
  const start = (): void =>
    run('pg_ctl', [
      '-D',
      data,
      '-l',
      join(dir, 'log'),
      '-w',
      '-o',
      // fsync off for throwaway clusters only: a kept one must survive a crash of the machine.
      `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1${keep ? '' : ' -c fsync=off'}${extra}`,
      'start',
    ]);
  start();
  let running = true;
  const down = (): void => {
    if (running) run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
    running = false;
  };
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    down,
    up() {
      start();
      running = true;
    },
    stop() {
      try {
        down();
      } finally {
        if (!keep) rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

/** A database of the given name on the server (created when missing), as a connection URL. */
export async function ensureDatabase(server: TestPostgres, name: string): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`not a plain database name: ${name}`);
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  return server.url.replace(/\/postgres$/, `/${name}`);
}
