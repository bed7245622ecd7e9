import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { startDevServer } from '../scripts/lib/dev-server.ts';
Runtime.install({ logger: new DefaultLogger('WARN') });
const dir = mkdtempSync(join(process.env.EXP_DIR ?? tmpdir(), 'exp-'));
const server = await startDevServer({
  ...(process.env.EXP_MEM ? {} : { dbFile: join(dir, 't.db') }),
  uiPort: false,
});
const native = await NativeConnection.connect({ address: server.address });
const conn = await Connection.connect({ address: server.address });
const client = new Client({ connection: conn });
const w = await Worker.create({
  connection: native,
  taskQueue: 'exp',
  maxCachedWorkflows: 5000,
  ...(process.env.EXP_PRELOAD
    ? {
        bundlerOptions: {
          preloadModules: process.env.EXP_PRELOAD.split(',').map((m) =>
            m.startsWith('.') ? fileURLToPath(new URL(m, import.meta.url)) : m,
          ),
        },
      }
    : {}),
  workflowsPath: fileURLToPath(new URL(process.env.EXP_WF ?? './one-timer.ts', import.meta.url)),
});
const run = w.run();
await new Promise((r) => setTimeout(r, 3000));
const mb = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
console.log('idle', mb(), 'heap', (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0));
const N = Number(process.argv[2] ?? 1000);
const t0 = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 20 }, async () => {
    for (let i = next++; i < N; i = next++)
      await client.workflow.start('oneTimerWorkflow', {
        taskQueue: 'exp',
        workflowId: `x-${i}`,
        args: [86400000],
      });
  }),
);
console.log('started', N, ((performance.now() - t0) / 1000).toFixed(1), 's');
while (w.getStatus().numCachedWorkflows < N) await new Promise((r) => setTimeout(r, 200));
console.log('cached', N, ((performance.now() - t0) / 1000).toFixed(1), 's');
await new Promise((r) => setTimeout(r, 3000));
const h = client.workflow.getHandle('x-0');
console.log('x-0', (await h.describe()).status.name);
console.log('rss', mb(), 'heap', (process.memoryUsage().heapUsed / 2 ** 20).toFixed(0));
w.shutdown();
await run;
await native.close();
await conn.close();
await server.stop();
