// Writes the workflow bundle to the file named by its argument, in a process of its own: the
// worker that asked for it never loads webpack, which would stay in its heap (about 230 MB).
import { renameSync, writeFileSync } from 'node:fs';
import { bundleWorkflows } from './create.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: node worker/bundle-main.ts <bundle file>');
const { code } = await bundleWorkflows();
// Written aside and renamed, so the worker never reads half a file.
const partial = `${file}.partial`;
writeFileSync(partial, code);
renameSync(partial, file);
