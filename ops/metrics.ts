// The service's own Prometheus metrics, from a kept library (prom-client): reminders sent and
// how late, open duties by state, import and launch durations. The Temporal SDK's runtime
// metrics (workflow task latency, sticky cache, pollers) come from the SDK's own Prometheus
// exporter on the worker (worker/main.ts); these are what the SDK cannot know.
import { createServer, type Server } from 'node:http';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Db } from '../db/index.ts';
import { countDutiesByStatus } from '../db/duty-snapshots.ts';

export interface ServiceMetrics {
  registry: Registry;
  /** One message handed to the SMTP server, or held for a digest, or not sent by choice. */
  messageSent(kind: string, delivery: 'sent' | 'digest' | 'opted-out'): void;
  /** How long after the ladder meant it a message went out, in ms (real time only). */
  reminderLateness(ms: number): void;
  importDone(kind: string, seconds: number): void;
  launchDone(duties: number, seconds: number): void;
  /** One HTTP request answered: its route pattern (not its ids), method, status and time. */
  request(method: string, route: string, status: number, seconds: number): void;
}

/** Seconds from 10 ms to 10 minutes: a reminder is late by the timer's and the queue's delay. */
const LATENESS_BUCKETS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600];

export function createMetrics(opts: { db?: Db; process?: 'api' | 'worker' } = {}): ServiceMetrics {
  const registry = new Registry();
  if (opts.process) registry.setDefaultLabels({ process: opts.process });
  collectDefaultMetrics({ register: registry });
  const sent = new Counter({
    name: 'duties_messages_total',
    help: 'Messages about duties, by kind (reminder, overdue, urge…) and delivery',
    labelNames: ['kind', 'delivery'],
    registers: [registry],
  });
  const lateness = new Histogram({
    name: 'duties_reminder_lateness_seconds',
    help: 'Delay between the instant a ladder step was due and its message being accepted by SMTP',
    buckets: LATENESS_BUCKETS,
    registers: [registry],
  });
  const imports = new Histogram({
    name: 'duties_import_duration_seconds',
    help: 'Time to read, check and store an imported file, by kind (plan, table, directory, targets)',
    labelNames: ['kind'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers: [registry],
  });
  const launches = new Histogram({
    name: 'duties_cycle_launch_duration_seconds',
    help: "Time for a cycle's launch activity to start all of its year's duties",
    buckets: [1, 5, 10, 30, 60, 120, 300, 600, 1800],
    registers: [registry],
  });
  const launched = new Counter({
    name: 'duties_launched_total',
    help: 'Duties started by cycle launches',
    registers: [registry],
  });
  const requests = new Histogram({
    name: 'duties_http_request_duration_seconds',
    help: 'Time to answer a request, by route pattern (imports, lists, pages), method and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const { db } = opts;
  if (db) {
    new Gauge({
      name: 'duties_open',
      help: 'Duties in the read model by state (assigned, acknowledged, returned, overdue, submitted…)',
      labelNames: ['state'],
      registers: [registry],
      // Read when scraped, so it is as fresh as the read model and costs nothing in between.
      async collect() {
        this.reset();
        for (const [state, n] of await countDutiesByStatus(db)) this.set({ state }, n);
      },
    });
  }
  return {
    registry,
    messageSent: (kind, delivery) => sent.inc({ kind, delivery }),
    reminderLateness: (ms) => lateness.observe(Math.max(0, ms) / 1000),
    importDone: (kind, seconds) => imports.observe({ kind }, seconds),
    launchDone: (duties, seconds) => {
      launches.observe(seconds);
      launched.inc(duties);
    },
    request: (method, route, status, seconds) =>
      requests.observe({ method, route, status: String(status) }, seconds),
  };
}

/**
 * `GET /metrics` on a port of its own, apart from the pages and the API. `alsoFrom`: another
 * exporter on this machine (the Temporal SDK runtime's), whose text is served after ours, so
 * one scrape gets both.
 */
export function startMetricsServer(
  registry: Registry,
  port: number,
  host = '127.0.0.1',
  alsoFrom?: string,
): Promise<Server> {
  const collect = async (): Promise<string> => {
    const own = await registry.metrics();
    if (!alsoFrom) return own;
    const sdk = await fetch(alsoFrom, { signal: AbortSignal.timeout(2_000) })
      .then((r) => (r.ok ? r.text() : ''))
      // The SDK's exporter starts with the worker; until then, ours alone.
      .catch(() => '');
    return `${own}\n${sdk}`;
  };
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url?.split('?')[0] !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    collect().then(
      (text) => res.writeHead(200, { 'Content-Type': registry.contentType }).end(text),
      (err: unknown) => res.writeHead(500).end(String(err)),
    );
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}

/** Express middleware timing each answer under its route pattern. */
export function requestTimer(metrics: ServiceMetrics) {
  return (
    req: { method: string; baseUrl: string; route?: { path?: unknown } },
    res: { on(event: 'finish', f: () => void): unknown; statusCode: number },
    next: () => void,
  ): void => {
    const started = performance.now();
    res.on('finish', () => {
      const path = typeof req.route?.path === 'string' ? req.route.path : undefined;
      // Unmatched paths are one label: a scanner's random URLs must not grow the series.
      const route = path === undefined ? 'unmatched' : `${req.baseUrl}${path}`;
      metrics.request(req.method, route, res.statusCode, (performance.now() - started) / 1000);
    });
    next();
  };
}
