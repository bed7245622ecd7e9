// Histories recorded from earlier versions of the workflow code (test/histories, written by
// `npm run record-histories`) must replay on today's code: a change that would break running
// duties fails here, and must be guarded with `patched()` instead.
import { readdirSync, readFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundle } from '@temporalio/worker';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkflows } from '../../worker/create.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';

const dir = new URL('../histories/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.binpb'));
let workflowBundle: WorkflowBundle;

beforeAll(async () => {
  quietTemporalLogs();
  workflowBundle = await bundleWorkflows();
});

describe('replay of recorded histories', () => {
  it('has recorded histories to replay', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s replays on the current workflow code', async (file) => {
    const history = temporal.api.history.v1.History.decode(readFileSync(new URL(file, dir)));
    await expect(
      Worker.runReplayHistory({ workflowBundle }, history, file),
    ).resolves.toBeUndefined();
  });
});
