// The workflow bundle as a file for worker processes (WORKFLOW_BUNDLE), built once per version
// of the workflow code and kept in test/.artifacts: fault tests restart workers several times,
// and each would otherwise spend seconds in webpack while the outage it measures goes on.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleWorkflows } from '../../worker/create.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What the bundle is made of: the workflows, what they import, and the locked packages. */
const SOURCES = ['workflows', 'common', 'domain'];

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const dir of SOURCES) {
    for (const name of readdirSync(join(ROOT, dir)).sort()) {
      if (!name.endsWith('.ts')) continue;
      hash.update(`${dir}/${name}\0`).update(readFileSync(join(ROOT, dir, name)));
    }
  }
  hash.update(readFileSync(join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

export async function workflowBundleFile(): Promise<string> {
  const dir = join(ROOT, 'test', '.artifacts', 'workflow-bundles');
  const file = join(dir, `${sourceHash()}.js`);
  if (existsSync(file)) return file;
  const { code } = await bundleWorkflows();
  mkdirSync(dir, { recursive: true });
  // Written aside and renamed, so a worker never reads half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, code);
  renameSync(partial, file);
  return file;
}
