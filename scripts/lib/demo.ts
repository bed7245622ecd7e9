// The demo `npm start` loads into an empty data folder: the A Lưới directory, plan and
// assignment table (fixtures/a-luoi/), imported through the same use cases a coordinator uses,
// and the current year's cycle started, so a newcomer sees a plan, its duties, the matrix and
// the mail at once. Every demo duty belongs to that plan.
//
// The year is the current one, or the plan's last when its period is over (the real plan runs
// 2021–2025): its deadlines may then be behind it, so the duties show as overdue at once, and
// the cycle records that past as history.
import { readFileSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { StartCycle } from '../../common/cycle-schema.ts';
import type { Db } from '../../db/index.ts';
import { anyPlanExists } from '../../db/worker-reads.ts';
import { localParts } from '../../domain/local-time.ts';
import { readDirectory, readPlanDefinition } from '../../plans/definition.ts';
import { importDirectory, importPlan, importTable } from '../../plans/service.ts';
import { startCycle } from '../../services/starts.ts';

const fixture = (name: string): URL => new URL(`../../fixtures/a-luoi/${name}`, import.meta.url);

export interface DemoLoaded {
  planId: string;
  year: number;
  cycleId: string;
}

/** Loads the demo when no plan exists yet; `undefined` when the data folder already holds one. */
export async function loadDemo(
  db: Db,
  client: Client,
  nowMs: number,
): Promise<DemoLoaded | undefined> {
  if (await anyPlanExists(db)) return undefined;

  await importDirectory(db, readDirectory(readFileSync(fixture('directory.json'), 'utf8'), 'json'));
  const plan = readPlanDefinition(readFileSync(fixture('plan.json'), 'utf8'), 'json');
  const year = Math.min(Math.max(localParts(nowMs).year, plan.period.from), plan.period.to);
  await importPlan(db, plan, false);
  await importTable(
    db,
    plan.id,
    { name: 'phan-cong.xlsx', bytes: readFileSync(fixture('phan-cong.xlsx')) },
    false,
  );
  // Deadlines already behind are recorded as history: one summary per agency, not a flood of
  // back-dated overdue notices and escalations into the newcomer's outbox.
  const input = StartCycle.parse({ planId: plan.id, year, past: 'history' });
  let cycleId: string;
  try {
    cycleId = await startCycle(client, input);
  } catch (err) {
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err;
    cycleId = err.workflowId;
  }
  return { planId: plan.id, year, cycleId };
}
