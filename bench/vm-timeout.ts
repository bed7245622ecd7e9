// `node bench/vm-timeout.ts`: what a timeout costs a call into a `vm` context, as the Temporal SDK
// makes one on every call into the workflow sandbox (`isolateExecutionTimeout`, 5 s by default).
// Node starts and joins a watchdog thread for each call given a timeout. Prints the cost per call
// with and without one, alternating, and their ratio, all taken in this one run.
import { createContext, Script } from 'node:vm';

const CALLS = 20_000;
const context = createContext({ n: 0 });
const script = new Script('n += 1');

function microsPerCall(options: { timeout?: number }): number {
  const t0 = performance.now();
  for (let i = 0; i < CALLS; i++) script.runInContext(context, options);
  return ((performance.now() - t0) * 1000) / CALLS;
}

const without: number[] = [];
const withTimeout: number[] = [];
for (let round = 0; round < 3; round++) {
  without.push(microsPerCall({}));
  withTimeout.push(microsPerCall({ timeout: 5_000 }));
}
const best = (xs: number[]): number => Math.min(...xs);
console.log('== figures ==');
console.log(`vm_call_without_timeout ${best(without).toFixed(1)} µs`);
console.log(`vm_call_with_timeout ${best(withTimeout).toFixed(1)} µs`);
console.log(`vm_call_timeout_vs_none ${(best(withTimeout) / best(without)).toFixed(0)} ratio`);
