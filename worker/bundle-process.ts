// The workflow bundle for a worker given none (WORKFLOW_BUNDLE unset), built by a child process.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { envWithoutNodeOptions } from '../config/env.ts';

const BUNDLER = fileURLToPath(new URL('./bundle-main.ts', import.meta.url));

/**
 * Bundles the workflows in a child process and returns the code. Bundling in the worker itself
 * left webpack and its module graph in the worker's heap for good: 476 MB idle against 249 MB
 * with the bundle from a file (docs/benchmarks.md).
 */
export async function bundleInChildProcess(): Promise<{ code: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'duty-bundle-'));
  const file = join(dir, 'workflows.js');
  try {
    await promisify(execFile)(process.execPath, [BUNDLER, file], {
      maxBuffer: 16 * 2 ** 20,
      timeout: 5 * 60_000,
      // Without the worker's heap flags: webpack needs more than the worker's 256 MiB.
      env: envWithoutNodeOptions(),
    });
    return { code: readFileSync(file, 'utf8') };
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr?.trim();
    throw new Error(`bundling the workflows failed${stderr ? `: ${stderr}` : ''}`, { cause: err });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
