// The importer's entry points where they were before use-cases/ (issue 14): kept for the
// scripts and tests that import them from here. The code lives in use-cases/import-plan.ts
// (plans, tables, the directory) and use-cases/plan-duty-time.ts; its SQL in db/plans.ts.
export {
  importDirectory,
  importPlan,
  importTable,
  type ImportOptions,
  type ImportResult,
  type PlanTable,
} from '../use-cases/import-plan.ts';
export { agencyRow } from '../db/plans.ts';
export { PlanDutyNotFound, setPlanDutyTime } from '../use-cases/plan-duty-time.ts';
