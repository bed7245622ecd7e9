// Vitest setup (vitest.config.ts `setupFiles`): the whole suite is a contract test. Every
// answer from /api/ of a loopback server, received through fetch (wrapped here), through the
// node:http client of test/support/fuzz-http.ts, or written by a server started with
// test/support/http.ts `listen`, is checked against the OpenAPI document. A test during which
// an answer broke the contract fails, naming the operation, the status and the schema error;
// answers received in hooks fail the file at its end. CONTRACT_TEST=0 turns it off.
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { covered, installRecorder, observeClient, type Violation } from './contract.ts';

const enabled = process.env['CONTRACT_TEST'] !== '0';

if (enabled) {
  const recorder = installRecorder(() => expect.getState().currentTestName);

  const original = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const res = await original(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (!covered(url)) return res;
    const method = (
      init?.method ?? (input instanceof Request ? input.method : 'GET')
    ).toUpperCase();
    // The test reads the answer as it likes; the contract reads a copy of it. A body cut short
    // (the server went away mid-answer, as the fault tests make it) is the test's to see.
    const body = await res
      .clone()
      .arrayBuffer()
      .then((b) => Buffer.from(b))
      .catch(() => undefined);
    if (body !== undefined) {
      observeClient(url, {
        method,
        status: res.status,
        contentType: res.headers.get('content-type') ?? undefined,
        body,
      });
    }
    return res;
  };

  const report = (vs: Violation[]) =>
    `${vs.length} answer(s) broke the OpenAPI contract (api/openapi.ts):\n` +
    vs
      .slice(0, 10)
      .map((v) => `  - ${v.message}`)
      .join('\n');

  let seen = 0;
  beforeEach(() => {
    seen = recorder.violations.length;
  });
  afterEach((ctx) => {
    const mine = recorder.violations
      .slice(seen)
      .filter(
        (v) => v.test === undefined || v.test === ctx.task.name || v.test.endsWith(ctx.task.name),
      );
    if (mine.length > 0) {
      for (const v of mine) v.test = `reported:${ctx.task.name}`;
      throw new Error(report(mine));
    }
  });
  afterAll(() => {
    if (process.env['CONTRACT_VERBOSE'])
      console.log(
        `contract: ${recorder.checked} answers checked, ${recorder.violations.length} violations`,
      );
    const left = recorder.violations.filter((v) => !v.test?.startsWith('reported:'));
    if (left.length > 0) throw new Error(report(left));
  });
}
