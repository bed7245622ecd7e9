// Time-skipping Temporal test environment backed by the Java test server that `npm run setup`
// fetches from Maven Central. @temporalio/testing would otherwise download a prebuilt test-server
// binary at run time, which machines that reach only package registries cannot do.
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { INDEXED_VALUE_TYPE, SEARCH_ATTRIBUTES } from './dev-server.ts';

/** `.tools/bin/temporal-test-server` in this clone, the wrapper scripts/setup.sh writes. */
export const TEST_SERVER_WRAPPER = fileURLToPath(
  new URL('../../.tools/bin/temporal-test-server', import.meta.url),
);

/**
 * Starts the Java time-skipping test server on a free port, connects to it, and registers the
 * project's custom search attributes (SEARCH_ATTRIBUTES) in its "default" namespace. Call
 * `env.teardown()` when done.
 *
 * The Java test server rejects unregistered custom search attributes: a start with
 * `typedSearchAttributes` fails with INVALID_ARGUMENT "search attribute X is not defined", and a
 * workflow's `upsertSearchAttributes` fails its workflow task ("BadSearchAttributes") over and
 * over, so the workflow hangs. Hence the registration here.
 *
 * The test server implements no visibility: `client.workflow.list()` (ListWorkflowExecutions)
 * and `operatorService.listSearchAttributes` answer UNIMPLEMENTED. Use a dev server for those.
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
  const env = await TestWorkflowEnvironment.createTimeSkipping({
    server: { executable: { type: 'existing-path', path: TEST_SERVER_WRAPPER } },
  });
  try {
    await env.connection.operatorService.addSearchAttributes({
      namespace: env.namespace ?? 'default',
      searchAttributes: Object.fromEntries(
        Object.entries(SEARCH_ATTRIBUTES).map(([name, type]) => [name, INDEXED_VALUE_TYPE[type]]),
      ),
    });
  } catch (err) {
    await env.teardown();
    throw err;
  }
  return env;
}
