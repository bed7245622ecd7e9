// A throwaway Temporal dev server for tests: headless, on free ports, its SQLite file in a fresh
// temp folder that stop() removes (unless `keepDbFile`, for restart tests that reuse it).
//
// With TEMPORAL_PROFILE=cluster the same call brings up the Temporal server itself on
// PostgreSQL (scripts/lib/cluster.ts) instead, so the end-to-end and fault suites run
// unchanged against the server users deploy: `dbFile` is then the cluster's folder, and a
// restart on it restarts the server and its PostgreSQL on the same data.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster, type Cluster } from '../../scripts/lib/cluster.ts';
import { startDevServer, type DevServer } from '../../scripts/lib/dev-server.ts';

/** Which Temporal the suites run against: `dev` (the CLI's dev server) or `cluster`. */
export const TEMPORAL_PROFILE = process.env['TEMPORAL_PROFILE'] === 'cluster' ? 'cluster' : 'dev';

export { SEARCH_ATTRIBUTES, startDevServer, type DevServer } from '../../scripts/lib/dev-server.ts';

export interface TestDevServer extends DevServer {
  /** The server's SQLite file; pass it to startTestDevServer({ dbFile }) to restart on it. */
  dbFile: string;
}

export async function startTestDevServer(
  opts: {
    dbFile?: string;
    keepDbFile?: boolean;
    /** The frontend's port; a restart on the same file and port looks to workers like an outage. */
    port?: number;
    log?: (line: string) => void;
  } = {},
): Promise<TestDevServer> {
  const ownDir =
    opts.dbFile === undefined ? mkdtempSync(join(tmpdir(), 'giam-ngheo-temporal-')) : undefined;
  const dbFile = opts.dbFile ?? join(ownDir!, 'temporal.db');
  const cleanUp = () => {
    if (ownDir !== undefined && !opts.keepDbFile) rmSync(ownDir, { recursive: true, force: true });
  };
  let server: DevServer;
  try {
    server =
      TEMPORAL_PROFILE === 'cluster'
        ? crashingOnStop(
            await startCluster({
              dir: dbFile,
              ...(opts.port ? { port: opts.port } : {}),
              ...(opts.log ? { log: opts.log } : {}),
            }),
          )
        : await startDevServer({
            dbFile,
            uiPort: false,
            ...(opts.port ? { port: opts.port } : {}),
            ...(opts.log ? { log: opts.log } : {}),
          });
  } catch (err) {
    cleanUp();
    throw err;
  }
  return {
    ...server,
    dbFile,
    stop: async () => {
      await server.stop();
      cleanUp();
    },
  };
}

/**
 * The cluster stopped as a crash stops it: `kill -9` of the Temporal server, then PostgreSQL's
 * immediate shutdown (no checkpoint). A restart test then brings both back on the same data.
 */
function crashingOnStop(cluster: Cluster): DevServer {
  return {
    address: cluster.address,
    stop: async () => {
      await cluster.killServer();
      await cluster.stop();
    },
  };
}
