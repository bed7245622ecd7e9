import { DefaultLogger, Runtime } from '@temporalio/worker';

/** Worker start/stop chatter at INFO buries test output; keep warnings and errors. */
export function quietTemporalLogs(): void {
  Runtime.install({ logger: new DefaultLogger('WARN') });
}
