// Writes the workflow bundle to the file named by its argument, in a process of its own: the
// worker that asked for it never loads webpack, which would stay in its heap (about 230 MB).
import { writeFileSync } from 'node:fs';
import { bundleWorkflows } from './create.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: node worker/bundle-main.ts <bundle file>');
const { code } = await bundleWorkflows();
// Straight to the file: the parent reads it only once this process has exited cleanly, from a
// directory of its own (worker/bundle-process.ts).
writeFileSync(file, code);
