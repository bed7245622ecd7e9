// A throwaway Temporal dev server for tests: headless, on free ports, its SQLite file in a fresh
// temp folder that stop() removes (unless `keepDbFile`, for restart tests that reuse it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDevServer, type DevServer } from '../../scripts/lib/dev-server.ts';

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
    server = await startDevServer({
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
