// The worker as a separate process, so a test can kill it with SIGKILL mid-flight the way
// a crash or an OOM kill would, and start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { workerNodeFlags } from '../../worker/memory.ts';

const WORKER_MAIN = fileURLToPath(new URL('../../worker/main.ts', import.meta.url));

export interface WorkerProcess {
  child: ChildProcess;
  output: string[];
  kill(): Promise<void>;
}

export async function startWorkerProcess(env: Record<string, string>): Promise<WorkerProcess> {
  // As scripts/start.ts starts it: the main thread's heap for the cache the test configures.
  const cache = Number(
    env['WORKER_MAX_CACHED_WORKFLOWS'] ?? process.env['WORKER_MAX_CACHED_WORKFLOWS'],
  );
  // A value that is no number is left for the worker's own configuration check to refuse.
  const flags = workerNodeFlags(Number.isInteger(cache) ? cache : undefined);
  const child = spawn(process.execPath, [...flags, WORKER_MAIN], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString();
      output.push(text);
      if (text.includes('worker polling')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`worker exited (${code}): ${output.join('')}`)));
  });
  await ready;
  return {
    child,
    output,
    kill: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGKILL');
      }),
  };
}
