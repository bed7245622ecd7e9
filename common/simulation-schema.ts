// What a simulation of a plan's year takes and gives, shared by the worker that runs it
// (simulation/) and the API that records the job and shows its result, which must not load the
// simulation itself. Pure: zod and types only.
import { z } from 'zod';

/** How the simulated agencies behave; drawn per duty from a seeded generator, so a run repeats. */
export const Behaviour = z.object({
  seed: z.int().min(0).default(1),
  lateShare: z.number().min(0).max(1).default(0.2).describe('share of duties submitted late'),
  lateDays: z
    .tuple([z.int().min(1).max(60), z.int().min(1).max(60)])
    .default([3, 10])
    .describe('a late submission comes this many days after the deadline'),
  missingShare: z.number().min(0).max(1).default(0.05).describe('share never submitted'),
  extensionShare: z
    .number()
    .min(0)
    .max(1)
    .default(0.05)
    .describe('share asking for 14 more days (granted)'),
  allocation: z
    .string()
    .regex(/^[1-9]\d{0,17}$/)
    .default('1000000000')
    .describe('đồng allocated to each (sub-)project on 1 March'),
});
export type Behaviour = z.infer<typeof Behaviour>;

export const Simulate = z.object({
  year: z.int().min(2000).max(2100),
  behaviour: Behaviour.default(Behaviour.parse({})),
  delivery: z
    .enum(['digest', 'single'])
    .optional()
    .describe("instead of the plan's own delivery: 'single' shows what the budget saves"),
});
export type Simulate = z.infer<typeof Simulate>;

export interface TimelineRow {
  /** Local time of the real year, HH:mm dd/mm/yyyy. */
  at: string;
  /** ISO instant of the real year. */
  instant: string;
  duty: string;
  agency: string;
  event: string;
  detail: string;
  /** The people actually written to (a message held for a digest writes to nobody). */
  recipients?: string[];
}

/** Whose mail a figure counts: everybody, or the people of one role in the plan's duties. */
export interface MailFigures {
  /** People written to at least once. */
  people: number;
  /** Messages sent, one per recipient (digests included). */
  messages: number;
  /** The most messages one person got in one local day, and who and when. */
  maxPerPersonDay: number;
  busiest?: { email: string; day: string };
  /** The same, leaving out escalations and manual urges (the budget's exceptions). */
  maxPerPersonDayRoutine: number;
}

export type MailRole = 'lead' | 'coordinating' | 'standing' | 'supervisor';

/**
 * Who a person is across the plan, for the mail figures per kind of reader: an agency's head,
 * its focal point, an officer of the standing agency (the labour office), or the leader
 * late duties escalate to.
 */
export type PersonGroup = 'head' | 'focal' | 'standing' | 'supervisor';
export const PERSON_GROUPS: readonly PersonGroup[] = ['head', 'focal', 'standing', 'supervisor'];

export interface Person {
  name: string;
  /** The agency the directory lists them for (the first one, when several). */
  agency: string;
  groups: PersonGroup[];
}

/** How far a running simulation is, told now and then and kept with its job. */
export interface SimulationProgress {
  /** Starting the servers and the cycle, scripting the year, or reading what it did. */
  phase: 'starting' | 'running' | 'collecting';
  /** 0..1: the share of the simulated span (2 January to the last ladder's end) behind it. */
  share: number;
  /** The real-year instant the simulated clock has reached (ISO), once it runs. */
  at?: string;
  /** Duties of the year so far (commitments join when capital is allocated). */
  duties: number;
  /** Duties whose deadline has passed and whose scripted actions have all run. */
  dutiesDone: number;
  /** Scripted actions (submissions, reviews, extensions) run, and still to run. */
  actionsDone: number;
  actionsLeft: number;
}

export interface SimulationResult {
  planId: string;
  year: number;
  shadowYear: number;
  behaviour: Behaviour;
  summary: {
    duties: number;
    byStatus: Record<string, number>;
    notifications: Record<string, number>;
    submittedLate: number;
    neverSubmitted: number;
    extensionsGranted: number;
    /** What the year sends: 'digest' (the budget) or 'single', and its figures. */
    mail: MailFigures & {
      delivery: 'digest' | 'single';
      /** Messages per duty of the year. */
      perDuty: number;
      /** Messages sent, by kind (a digest is one kind). */
      byKind: Record<string, number>;
      /** A person with several roles counts in each. */
      byRole: Record<MailRole, MailFigures>;
    };
    /** Scripted actions a duty refused, with the reason it gave. */
    refusedActions: string[];
    elapsedMs: number;
  };
  /** Each duty of the year as it ended, in real dates. */
  duties: {
    id: string;
    title: string;
    product: string;
    lead: string;
    period: string;
    dueAt: string;
    originalDueAt: string;
    /** dd/mm/yyyy of the last allowed day. */
    lastDay: string;
    status: string;
    late: boolean;
    /** Each step's message, and everybody it was addressed to (written to, or held). */
    notifications: { kind: string; at: string; to: string[] }[];
  }[];
  timeline: TimelineRow[];
  /** Everybody the year wrote to, by lower-case address (older results lack it). */
  people?: Record<string, Person>;
}
