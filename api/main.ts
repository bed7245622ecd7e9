// The API as its own process: `npm run api` against TEMPORAL_ADDRESS.
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../config/env.ts';
import { openDb } from '../db/index.ts';
import { ensureSearchAttributes } from '../services/search-attributes.ts';
import { createApp } from './app.ts';

const config = loadConfig();
const address = config.temporal.address ?? `127.0.0.1:${config.temporal.port}`;
const db = await openDb(config.db);
const connection = await Connection.connect({ address });
const client = new Client({ connection, namespace: config.temporal.namespace });
await ensureSearchAttributes(connection, config.temporal.namespace);
const server = createApp({
  client,
  db,
  apiToken: config.apiToken,
  publicUrl: config.publicUrl,
}).listen(config.port, config.host, () => {
  console.log(`API listening on ${config.publicUrl}`);
});
const stop = (): void => {
  server.close();
  void connection.close().then(() => db.destroy());
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
