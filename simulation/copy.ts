// The plan and the directory copied into the simulation's own database, moved to the shadow
// year: the first step of both simulations (simulate.ts on the workflows, pure.ts without).
import type { Db } from '../db/index.ts';
import { readPlanCopy, writePlanCopy } from '../db/simulations.ts';
import { shiftDates } from '../domain/holidays.ts';
import { shiftIso, shiftPeriod } from './shift.ts';

/** Copies the plan and the directory into the simulation's own database, moved `shift` years. */
export async function copyPlan(
  from: Db,
  to: Db,
  planId: string,
  year: number,
  shift: number,
  /** Instead of the plan's own delivery, to compare. */
  delivery?: 'digest' | 'single',
): Promise<void> {
  const copy = await readPlanCopy(from, planId);
  // The plan's own days off are dated: they move with the year like every other date.
  const definition = JSON.parse(copy.plan.definition_json) as {
    calendar?: { holidays?: string[]; makeUpWorkingDays?: string[] };
    escalationPolicy?: Record<string, unknown>;
  };
  if (delivery) definition.escalationPolicy = { ...definition.escalationPolicy, delivery };
  if (definition.calendar) {
    definition.calendar.holidays = shiftDates(definition.calendar.holidays ?? [], shift);
    definition.calendar.makeUpWorkingDays = shiftDates(
      definition.calendar.makeUpWorkingDays ?? [],
      shift,
    );
  }
  await writePlanCopy(to, {
    ...copy,
    plan: {
      ...copy.plan,
      definition_json: JSON.stringify(definition),
      period_from: copy.plan.period_from + shift,
      period_to: copy.plan.period_to + shift,
    },
    planDuties: copy.planDuties.map((row) => {
      const duty = JSON.parse(row.duty_json) as {
        instances: { period: string; dueAt: string; lastDay: string }[];
      };
      duty.instances = duty.instances
        .filter((i) => i.period.startsWith(String(year)))
        .map((i) => ({
          ...i,
          period: shiftPeriod(i.period, shift),
          dueAt: shiftIso(i.dueAt, shift),
        }));
      return { ...row, duty_json: JSON.stringify(duty) };
    }),
  });
}
