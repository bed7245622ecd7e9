// Footprint: the same workflow with zod in its module graph (evaluated once per workflow).
import { sleep } from '@temporalio/workflow';
import { z } from 'zod';

export async function footprintWorkflow(ms: number): Promise<void> {
  if (ms < 0) z.number().parse(ms);
  await sleep(ms);
}
