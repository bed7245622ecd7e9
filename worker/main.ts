// The worker as its own process: `npm run worker` against TEMPORAL_ADDRESS and SMTP_HOST.
import { Client, Connection } from '@temporalio/client';
import { createActivities } from '../activities/index.ts';
import { ensureDigestSchedule } from '../services/schedules.ts';
import { ensureSearchAttributes } from '../services/search-attributes.ts';
import { createSmtpMailer } from '../activities/mailer.ts';
import { loadConfig } from '../config/env.ts';
import { connectionOptions } from '../config/temporal.ts';
import { openDb } from '../db/index.ts';
import { createDutyWorker, NativeConnection } from './create.ts';

const config = loadConfig();
// The same address, TLS and API key for the worker's and the activities' connections.
const temporal = connectionOptions(config.temporal, config.temporal.port);
const { address } = temporal;
if (!config.smtp.host) throw new Error('SMTP_HOST is not set: the worker needs a mail server');

const db = await openDb(config.db);
const mailer = createSmtpMailer({ ...config.smtp, host: config.smtp.host });
const connection = await NativeConnection.connect(temporal);
// The cycle's activities start duty workflows through an ordinary client.
const clientConnection = await Connection.connect(temporal);
const client = new Client({ connection: clientConnection, namespace: config.temporal.namespace });
await ensureSearchAttributes(clientConnection, config.temporal.namespace);
await ensureDigestSchedule(client);
const worker = await createDutyWorker({
  connection,
  namespace: config.temporal.namespace,
  ...(config.workflowBundle ? { workflowBundle: { codePath: config.workflowBundle } } : {}),
  activities: createActivities({
    db,
    mailer,
    client,
    publicUrl: config.publicUrl,
    mailFrom: config.mailFrom,
    sessionSecret: config.sessionSecret,
  }),
});
console.log(`worker polling ${address} (namespace ${config.temporal.namespace})`);
try {
  await worker.run();
} finally {
  await connection.close();
  await clientConnection.close();
  mailer.close();
  await db.destroy();
}
