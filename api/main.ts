// The API as its own process: `npm run api` against TEMPORAL_ADDRESS.
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env.ts';
import { connectionOptions } from '../config/temporal.ts';
import { openDb } from '../db/index.ts';
import { ensureSearchAttributes } from '../services/search-attributes.ts';
import { createSmtpMailer } from '../activities/mailer.ts';
import { createLogger, logFunction } from '../ops/log.ts';
import { createMetrics, startMetricsServer } from '../ops/metrics.ts';
import { createApp } from './app.ts';

const config = loadConfig();
// Several API processes must sign and check links alike: the secret comes from the environment.
if (!config.sessionSecret) throw new Error('SESSION_SECRET is not set: the web pages need it');
const db = await openDb(config.db);
const connection = await Connection.connect(
  connectionOptions(config.temporal, config.temporal.port),
);
const client = new Client({ connection, namespace: config.temporal.namespace });
await ensureSearchAttributes(connection, config.temporal.namespace);
const mailer = config.smtp.host
  ? createSmtpMailer({ ...config.smtp, host: config.smtp.host })
  : undefined;
// JSON lines for a log collector when asked (LOG_FORMAT=json); no personal data either way.
const log = config.logFormat === 'json' ? logFunction(createLogger('api')) : undefined;
const metrics = createMetrics({ db, process: 'api' });
const metricsServer =
  config.metrics.api === undefined
    ? undefined
    : await startMetricsServer(metrics.registry, config.metrics.api, config.metrics.host);
const server = createApp({
  client,
  db,
  metrics,
  ...(log ? { log } : {}),
  apiToken: config.apiToken,
  trustProxy: config.trustProxy,
  web: {
    sessionSecret: config.sessionSecret,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    mailer,
    dataDir: config.dataDir,
    coordinatorEmails: config.coordinatorEmails,
  },
  publicUrl: config.publicUrl,
}).listen(config.port, config.host, () => {
  console.log(
    `API listening on ${config.publicUrl}` +
      (config.metrics.api === undefined
        ? ''
        : `; metrics on http://${config.metrics.host}:${config.metrics.api}/metrics`),
  );
});
const stop = (): void => {
  server.close();
  metricsServer?.close();
  mailer?.close();
  void connection.close().then(() => db.destroy());
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
