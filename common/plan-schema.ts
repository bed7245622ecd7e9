// Plans and the agency directory, defined once with zod: the importer parses plan files and
// tables with these, the API validates with them, and the OpenAPI document is generated
// from them. Levels and groups are data, so a two-tier (province, commune) government and a
// three-tier one use the same code.
import { z } from 'zod';
import { Contact, EscalationPolicy, Supervisor, WorkCalendar } from './duty-schema.ts';
import type { MessageCode } from '../i18n/index.ts';

export const Slug = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'use lower-case letters, digits, dot, dash or underscore');

export const LocalDate = z.iso.date().describe('yyyy-mm-dd');

export const Locality = z.object({
  id: Slug,
  name: z.string().min(1).max(200),
  /** Level names are data: e.g. province, district, commune, village. */
  level: z.string().min(1).max(50),
  parentId: Slug.optional(),
});
export type Locality = z.infer<typeof Locality>;

export const DirectoryAgency = z.object({
  id: Slug,
  name: z.string().min(1).max(300),
  /** Other ways plans write the name: abbreviations, older names. */
  shortNames: z.array(z.string().min(1).max(200)).max(20).default([]),
  level: z.string().min(1).max(50),
  localityId: Slug,
  /** Communes' People's Committees form the group "UBND các xã, thị trấn". */
  isCommune: z.boolean().default(false),
  head: Contact,
  focalPoints: z.array(Contact).max(20).default([]),
  /** Who a late duty escalates to, when not the plan's supervisor (e.g. the steering-committee member in charge of a commune). */
  escalation: Supervisor.optional(),
});
export type DirectoryAgency = z.infer<typeof DirectoryAgency>;

export const Directory = z.object({
  localities: z.array(Locality).min(1).max(5000),
  agencies: z.array(DirectoryAgency).min(1).max(5000),
});
export type Directory = z.infer<typeof Directory>;

// A lead or coordinating cell lists agencies: a province's plan naming its 17 districts' People's
// Committees one by one is ~700 characters, so a cell may hold thousands (the matcher's work
// stays linear in the cell); one entry of a names list (relatedOffices) is a name or a short
// list of them.
export const MAX_AGENCY_CELL = 4000;
export const MAX_NAMES_ENTRY = 2000;

/** A row of the assignment table, or a duty written out in a plan file. */
export const PlanDuty = z.object({
  ref: z.string().min(1).max(20).describe('STT, e.g. "3" or "3.1"'),
  content: z.string().min(1).max(2000),
  lead: z
    .string()
    .min(1)
    .max(MAX_AGENCY_CELL)
    .describe('agency names and groups as the plan writes them, or an agency id'),
  coordinating: z.array(z.string().min(1).max(MAX_AGENCY_CELL)).max(300).default([]),
  product: z.string().min(1).max(2000),
  time: z
    .string()
    .min(1)
    .max(300)
    .describe('the time phrase as written, e.g. "trước ngày 20/6 hàng năm"'),
  /** The table's other columns (Ghi chú, Kinh phí, Nguồn vốn…), one "Header: value" a line. */
  notes: z.string().min(1).max(4000).optional(),
});
export type PlanDuty = z.infer<typeof PlanDuty>;

/** A project or sub-project heading: rows without agencies that hold other rows. */
export const PlanProject = z.object({
  ref: z.string().min(1).max(20),
  title: z.string().min(1).max(2000),
  parentRef: z.string().min(1).max(20).optional(),
});
export type PlanProject = z.infer<typeof PlanProject>;

export const PlanTarget = z.object({
  year: z.int().min(2000).max(2100),
  indicator: z.string().min(1).max(200),
  localityId: Slug.optional(),
  from: z.number().finite().optional(),
  value: z.number().finite(),
  unit: z.string().max(20).optional(),
  /** "còn dưới 12%": at most; when absent, a target below its `from` is an upper bound. */
  bound: z.enum(['at-most', 'at-least']).optional(),
});

export const PlanDefinition = z.object({
  id: Slug,
  number: z.string().min(1).max(100).describe('official number, e.g. 171/KH-UBND'),
  title: z.string().min(1).max(2000),
  issuer: z.string().min(1).max(300),
  issuedOn: LocalDate,
  programme: z.string().min(1).max(500),
  period: z
    .object({ from: z.int().min(2000).max(2100), to: z.int().min(2000).max(2100) })
    .refine((p) => p.from <= p.to, {
      message: 'the period must not end before it starts',
      params: { msg: 'validation.period-order' satisfies MessageCode },
    }),
  localityId: Slug.describe(
    'the locality the plan covers; "all communes" means the communes under it',
  ),
  standingAgency: z.string().min(1).max(300),
  supervisor: Supervisor,
  /** Agencies a plan calls "the related offices" (các phòng, ban ngành liên quan). */
  relatedOffices: z.array(z.string().min(1).max(MAX_NAMES_ENTRY)).max(300).default([]),
  escalationPolicy: EscalationPolicy.default(EscalationPolicy.parse({})),
  calendar: WorkCalendar.default(WorkCalendar.parse({})),
  projects: z.array(PlanProject).max(500).default([]),
  // One STT, one duty: the importer stores duties under (plan, STT), so a repeated STT failed
  // mid-write as a 500 (found by test/fuzz/importer.test.ts); it is refused here by its path.
  duties: z
    .array(PlanDuty)
    .max(2000)
    .default([])
    .superRefine((duties, ctx) => {
      const first = new Map<string, number>();
      duties.forEach((d, i) => {
        const j = first.get(d.ref);
        if (j === undefined) first.set(d.ref, i);
        else
          ctx.addIssue({
            code: 'custom',
            path: [i, 'ref'],
            message: `STT ${d.ref} appears twice (duties.${j} and duties.${i})`,
            params: {
              msg: 'validation.ref-twice' satisfies MessageCode,
              ref: d.ref,
              first: `duties.${j}`,
              second: `duties.${i}`,
            },
          });
      });
    }),
  targets: z.array(PlanTarget).max(5000).default([]),
  source: z.string().max(500).optional().describe('where the text comes from'),
});
export type PlanDefinition = z.infer<typeof PlanDefinition>;
