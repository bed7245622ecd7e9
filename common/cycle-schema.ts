// The annual cycle's shapes: what starts it, what coordinators record in it, what it reports.
import { z } from 'zod';
import type { DutyStatus } from './duty-state.ts';
import { Actor, instant, isoDuration } from './duty-schema.ts';
import type { Phase } from '../domain/phases.ts';
import type { MessageCode } from '../i18n/index.ts';

/** Whole đồng as a string of digits: money never passes through floating point. */
export const Dong = z
  .string()
  .regex(
    /^(0|[1-9]\d{0,17})$/,
    'must be a whole number of đồng written as digits, e.g. "1500000000"',
  );

export const CyclePolicy = z.object({
  commitmentAfterAllocation: isoDuration
    .default('P30D')
    .describe('the disbursement commitment is due this long after an allocation'),
  lagThreshold: z
    .number()
    .min(0)
    .max(1)
    .default(0.8)
    .describe('warn when cumulative disbursement falls below this share of the plan'),
});
export type CyclePolicy = z.infer<typeof CyclePolicy>;

/**
 * A year started after some of its deadlines: `chase` sends what those duties would have had
 * by now (the overdue notice, or at once the escalation); `history` records them as overdue
 * without back-dated messages, tells each lead agency once in a summary, and chases from the
 * start (domain/ladder.ts, pastIsHistory).
 */
export const PastDeadlines = z.enum(['chase', 'history']);
export type PastDeadlines = z.infer<typeof PastDeadlines>;

export const StartCycle = z.object({
  planId: z.string().min(1).max(100),
  year: z.int().min(2000).max(2100),
  policy: CyclePolicy.default(CyclePolicy.parse({})),
  // Optional rather than defaulted: cycles started before it carry no such field, and read
  // as `chase`, which is what they did.
  past: PastDeadlines.optional().describe(
    'duties whose deadline has passed at the start: chase them now (the default), or record the past as history',
  ),
});
export type StartCycle = z.infer<typeof StartCycle>;

export const RecordAllocation = z.object({
  actor: Actor,
  projectRef: z.string().min(1).max(100).describe('STT of the (sub-)project, e.g. "3.1"'),
  // An allocation of 0 passed the schema and was then refused by the cycle with 409.
  amount: Dong.refine((v) => v !== '0', 'an allocation must be more than 0 đồng'),
  decision: z
    .string()
    .max(200)
    .optional()
    .describe('the allocation decision, e.g. "Quyết định 123/QĐ-UBND"'),
  replace: z
    .boolean()
    .optional()
    .describe('replace the allocation recorded under the same decision instead of refusing it'),
});
export type RecordAllocation = z.infer<typeof RecordAllocation>;

export const ReportDisbursement = z.object({
  actor: Actor,
  projectRef: z.string().min(1).max(100),
  month: z.int().min(1).max(12),
  amount: Dong.describe('actual disbursement in the month'),
  replace: z
    .boolean()
    .optional()
    .describe("replace the month's figure already reported instead of refusing it"),
});
export type ReportDisbursement = z.infer<typeof ReportDisbursement>;

export const RequestAdHocReport = z.object({
  actor: Actor,
  title: z.string().min(1).max(2000).describe('e.g. Báo cáo đột xuất tình hình thiệt hại do bão'),
  product: z.string().min(1).max(2000),
  agencyIds: z
    .array(z.string().min(1).max(100))
    .min(1)
    .max(500)
    .refine((ids) => new Set(ids).size === ids.length, {
      message: 'an agency is listed twice',
      params: { msg: 'validation.agencies-repeat' satisfies MessageCode },
    }),
  dueAt: instant,
});
export type RequestAdHocReport = z.infer<typeof RequestAdHocReport>;

export const CloseYear = z.object({ actor: Actor, comment: z.string().max(2000).optional() });
export type CloseYear = z.infer<typeof CloseYear>;

/** What a duty tells its cycle each time its status changes. */
export interface DutyChanged {
  workflowId: string;
  phase: Phase;
  from: DutyStatus | null;
  to: DutyStatus;
  /** On submission: the indicator values (a commitment's month-by-month plan: m01…m12). */
  indicators?: Record<string, number>;
  projectRef?: string;
}

export interface ProjectMoney {
  ref: string;
  title: string;
  /** The lead agency's id. */
  lead: string;
  leadName: string;
  /** Allocations in the order recorded: parts and revisions both add a line. */
  allocations: { amount: string; at: string; by: string; decision?: string }[];
  allocated: string;
  /** The committed month-by-month plan (m01…m12), once the commitment is submitted. */
  monthlyPlan?: string[];
  disbursed: string[];
  /** Months for which a lag warning went out. */
  warned: number[];
}

export interface CycleState {
  cycleId: string;
  planId: string;
  year: number;
  status: 'launching' | 'running' | 'closed';
  policy: CyclePolicy;
  launchedAt?: string;
  launched: number;
  /** Per phase, how many duties are in each status. */
  phases: Partial<Record<Phase, Partial<Record<DutyStatus, number>>>>;
  projects: ProjectMoney[];
  closedAt?: string;
  /** Who closed the year and what they wrote (absent on cycles closed before they were kept). */
  closedBy?: Actor;
  closeComment?: string;
  /** Ad hoc report requests so far (each a set of duties "dot-xuat-<n>"). */
  adHocRequests: {
    ref: string;
    title: string;
    agencies: number;
    dueAt: string;
    at: string;
    error?: string;
  }[];
  /** How many times the cycle continued as new (its history is kept small). */
  runs: number;
  /** Started with the past recorded as history: how many lead agencies had a summary. */
  pastAsHistory?: { agencies: number; duties: number };
}
