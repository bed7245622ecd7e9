// Time-skipping Temporal test environment backed by the Java test server that `npm run setup`
// fetches from Maven Central. @temporalio/testing would otherwise download a prebuilt test-server
// binary at run time, which machines that reach only package registries cannot do.
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';

/** `.tools/bin/temporal-test-server` in this clone, the wrapper scripts/setup.sh writes. */
export const TEST_SERVER_WRAPPER = fileURLToPath(
  new URL('../../.tools/bin/temporal-test-server', import.meta.url),
);

/**
 * Starts the Java time-skipping test server on a free port and connects to it. Call
 * `env.teardown()` when done. Note that the test server does not implement visibility
 * (ListWorkflowExecutions / `client.workflow.list()`); use a dev server for that.
 */
export async function createTimeSkippingEnv(): Promise<TestWorkflowEnvironment> {
  try {
    accessSync(TEST_SERVER_WRAPPER, constants.X_OK);
  } catch {
    throw new Error(
      `Temporal test server wrapper not found at ${TEST_SERVER_WRAPPER}: run \`npm run setup\` ` +
        '(it fetches io.temporal:temporal-test-server from Maven Central and writes the wrapper).',
    );
  }
  return TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER_WRAPPER } },
  });
}
