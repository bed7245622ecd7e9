// The worker as its own process: `npm run worker` against TEMPORAL_ADDRESS and SMTP_HOST.
import { loadConfig } from '../config/env.ts';
import { buildWorker, workerOptionsFromConfig } from './build.ts';

const config = loadConfig();
const options = workerOptionsFromConfig(config);
const built = await buildWorker(options);
console.log(`worker polling ${options.temporal.address} (namespace ${config.temporal.namespace})`);
try {
  await built.run();
} finally {
  await built.close();
}
