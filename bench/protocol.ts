// What the bench runner and its worker processes say to each other over the IPC channel.

/**
 * The one-timer worker's sticky cache: room for every baseline workflow, so its cache counts what
 * it has taken up.
 */
export const RAW_CACHE = 20_000;

export interface BenchWorkerOptions {
  address: string;
  namespace: string;
  smtpPort: number;
  sqliteFile: string;
  /** Unset: the SDK's default, derived from the heap limit. */
  maxCachedWorkflows?: number;
  /** A prebuilt workflow bundle (WORKFLOW_BUNDLE); unset, a child process bundles at start. */
  bundlePath?: string;
  /** Also poll the one-timer workflow's task queue. */
  oneTimer: boolean;
}

export type ToWorker =
  | { type: 'status'; id: number }
  | {
      type: 'start-one-timers';
      id: number;
      count: number;
      concurrency: number;
      prefix: string;
      sleepMs: number;
      /**
       * `input`: carry a duty's input under REJECT_DUPLICATE; `duty`: its search attributes too,
       * as startDuty does.
       */
      payload: 'none' | 'input' | 'duty';
    }
  | { type: 'stop'; id: number };

export interface WorkerStatus {
  rssBytes: number;
  heapUsedBytes: number;
  /** The workflow thread's V8 heap in use and its limit, when the SDK's thread can be reached. */
  workflowHeap?: { usedBytes: number; limitBytes: number } | undefined;
  cachedWorkflows: number;
  /** Workflows in the one-timer worker's cache: how many it has taken up. */
  oneTimersCached: number;
  inFlightActivities: number;
  inFlightWorkflowActivations: number;
}

export type FromWorker =
  | { type: 'ready'; maxCachedWorkflows: number; pid: number }
  | { type: 'progress'; text: string }
  | { type: 'reply'; id: number; status: WorkerStatus }
  | { type: 'reply'; id: number; startedMs: number; firstStartAt: number; lastStartAt: number }
  | { type: 'reply'; id: number; stopped: true }
  | { type: 'error'; id?: number; message: string };
