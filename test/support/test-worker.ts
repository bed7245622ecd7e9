// What a time-skipping test file runs on: the Java test server, a real SMTP server, a SQLite
// file, and a worker with the real activities (the workflow bundle built once), all stopped
// together.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { openDb, type Db } from '../../db/index.ts';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink.ts';
import { buildWorker } from '../../worker/build.ts';
import { bundleWorkflows } from '../../worker/create.ts';
import { quietTemporalLogs } from './quiet-runtime.ts';
import { createTimeSkippingEnv } from './temporal-env.ts';

export interface TimeSkippingStack {
  env: TestWorkflowEnvironment;
  sink: MailSink;
  db: Db;
  stop(): Promise<void>;
}

export async function startTimeSkippingStack(
  name: string,
  taskQueue: string,
): Promise<TimeSkippingStack> {
  quietTemporalLogs();
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const [env, sink, db] = await Promise.all([
    createTimeSkippingEnv(),
    startMailSink(),
    openDb({ sqliteFile: join(dir, 'app.db') }),
  ]);
  const { worker, close } = await buildWorker({
    temporal: { connection: env.nativeConnection, client: env.client },
    namespace: env.namespace ?? 'default',
    taskQueue,
    workflowBundle: await bundleWorkflows(),
    db,
    mailer: { host: '127.0.0.1', port: sink.port, secure: false },
    publicUrl: 'http://duties.test',
    mailFrom: 'no-reply@duties.test',
  });
  const running = worker.run();
  return {
    env,
    sink,
    db,
    async stop() {
      worker.shutdown();
      await running;
      await close();
      await env.teardown();
      await sink.stop();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
