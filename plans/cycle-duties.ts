// A plan's duties for one year, as the duty workflow takes them: every instance whose period
// falls in the year, with the agencies' contacts from the directory and the plan's policy.
import {
  PLAN_DELIVERY,
  StartDuty,
  WorkCalendar,
  type Agency,
  type EscalationPolicy,
} from '../common/duty-schema.ts';
import type { DirectoryAgency, PlanDefinition } from '../common/plan-schema.ts';
import type { Db } from '../db/index.ts';
import { allAgencies, findPlan, planDuties } from '../db/plans.ts';
import type { NationalSource } from '../domain/holidays.ts';
import { phaseOf } from '../domain/phases.ts';
import { calendarForYear, nationalYear } from './national-calendar.ts';
import type { ResolvedDuty } from './resolve.ts';

export interface CycleDuties {
  plan: PlanDefinition;
  /** The calendar every duty of the year carries (the plan's days with the national ones). */
  calendar: PlanDefinition['calendar'];
  duties: StartDuty[];
  /** Capital-registration duties: the (sub-)projects allocations are recorded against. */
  projects: { ref: string; title: string; leadId: string; leadName: string }[];
}

const inYear = (period: string, year: number): boolean =>
  period === String(year) || period.startsWith(`${year}-`);

/** A plan names an agency the directory no longer has: its year cannot start. */
export class AgencyGone extends Error {
  readonly agencyId: string;
  readonly planId: string;
  constructor(agencyId: string, planId: string) {
    super(`agency "${agencyId}" of plan "${planId}" is no longer in the directory`);
    this.name = 'AgencyGone';
    this.agencyId = agencyId;
    this.planId = planId;
  }
}

/** Duty ids are path-safe: a group-expanded ref "VII.1/a-luoi.x" becomes "VII.1~a-luoi.x". */
export const dutyIdOf = (ref: string): string => ref.replace(/\//g, '~');

/** What a year's duties are made of: the stored plan, its resolved duties, the directory. */
export interface CycleSource {
  planId: string;
  definitionJson: string;
  standingAgencyId: string;
  resolved: readonly ResolvedDuty[];
  agencies: readonly DirectoryAgency[];
}

/** The stored plan's duties for `year`, read through db/plans.ts. */
export async function cycleDuties(
  db: Db,
  planId: string,
  year: number,
  cycleId: string,
  /** The national days off by year; a simulation passes the real year's, moved to its own. */
  national: NationalSource = nationalYear,
): Promise<CycleDuties> {
  const planRow = await findPlan(db, planId);
  if (!planRow) throw new Error(`no plan "${planId}"`);
  const source: CycleSource = {
    planId,
    definitionJson: planRow.definition_json,
    standingAgencyId: planRow.standing_agency_id,
    resolved: await planDuties(db, planId),
    agencies: await allAgencies(db),
  };
  return buildCycleDuties(source, year, cycleId, national);
}

/** A plan's duties for `year` as the duty workflow takes them. Pure. */
export function buildCycleDuties(
  source: CycleSource,
  year: number,
  cycleId: string,
  national: NationalSource = nationalYear,
): CycleDuties {
  const { planId, resolved } = source;
  const plan = JSON.parse(source.definitionJson) as PlanDefinition;
  // A plan's duties read one morning digest a day unless the plan asks for single messages
  // (plans stored before the choice existed included); every duty of the year, commitments
  // and ad hoc reports too, takes the policy from here.
  plan.escalationPolicy = {
    ...plan.escalationPolicy,
    delivery:
      (plan.escalationPolicy as Partial<EscalationPolicy> | undefined)?.delivery ?? PLAN_DELIVERY,
  };
  const agencies = new Map(source.agencies.map((a) => [a.id, a]));
  const agency = (id: string): DirectoryAgency => {
    const a = agencies.get(id);
    if (!a) throw new AgencyGone(id, planId);
    return a;
  };
  const asDutyAgency = (a: DirectoryAgency): Agency => ({
    id: a.id,
    name: a.name,
    head: a.head,
    focalPoints: a.focalPoints,
  });
  const standing = asDutyAgency(agency(source.standingAgencyId));
  // The plan's own days off (local ones) stay; the national ones of the years the ladder can
  // reach are added, so nobody is reminded on Tết whatever the plan typed.
  // (A plan stored before calendars existed has none: the defaults then.)
  const calendar = calendarForYear(
    WorkCalendar.parse((plan.calendar as WorkCalendar | undefined) ?? {}),
    year,
    national,
  );
  const duties: StartDuty[] = [];
  const projects: CycleDuties['projects'] = [];
  for (const d of resolved) {
    const phase = phaseOf(d);
    if (phase === 'capital-registration') {
      projects.push({ ref: d.ref, title: d.content, leadId: d.lead.id, leadName: d.lead.name });
    }
    for (const instance of d.instances.filter((i) => inYear(i.period, year))) {
      const lead = agency(d.lead.id);
      duties.push(
        StartDuty.parse({
          planId,
          dutyId: dutyIdOf(d.ref),
          period: instance.period,
          title: d.content,
          product: d.product,
          // For messages: the plan's number in the subject, the deadline in the plan's words.
          planNumber: plan.number,
          ...(d.time.trim() ? { timePhrase: d.time.trim().slice(0, 4000) } : {}),
          dueAt: instance.dueAt,
          lead: asDutyAgency(lead),
          coordinating: d.coordinating.map((c) => asDutyAgency(agency(c.id))),
          standing,
          supervisor: lead.escalation ?? plan.supervisor,
          policy: plan.escalationPolicy,
          calendar,
          cycle: {
            id: cycleId,
            phase,
            ...(phase === 'capital-registration' ? { projectRef: d.ref } : {}),
          },
        }),
      );
    }
  }
  return { plan, calendar, duties, projects };
}
