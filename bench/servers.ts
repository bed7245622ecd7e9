// The Temporal servers `npm run bench` measures against, one after the other: the CLI's dev
// server (one history shard on a SQLite file) and the Temporal server itself on PostgreSQL
// (scripts/lib/cluster.ts, the deployment's server) with BENCH_SHARDS history shards. Each
// is started fresh in the bench's folder and thrown away after; the figures taken on it carry
// its label as a prefix (`dev.`, `cluster8.`).
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { startCluster, TEMPORAL_SERVER_VERSION } from '../scripts/lib/cluster.ts';
import { startDevServer } from '../scripts/lib/dev-server.ts';

export const SERVER_KINDS = ['dev', 'cluster'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

export interface BenchServer {
  kind: ServerKind;
  /** The figures' prefix: `dev`, or `cluster` and its shard count. */
  label: string;
  address: string;
  namespace: string;
  /** What the notes say about it. */
  description: string;
  stop(): Promise<void>;
}

/** BENCH_SERVERS as a list, each checked. */
export function parseServers(raw: string): ServerKind[] {
  const kinds = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const k of kinds) {
    if (!(SERVER_KINDS as readonly string[]).includes(k))
      throw new Error(`BENCH_SERVERS: unknown server ${k} (${SERVER_KINDS.join(', ')})`);
  }
  if (kinds.length === 0) throw new Error('BENCH_SERVERS: no server named');
  return kinds as ServerKind[];
}

export async function startBenchServer(
  kind: ServerKind,
  dir: string,
  shards: number,
): Promise<BenchServer> {
  if (kind === 'dev') {
    const server = await startDevServer({ dbFile: join(dir, 'temporal-dev.db'), uiPort: false });
    return {
      kind,
      label: 'dev',
      address: server.address,
      namespace: 'default',
      description: 'the CLI dev server (one history shard, SQLite)',
      stop: () => server.stop(),
    };
  }
  // Run as root, PostgreSQL runs as `postgres`, which must be able to reach its folder inside
  // the bench's (mkdtemp makes it 0700): search permission only.
  if (process.getuid?.() === 0) chmodSync(dir, statSync(dir).mode | 0o011);
  const cluster = await startCluster({ dir: join(dir, `cluster-${shards}`), shards });
  return {
    kind,
    label: `cluster${shards}`,
    address: cluster.address,
    namespace: cluster.namespace,
    description: `the Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL, ${shards} history shards`,
    stop: () => cluster.stop(),
  };
}
