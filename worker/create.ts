import { fileURLToPath } from 'node:url';
import {
  bundleWorkflowCode,
  NativeConnection,
  Worker,
  type WorkflowBundle,
  type WorkflowBundleOption,
} from '@temporalio/worker';
import type { createActivities } from '../activities/index.ts';
import { TASK_QUEUE } from '../common/messages.ts';
import { withWorkflowThreadHeap, workflowHeapFor } from './memory.ts';

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url));

export interface DutyWorkerOptions {
  connection: NativeConnection;
  namespace: string;
  activities: ReturnType<typeof createActivities>;
  taskQueue?: string;
  /** A bundle built once (tests share one per file); otherwise the worker bundles at start. */
  workflowBundle?: WorkflowBundleOption;
  /**
   * Sticky cache size. worker/build.ts passes one sized from memory (cachedWorkflowsFor); left
   * out, the SDK's default (about 2,400 at a 4 GiB heap, sized for heavier workflows than ours).
   */
  maxCachedWorkflows?: number;
}

export async function createDutyWorker(opts: DutyWorkerOptions): Promise<Worker> {
  const heap = workflowHeapFor(opts.maxCachedWorkflows);
  return withWorkflowThreadHeap(heap, () =>
    Worker.create({
      connection: opts.connection,
      namespace: opts.namespace,
      taskQueue: opts.taskQueue ?? TASK_QUEUE,
      activities: opts.activities,
      // One V8 context for every workflow, each one's globals swapped in and out per activation,
      // instead of a context per workflow: the SDK's default in 1.24, set here so that no upgrade
      // turns it off unnoticed. A cached duty then costs its own state and the bundle's modules it
      // evaluates, not a context of its own (docs/benchmarks.md, worker memory).
      reuseV8Context: true,
      ...(opts.maxCachedWorkflows === undefined
        ? {}
        : { maxCachedWorkflows: opts.maxCachedWorkflows }),
      ...(opts.workflowBundle ? { workflowBundle: opts.workflowBundle } : { workflowsPath }),
    }),
  );
}

const quiet = () => undefined;

/** The workflow bundle, built once by callers that start several workers (tests, simulations). */
export function bundleWorkflows(): Promise<WorkflowBundle> {
  return bundleWorkflowCode({
    workflowsPath,
    // webpack's report of every module is noise; its errors are not.
    logger: {
      log: quiet,
      trace: quiet,
      debug: quiet,
      info: quiet,
      warn: quiet,
      error: (m) => console.error(m),
    },
  });
}

export { NativeConnection };
