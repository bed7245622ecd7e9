// The worker of a time-skipping test file: the real activities on the file's database and
// SMTP server, the workflow bundle built once.
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createActivities } from '../../activities/index.ts';
import { createSmtpMailer } from '../../activities/mailer.ts';
import type { Db } from '../../db/index.ts';
import { bundleWorkflows, createDutyWorker } from '../../worker/create.ts';

export async function startTestWorker(opts: {
  env: TestWorkflowEnvironment;
  db: Db;
  smtpPort: number;
  taskQueue?: string;
}): Promise<{ stop(): Promise<void> }> {
  const worker = await createDutyWorker({
    connection: opts.env.nativeConnection,
    namespace: opts.env.namespace ?? 'default',
    ...(opts.taskQueue ? { taskQueue: opts.taskQueue } : {}),
    workflowBundle: await bundleWorkflows(),
    activities: createActivities({
      db: opts.db,
      client: opts.env.client,
      mailer: createSmtpMailer({ host: '127.0.0.1', port: opts.smtpPort, secure: false }),
      publicUrl: 'http://duties.test',
      mailFrom: 'no-reply@duties.test',
    }),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
    },
  };
}
