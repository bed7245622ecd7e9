import type { Actor, Agency, Contact, StartDuty } from './duty-schema.ts';

export type DutyStatus =
  'assigned' | 'acknowledged' | 'submitted' | 'accepted' | 'returned' | 'overdue' | 'cancelled';

/** States in which nothing more is expected of the lead agency. */
export const CLOSED_FOR_LEAD: readonly DutyStatus[] = ['submitted', 'accepted', 'cancelled'];
export const FINAL: readonly DutyStatus[] = ['accepted', 'cancelled'];

export type DutyAction =
  | 'assign'
  | 'acknowledge'
  | 'submit'
  | 'contribute'
  | 'request-extension'
  | 'grant-extension'
  | 'refuse-extension'
  | 'accept'
  | 'return'
  | 'cancel'
  | 'reassign-lead'
  | 'replace-coordinating'
  | 'become-overdue'
  | 'urge-now';

/** The actor of transitions the workflow makes by itself (a deadline passing). */
export const SYSTEM_ACTOR: Actor = { name: 'Hệ thống', agencyId: 'system' };

export interface Transition {
  at: string;
  actor: Actor;
  action: DutyAction;
  from: DutyStatus;
  to: DutyStatus;
  comment?: string;
  /**
   * The deadline this transition set (an extension granted, a product returned with a new
   * date), so that statistics can tell which deadline was in force when. Absent before it was kept.
   */
  dueAt?: string;
}

export interface Contribution {
  agencyId: string;
  agencyName: string;
  dueAt: string;
  contributedAt?: string;
  by?: Actor;
  text?: string;
  indicators?: Record<string, number>;
}

export interface SentNotification {
  stepId: string;
  kind: string;
  to: string[];
  cc: string[];
  scheduledAt: string;
  sentAt: string;
  /** Recipients not written to singly: their agency reads a daily digest, or they opted out. */
  held?: { email: string; delivery: 'digest' | 'opted-out' }[];
}

/** A message owed at once, not by the ladder's clock: a manual urge, a returned product. */
export interface Notice {
  id: string;
  kind:
    'urge-now' | 'returned' | 'submitted' | 'accepted' | 'extension-granted' | 'extension-refused';
  requestedAt: string;
  by: Actor;
  comment?: string;
}

export interface Submission {
  at: string;
  by: Actor;
  text: string;
  /** `id`: the stored file (GET /files/:id), when uploaded through the web pages. */
  attachments: { id?: string; name: string; contentType: string; size: number }[];
  indicators: Record<string, number>;
  late: boolean;
}

export interface ExtensionRequest {
  at: string;
  by: Actor;
  newDueAt: string;
  reason: string;
}

/** Everything the duty workflow knows; returned whole by the `getState` query. */
export interface DutyState {
  workflowId: string;
  /** Bumped on every change, so the read model never takes an older snapshot over a newer. */
  revision: number;
  planId: string;
  dutyId: string;
  period: string;
  title: string;
  product: string;
  /** The plan's official number and the deadline in its words, for messages (newer duties). */
  planNumber?: string;
  timePhrase?: string;
  lead: Agency;
  coordinating: Agency[];
  standing: Agency;
  supervisor: Contact & { title: string };
  status: DutyStatus;
  /** Set once: the deadline the plan gave, kept beside any extension. */
  originalDueAt: string;
  dueAt: string;
  /** Bumped when the ladder restarts (extension granted, product returned, lead reassigned). */
  generation: number;
  generationStartedAt: string;
  acknowledgedAt?: string;
  /** Every submission, the current one last; a returned product stays on record. */
  submissions: Submission[];
  extensionRequest?: ExtensionRequest;
  contributions: Contribution[];
  history: Transition[];
  notifications: SentNotification[];
  nextStep?: { id: string; kind: string; at: string };
  /** Notices waiting to be sent, oldest first; the workflow empties it. */
  outbox?: Notice[];
  policy: StartDuty['policy'];
  calendar: StartDuty['calendar'];
  cycle?: StartDuty['cycle'];
  /** Started after its deadline with the past recorded as history (domain/ladder.ts). */
  pastAsHistory?: true;
}

/**
 * What an action on a duty answers. Small on purpose: Temporal keeps every update's result in
 * the duty's history, and the whole state is one query away.
 */
export interface DutyReceipt {
  workflowId: string;
  status: DutyStatus;
  revision: number;
  dueAt: string;
}
