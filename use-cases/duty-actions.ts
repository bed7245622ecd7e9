// Acting on a duty: one function per intention, called by the JSON API (api/routes/duties.ts),
// the duty pages and the emailed action links alike. Each runs the duty workflow's update
// (common/messages.ts) and answers the duty as it now is, or throws a Refusal: not found,
// forbidden, closed, or the workflow's own coded refusal (domain/duty-rules.ts).
//
// Who acts: a script with the API token names the actor (any agency, as the API always let a
// coordinator's script do); a person acts for the agency their part in the duty gives them,
// worked out here from their rights, never taken from the form.
import { WorkflowNotFoundError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import type { z } from 'zod';
import {
  Acknowledge,
  Cancel,
  Contribute,
  DecideExtension,
  ReassignLead,
  RequestExtension,
  Review,
  Submit,
  UrgeNow,
  type Actor,
  type Agency,
} from '../common/duty-schema.ts';
import type { DutyReceipt, DutyState } from '../common/duty-state.ts';
import {
  acknowledgeUpdate,
  cancelUpdate,
  contributeUpdate,
  decideExtensionUpdate,
  getStateQuery,
  reassignLeadUpdate,
  requestExtensionUpdate,
  reviewUpdate,
  submitUpdate,
  urgeNowUpdate,
} from '../common/messages.ts';
import { agencyEntry } from '../db/duty-pages.ts';
import type { Principal } from '../api/principal.ts';
import { Refusal } from './refusal.ts';
import { dutyFor, noDuty, type DutyDeps } from './duty-view.ts';
import { workflowRefusal } from './workflow-refusal.ts';

export type { DutyDeps } from './duty-view.ts';
export { createDuty, draftDuty, NewDuty, DueAt, DUE_AT_PATTERN, DUE_YEARS } from './new-duty.ts';

/** An action's input: the update's payload on a duty, its actor named only by scripts. */
type ActionInput<T> = T extends unknown
  ? Omit<T, 'actor'> & { dutyId: string; actor?: Actor | undefined }
  : never;

/** The agency a person acts for in this action; who may not is refused. */
type Part = 'lead' | 'standing' | 'coordinator' | { coordinating: string | undefined };

const forbidden = (): Refusal => Refusal.of('forbidden', 'forbidden', 'duty-pages.not-for-you', {});

async function actorFor(
  deps: DutyDeps,
  p: Principal,
  input: { dutyId: string; actor?: Actor | undefined },
  part: Part,
): Promise<Actor> {
  if (input.actor) {
    // Only scripts name their actor: a person's form cannot act for another agency.
    if (p.via !== 'token') throw forbidden();
    return input.actor;
  }
  const { duty, rights } = await dutyFor(deps, p, input.dutyId);
  const as = (agencyId: string): Actor => ({ name: p.name.slice(0, 200), agencyId });
  if (part === 'lead') {
    if (!rights.lead) throw forbidden();
    return as(duty.lead.id);
  }
  if (part === 'standing') {
    if (!rights.standing) throw forbidden();
    return as(duty.standing.id);
  }
  if (part === 'coordinator') {
    // A coordinator cancels or reassigns on the standing agency's behalf, as the API does.
    if (!p.coordinator) throw forbidden();
    return as(duty.standing.id);
  }
  const agencyId = part.coordinating ?? rights.coordinatingIds[0];
  if (agencyId === undefined || !rights.coordinatingIds.includes(agencyId)) throw forbidden();
  return as(agencyId);
}

export interface ActionDone {
  receipt: DutyReceipt;
  /** The duty as it now is. */
  duty: DutyState;
}

/** Runs an update; a finished workflow is "closed", the validator's refusal stays coded. */
async function run<T>(
  deps: DutyDeps,
  dutyId: string,
  update: UpdateDefinition<DutyReceipt, [T]>,
  payload: T,
): Promise<ActionDone> {
  if (!dutyId.startsWith('duty:') || dutyId.length > 300) throw noDuty(dutyId);
  const handle = deps.client.workflow.getHandle(dutyId);
  let receipt: DutyReceipt;
  try {
    receipt = await handle.executeUpdate(update, { args: [payload] });
  } catch (err) {
    const refused = workflowRefusal(err);
    if (refused) throw refused;
    if (!(err instanceof WorkflowNotFoundError)) throw err;
    // An update on a finished workflow is "not found" to Temporal; to the user it is closed.
    const description = await handle.describe().catch(() => undefined);
    if (!description) throw noDuty(dutyId);
    const state = await handle.query(getStateQuery).catch(() => undefined);
    throw Refusal.of('conflict', 'closed', 'duty-rules.closed', {
      status: state?.status ?? description.status.name,
    });
  }
  return { receipt, duty: await handle.query(getStateQuery) };
}

/** Parses the whole payload with the update's own schema, then runs it. */
async function act<S extends z.ZodType>(
  deps: DutyDeps,
  p: Principal,
  input: { dutyId: string; actor?: Actor | undefined },
  part: Part,
  schema: S,
  update: UpdateDefinition<DutyReceipt, [z.output<S>]>,
  rest: object,
): Promise<ActionDone> {
  const actor = await actorFor(deps, p, input, part);
  const payload = schema.parse({ ...rest, actor });
  return run(deps, input.dutyId, update, payload);
}

/** The payload without the duty's id and the actor (set by actorFor). */
const without = <T extends { dutyId: string; actor?: Actor | undefined }>(
  input: T,
): Omit<T, 'dutyId' | 'actor'> => {
  const rest: Partial<T> = { ...input };
  delete rest.dutyId;
  delete rest.actor;
  return rest as Omit<T, 'dutyId' | 'actor'>;
};

export const acknowledge = (deps: DutyDeps, p: Principal, input: ActionInput<Acknowledge>) =>
  act(deps, p, input, 'lead', Acknowledge, acknowledgeUpdate, without(input));

export const submit = (deps: DutyDeps, p: Principal, input: ActionInput<Submit>) =>
  act(deps, p, input, 'lead', Submit, submitUpdate, without(input));

export const requestExtension = (
  deps: DutyDeps,
  p: Principal,
  input: ActionInput<RequestExtension>,
) => act(deps, p, input, 'lead', RequestExtension, requestExtensionUpdate, without(input));

/** `agencyId`: the coordinating agency a person contributes for (their first when absent). */
export const contribute = (
  deps: DutyDeps,
  p: Principal,
  input: ActionInput<Contribute> & { agencyId?: string | undefined },
) => {
  const { agencyId, ...rest } = without(input);
  return act(deps, p, input, { coordinating: agencyId }, Contribute, contributeUpdate, rest);
};

export const decideExtension = (
  deps: DutyDeps,
  p: Principal,
  input: ActionInput<DecideExtension>,
) => act(deps, p, input, 'standing', DecideExtension, decideExtensionUpdate, without(input));

/** Accept the submitted product, or return it with a comment and a new deadline. */
export const review = (deps: DutyDeps, p: Principal, input: ActionInput<Review>) =>
  act(deps, p, input, 'standing', Review, reviewUpdate, without(input));

export const urge = (deps: DutyDeps, p: Principal, input: ActionInput<UrgeNow>) =>
  act(deps, p, input, 'standing', UrgeNow, urgeNowUpdate, without(input));

export const cancel = (deps: DutyDeps, p: Principal, input: ActionInput<Cancel>) =>
  act(deps, p, input, 'coordinator', Cancel, cancelUpdate, without(input));

/**
 * Gives the duty to another lead agency: a script names the agency in full, a page by its id
 * in the directory (a retired or unknown one is refused).
 */
export async function reassign(
  deps: DutyDeps,
  p: Principal,
  input:
    | ActionInput<ReassignLead>
    | { dutyId: string; leadId: string; reason: string; actor?: undefined },
): Promise<ActionDone> {
  let lead: Agency;
  if ('leadId' in input) {
    const entry = await agencyEntry(deps.db, input.leadId);
    if (!entry || entry.retired) {
      throw Refusal.of('invalid', 'unknown_reference', 'duty-pages.unknown-agency', {});
    }
    const a = entry.agency;
    lead = { id: a.id, name: a.name, head: a.head, focalPoints: a.focalPoints };
  } else {
    lead = input.lead;
  }
  return act(deps, p, input, 'coordinator', ReassignLead, reassignLeadUpdate, {
    lead,
    reason: input.reason,
  });
}
