// The Temporal SDK runtime of a process that runs a worker: its log level and, when the process
// serves /metrics, the SDK's own Prometheus exporter (workflow task latency, sticky cache hits,
// pollers, activity failures). The exporter listens on a private loopback port that only the
// process's /metrics server (ops/metrics.ts) reads, so one scrape gets both the service's
// figures and the SDK's. Must run before the first connection: the runtime is installed once.
import { DefaultLogger, Runtime, type LogLevel } from '@temporalio/worker';
import { freePort } from '../ops/free-port.ts';

export interface WorkerRuntime {
  /** Where the SDK's exporter answers, for `startMetricsServer`'s `alsoFrom`; unset: no metrics. */
  sdkMetricsUrl: string | undefined;
}

export async function installWorkerRuntime(opts: {
  metrics: boolean;
  logLevel?: LogLevel;
}): Promise<WorkerRuntime> {
  const logger = new DefaultLogger(opts.logLevel ?? 'INFO');
  if (!opts.metrics) {
    Runtime.install({ logger });
    return { sdkMetricsUrl: undefined };
  }
  const bindAddress = `127.0.0.1:${await freePort()}`;
  Runtime.install({
    logger,
    telemetryOptions: {
      metrics: {
        // Seconds and `_total`, as Prometheus names them and as the service's own metrics do.
        prometheus: { bindAddress, useSecondsForDurations: true, countersTotalSuffix: true },
      },
    },
  });
  return { sdkMetricsUrl: `http://${bindAddress}/metrics` };
}
