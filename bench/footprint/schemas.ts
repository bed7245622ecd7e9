// Footprint: the same workflow importing the duty's zod schemas, as workflows/duty.ts does.
import { sleep } from '@temporalio/workflow';
import * as schemas from '../../common/duty-schema.ts';

export async function footprintWorkflow(ms: number): Promise<void> {
  if (ms < 0) schemas.Acknowledge.parse(ms);
  await sleep(ms);
}
