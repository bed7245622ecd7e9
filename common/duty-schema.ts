// The duty's shapes, defined once with zod: the API parses with them, the workflow and
// activities use the inferred types, and the OpenAPI document is generated from them.
import { z } from 'zod';
import { isDuration } from '../domain/duration.ts';
import { PHASES } from '../domain/phases.ts';
import type { MessageCode } from '../i18n/index.ts';

const id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[\p{L}\p{N}._~-]+$/u, 'use letters, digits, dot, dash, tilde or underscore');

export const isoDuration = z.string().refine(isDuration, {
  message: 'must be an ISO-8601 duration such as P7D, PT12H or PT30S',
  params: { msg: 'validation.iso-duration' satisfies MessageCode },
});

export const instant = z.iso
  .datetime({ offset: true })
  .describe('ISO-8601 date-time with an offset, e.g. 2026-06-20T00:00:00+07:00');

export const Contact = z.object({
  name: z.string().min(1).max(200),
  email: z.email(),
  lang: z.enum(['vi', 'en']).optional().describe('language of messages; Vietnamese when absent'),
});
export type Contact = z.infer<typeof Contact>;

export const Agency = z.object({
  id,
  name: z.string().min(1).max(300),
  head: Contact,
  focalPoints: z.array(Contact).max(20).default([]),
});
export type Agency = z.infer<typeof Agency>;

export const Supervisor = Contact.extend({
  title: z.string().min(1).max(200).describe('e.g. Chủ tịch UBND huyện'),
});
export type Supervisor = z.infer<typeof Supervisor>;

export const EscalationPolicy = z.object({
  remindBefore: z.array(isoDuration).max(10).default(['P7D', 'P3D', 'P1D']),
  urgeEvery: isoDuration.default('P3D'),
  maxUrges: z.int().min(0).max(30).default(5),
  escalateAfter: isoDuration.default('P10D'),
  contributionLead: isoDuration
    .default('P5D')
    .describe("coordinating agencies' contributions are due this long before the lead's deadline"),
  contributionRemindBefore: z.array(isoDuration).max(10).default(['P2D']),
  // No default here: a duty started without it (and every duty started before it existed)
  // keeps single messages; a plan's cycle fills in PLAN_DELIVERY (plans/cycle-duties.ts).
  delivery: z
    .enum(['digest', 'single'])
    .optional()
    .describe(
      "'digest': at most one morning message per person a day (the day's digest of what is due, " +
        'overdue, urged and decided); only escalations and manual urges go out singly, and each ' +
        "coordinating agency hears of its contribution once and is reminded once. 'single': a " +
        "message per step, as before. Absent: 'single' for a duty started alone; a plan's duties " +
        "get 'digest'",
    ),
});
export type EscalationPolicy = z.infer<typeof EscalationPolicy>;
/** What a plan's duties get when its escalation policy does not say. */
export const PLAN_DELIVERY = 'digest' satisfies EscalationPolicy['delivery'];

const localDate = z.iso.date().describe('local date yyyy-mm-dd');

export const WorkCalendar = z.object({
  officeHour: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be HH:mm')
    .nullable()
    .default('08:00'),
  holidays: z.array(localDate).max(400).default([]),
  makeUpWorkingDays: z.array(localDate).max(100).default([]),
});
export type WorkCalendar = z.infer<typeof WorkCalendar>;

export const Actor = z.object({
  name: z.string().min(1).max(200),
  agencyId: id,
});
export type Actor = z.infer<typeof Actor>;

export const StartDuty = z
  .object({
    planId: id,
    dutyId: id.describe('the STT of the row in the assignment table, e.g. 3.1'),
    period: id.describe('e.g. 2026, 2026-H1 or 2026-06'),
    title: z.string().min(1).max(2000),
    product: z.string().min(1).max(2000),
    planNumber: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe("the plan's official number, e.g. 171/KH-UBND, for the subject of messages"),
    timePhrase: z
      .string()
      .min(1)
      .max(4000)
      .optional()
      .describe('the deadline in the plan\'s words, e.g. "trước ngày 20/6 hàng năm"'),
    dueAt: instant,
    lead: Agency,
    coordinating: z.array(Agency).max(300).default([]),
    standing: Agency,
    supervisor: Supervisor,
    policy: EscalationPolicy.default(EscalationPolicy.parse({})),
    calendar: WorkCalendar.default(WorkCalendar.parse({})),
    cycle: z
      .object({
        id: z.string().min(1).max(300),
        phase: z.enum(PHASES),
        projectRef: z.string().max(100).optional(),
      })
      .optional()
      .describe('the annual cycle that started this duty, told of each change of status'),
    pastAsHistory: z
      .boolean()
      .optional()
      .describe(
        'for a deadline already past at the start: record the past as history (no overdue notice; urges and escalation counted from the start) instead of chasing at once',
      ),
  })
  .superRefine((duty, ctx) => {
    const ids = duty.coordinating.map((a) => a.id);
    ids.forEach((agencyId, i) => {
      if (agencyId === duty.lead.id) {
        ctx.addIssue({
          code: 'custom',
          path: ['coordinating', i, 'id'],
          message: 'the lead agency cannot also be a coordinating agency',
          params: { msg: 'validation.lead-also-coordinating' satisfies MessageCode },
        });
      } else if (ids.indexOf(agencyId) !== i) {
        ctx.addIssue({
          code: 'custom',
          path: ['coordinating', i, 'id'],
          message: `agency ${agencyId} is listed twice`,
          params: { msg: 'validation.agency-twice' satisfies MessageCode, agency: agencyId },
        });
      }
    });
  });
export type StartDuty = z.infer<typeof StartDuty>;

/**
 * What a cycle's launch did for a duty before starting it, so the duty's first workflow task
 * only has to set its first timer: the launch wrote the duty's first state (taken as of `at`)
 * to the read model, and its cycle counts it as `assigned` from the launch's result.
 */
export interface Launched {
  /** The instant the duty's first state was taken at: its assignment, as the read model has it. */
  at: string;
}

/**
 * The duty workflow's input: StartDuty, and `launched` from a cycle's launch. Kept out of
 * StartDuty's schema, so that no request to the API can claim what only the launch does.
 */
export type DutyInput = StartDuty & { launched?: Launched };

export const Attachment = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f-]{36}$/)
    .optional()
    .describe('the stored file, when uploaded through the web pages (GET /files/:id)'),
  name: z.string().min(1).max(255),
  contentType: z.string().min(1).max(100),
  size: z
    .int()
    .min(0)
    .max(50 * 1024 * 1024),
});

export const Indicators = z.record(z.string().min(1).max(100), z.number().finite()).default({});

export const Acknowledge = z.object({ actor: Actor, comment: z.string().max(2000).optional() });
export type Acknowledge = z.infer<typeof Acknowledge>;

export const Submit = z.object({
  actor: Actor,
  text: z.string().min(1).max(20_000),
  attachments: z.array(Attachment).max(20).default([]),
  indicators: Indicators,
  comment: z.string().max(2000).optional(),
});
export type Submit = z.infer<typeof Submit>;

export const Contribute = z.object({
  actor: Actor,
  text: z.string().min(1).max(20_000),
  indicators: Indicators,
});
export type Contribute = z.infer<typeof Contribute>;

export const RequestExtension = z.object({
  actor: Actor,
  newDueAt: instant,
  reason: z.string().min(1).max(2000),
});
export type RequestExtension = z.infer<typeof RequestExtension>;

export const DecideExtension = z.object({
  actor: Actor,
  grant: z.boolean(),
  comment: z.string().max(2000).optional(),
  newDueAt: instant.optional().describe('when granting, a date other than the one asked for'),
});
export type DecideExtension = z.infer<typeof DecideExtension>;

export const Review = z.discriminatedUnion('outcome', [
  z.object({
    actor: Actor,
    outcome: z.literal('accept'),
    comment: z.string().max(2000).optional(),
  }),
  z.object({
    actor: Actor,
    outcome: z.literal('return'),
    comment: z.string().min(1).max(2000),
    newDueAt: instant,
  }),
]);
export type Review = z.infer<typeof Review>;

export const UrgeNow = z.object({
  actor: Actor,
  comment: z.string().max(2000).optional().describe('a line added to the message'),
});
export type UrgeNow = z.infer<typeof UrgeNow>;

export const Cancel = z.object({ actor: Actor, reason: z.string().min(1).max(2000) });
export type Cancel = z.infer<typeof Cancel>;

export const ReassignLead = z.object({
  actor: Actor,
  lead: Agency,
  reason: z.string().min(1).max(2000),
});
export type ReassignLead = z.infer<typeof ReassignLead>;

/**
 * A coordinating agency replaced by the one it was merged into in the directory, or dropped
 * when that one already takes part in the duty (use-cases/directory.ts).
 */
export const ReplaceCoordinating = z.object({
  actor: Actor,
  from: id,
  to: Agency.optional().describe('absent: dropped, its successor already takes part'),
  reason: z.string().min(1).max(2000),
});
export type ReplaceCoordinating = z.infer<typeof ReplaceCoordinating>;
