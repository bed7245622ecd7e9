// The worker as its own process: `npm run worker` against TEMPORAL_ADDRESS and SMTP_HOST.
// With WORKER_METRICS_PORT, /metrics there serves the activities' figures (messages sent,
// reminder lateness, launches) and the Temporal SDK's.
import { loadConfig } from '../config/env.ts';
import { createMetrics, startMetricsServer } from '../ops/metrics.ts';
import { buildWorker, workerOptionsFromConfig } from './build.ts';
import { installWorkerRuntime } from './telemetry.ts';

const config = loadConfig();
const port = config.metrics.worker;
const { sdkMetricsUrl } = await installWorkerRuntime({ metrics: port !== undefined });
// Open duties by state come from the API's /metrics (one read model, counted once).
const metrics = port === undefined ? undefined : createMetrics({ process: 'worker' });
const metricsServer =
  metrics && port !== undefined
    ? await startMetricsServer(metrics.registry, port, config.metrics.host, sdkMetricsUrl)
    : undefined;
const options = workerOptionsFromConfig(config);
const built = await buildWorker({ ...options, metrics });
console.log(
  `worker polling ${options.temporal.address} (namespace ${config.temporal.namespace})` +
    (port === undefined ? '' : `; metrics on http://${config.metrics.host}:${port}/metrics`),
);
try {
  await built.run();
} finally {
  await built.close();
  metricsServer?.close();
}
