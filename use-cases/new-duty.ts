// Starting a single duty outside a plan's cycle: POST /api/duties with the duty in full, or the
// coordinators' "new duty" page, which names a plan, agencies, a product and a deadline and
// takes the rest (standing agency, supervisor, policy, calendar) from the plan and directory.
// Both pass the same checks: every reference names something, the deadline within DUE_YEARS.
import { WorkflowNotFoundError } from '@temporalio/common';
import { type z } from 'zod';
import {
  instant,
  PLAN_DELIVERY,
  StartDuty,
  WorkCalendar,
  type Agency,
  type EscalationPolicy,
} from '../common/duty-schema.ts';
import type { DirectoryAgency } from '../common/plan-schema.ts';
import { recordNamedAgencies, unknownReferences } from '../db/agency-references.ts';
import { activeAgencies, plansForDuties } from '../db/duty-pages.ts';
import { localParts } from '../domain/local-time.ts';
import { render, type Lang } from '../i18n/index.ts';
import type { Principal } from '../api/principal.ts';
import { calendarForYear } from '../plans/national-calendar.ts';
import { startDuty } from '../services/starts.ts';
import { Refusal } from './refusal.ts';
import { mustCoordinate, type DutyDeps } from './duty-view.ts';

/** Years a duty's deadline may fall in, as plans' periods and the calendar run. */
export const DUE_YEARS = { min: 2000, max: 2100 } as const;

/** A new duty's deadline: an instant whose written year is within DUE_YEARS. */
export const DueAt = instant.refine(
  (v) => {
    const year = Number(v.slice(0, 4));
    return year >= DUE_YEARS.min && year <= DUE_YEARS.max;
  },
  {
    message: `the deadline must fall in the years ${DUE_YEARS.min} to ${DUE_YEARS.max}`,
    params: { msg: 'contract.due-years', ...DUE_YEARS },
  },
);
/** The JSON Schema pattern of DueAt's year check (api/openapi.ts adds it to the document). */
export const DUE_AT_PATTERN = '^(20\\d{2}|2100)-';

/** POST /api/duties: a duty as StartDuty has it, its deadline within DUE_YEARS. */
export const NewDuty = StartDuty.safeExtend({ dueAt: DueAt });
export type NewDuty = z.infer<typeof NewDuty>;

/**
 * Every reference of a new duty that names nothing, each with its field; nothing started.
 * `lang`: the reader's, for the issues listed in the refusal's details.
 */
async function checkReferences(deps: DutyDeps, input: StartDuty, lang: Lang): Promise<void> {
  const refs = await unknownReferences(deps.db, {
    planId: input.planId,
    agencies: [
      { path: 'lead.id', id: input.lead.id },
      ...input.coordinating.map((a, i) => ({ path: `coordinating.${i}.id`, id: a.id })),
      { path: 'standing.id', id: input.standing.id },
    ],
  });
  if (input.cycle) {
    const cycleId = input.cycle.id;
    const known =
      cycleId.startsWith('cycle:') &&
      (await deps.client.workflow
        .getHandle(cycleId)
        .describe()
        .then(
          () => true,
          (err: unknown) => {
            if (err instanceof WorkflowNotFoundError) return false;
            throw err;
          },
        ));
    if (!known)
      refs.push({ path: 'cycle.id', code: 'contract.unknown-cycle', params: { cycle: cycleId } });
  }
  if (refs.length === 0) return;
  const details = refs.map((r) => ({
    path: r.path,
    code: r.code,
    message: render(r.code, r.params as never, lang),
  }));
  const issues = details.map((d) => `${d.path}: ${d.message}`).join('; ');
  throw Refusal.of(
    'invalid',
    'unknown_reference',
    'contract.references-refused',
    { issues },
    details,
  );
}

/** Starts the duty; answers its id. Coordinators only (the API token is one). */
export async function createDuty(
  deps: DutyDeps,
  p: Principal,
  input: NewDuty,
  lang: Lang,
): Promise<{ id: string }> {
  mustCoordinate(p);
  const duty = NewDuty.parse(input);
  await checkReferences(deps, duty, lang);
  const id = await startDuty(deps.client, duty);
  await recordNamedAgencies(
    deps.db,
    id,
    duty.lead.id,
    duty.coordinating.map((a) => a.id),
  );
  return { id };
}

export interface DutyForm {
  planId: string;
  leadId: string;
  coordinatingIds: string[];
  title: string;
  product: string;
  /** The deadline as an instant (the page reads dd/mm/yyyy). */
  dueAt: string;
}

const asDutyAgency = (a: DirectoryAgency): Agency => ({
  id: a.id,
  name: a.name,
  head: a.head,
  focalPoints: a.focalPoints,
});

/**
 * A new duty from the page's few fields: the plan gives its standing agency, supervisor, policy
 * and calendar, the directory the agencies' contacts. An unknown plan or agency is refused.
 */
export async function draftDuty(deps: DutyDeps, p: Principal, form: DutyForm): Promise<NewDuty> {
  mustCoordinate(p);
  const [plans, agencies] = await Promise.all([plansForDuties(deps.db), activeAgencies(deps.db)]);
  const plan = plans.find((x) => x.id === form.planId);
  if (!plan) throw Refusal.of('invalid', 'unknown_reference', 'duty-pages.unknown-plan', {});
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const pick = (id: string): DirectoryAgency => {
    const a = byId.get(id);
    if (!a) throw Refusal.of('invalid', 'unknown_reference', 'duty-pages.unknown-agency', {});
    return a;
  };
  const lead = pick(form.leadId);
  // The standing agency may have been retired since the plan was imported: refused then too.
  const standing = pick(plan.standingAgencyId);
  const coordinating = [...new Set(form.coordinatingIds)]
    .filter((id) => id !== lead.id)
    .map((id) => asDutyAgency(pick(id)));
  const dueMs = Date.parse(form.dueAt);
  const year = localParts(dueMs).year;
  const def = plan.definition;
  const policy: EscalationPolicy = {
    ...def.escalationPolicy,
    // As a plan's cycle does (plans/cycle-duties.ts): one morning digest unless the plan says.
    delivery:
      (def.escalationPolicy as Partial<EscalationPolicy> | undefined)?.delivery ?? PLAN_DELIVERY,
  };
  return NewDuty.parse({
    planId: plan.id,
    // Its own key, apart from the plan's rows (their STT): "rieng-" and the moment it was made.
    dutyId: `rieng-${Date.now().toString(36)}`,
    period: String(year),
    title: form.title,
    product: form.product,
    planNumber: plan.number,
    dueAt: form.dueAt,
    lead: asDutyAgency(lead),
    coordinating,
    standing: asDutyAgency(standing),
    supervisor: lead.escalation ?? def.supervisor,
    policy,
    calendar: calendarForYear(
      WorkCalendar.parse((def.calendar as WorkCalendar | undefined) ?? {}),
      year,
    ),
  });
}
