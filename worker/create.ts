import { fileURLToPath } from 'node:url';
import { NativeConnection, Worker, type WorkflowBundle } from '@temporalio/worker';
import type { createActivities } from '../activities/index.ts';
import { TASK_QUEUE } from '../common/messages.ts';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface DutyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activities: ReturnType<typeof createActivities>;
  taskQueue?: string;
  /** A bundle built once (tests share one per file); otherwise the worker bundles at start. */
  workflowBundle?: WorkflowBundle;
}

export async function createDutyWorker(opts: DutyWorkerOptions): Promise<Worker> {
  return Worker.create({
    connection: opts.connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue ?? TASK_QUEUE,
    activities: opts.activities,
    ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
  });
}

export { NativeConnection };
