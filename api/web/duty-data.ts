// Reading a duty and acting on it, the way the JSON API does (api/routes/duties.ts): the state
// from the workflow's query (the read model may lag a moment behind an action just taken),
// actions as workflow updates whose validators may refuse them with a reason.
import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError, type UpdateDefinition } from '@temporalio/common';
import type { DutyReceipt, DutyState } from '../../common/duty-state.ts';
import { getStateQuery } from '../../common/messages.ts';
import type { Db } from '../../db/index.ts';
import { HttpError, toHttpError } from '../errors.ts';

/** The duty's state, or undefined when no such duty exists. */
export async function loadDuty(
  client: Client,
  db: Db,
  workflowId: string,
): Promise<DutyState | undefined> {
  if (workflowId.length === 0 || workflowId.length > 300) return undefined;
  try {
    return await client.workflow.getHandle(workflowId).query(getStateQuery);
  } catch (err) {
    // A finished duty whose history the server has dropped, or a worker that is down: the
    // read model still knows it.
    const row = await db
      .selectFrom('duties')
      .select('state_json')
      .where('id', '=', workflowId)
      .executeTakeFirst();
    if (row) return JSON.parse(row.state_json) as DutyState;
    if (err instanceof WorkflowNotFoundError) return undefined;
    throw err;
  }
}

export type UpdateOutcome =
  | { ok: true; receipt: DutyReceipt }
  /** `tooSoon`: refused by a rate limit (a second "urge now" the same day), not by the state. */
  | { ok: false; reason: string; tooSoon?: boolean };

/** Runs an action; a refusal (validator, closed duty) is an outcome, anything else throws. */
export async function runDutyUpdate<A>(
  client: Client,
  workflowId: string,
  update: UpdateDefinition<DutyReceipt, [A]>,
  input: A,
): Promise<UpdateOutcome> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    return { ok: true, receipt: await handle.executeUpdate(update, { args: [input] }) };
  } catch (err) {
    if (err instanceof WorkflowNotFoundError) {
      // An update on a finished workflow is "not found" to Temporal; to the user it is closed.
      const description = await handle.describe().catch(() => undefined);
      if (!description) throw new HttpError(404, 'not_found', `No duty ${workflowId}`);
      return { ok: false, reason: 'The duty is closed' };
    }
    const http = toHttpError(err);
    // 409: the state refuses it; 429: too soon (a second "urge now" the same day).
    if (http.status === 409) return { ok: false, reason: http.message };
    if (http.status === 429) return { ok: false, reason: http.message, tooSoon: true };
    throw err;
  }
}

/** Agency id → name, for lists that hold ids only. */
export async function agencyNames(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('agencies').select(['id', 'name']).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
