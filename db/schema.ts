import type { Generated } from 'kysely';

/** Idempotency log: one row per (duty, ladder step, recipient) that was delivered. */
export interface NotificationTable {
  idempotency_key: string;
  workflow_id: string;
  step_kind: string;
  recipient: string;
  subject: string;
  message_id: string;
  sent_at: string;
}

/** Read model of duties for lists and dashboards; the workflow is the source of truth. */
export interface DutyTable {
  id: string;
  plan_id: string;
  duty_id: string;
  period: string;
  title: string;
  lead_agency_id: string;
  status: string;
  due_at: string;
  original_due_at: string;
  revision: number;
  updated_at: string;
  state_json: string;
}

export interface MigrationRow {
  id: Generated<number>;
}

export interface Database {
  notifications: NotificationTable;
  duties: DutyTable;
}
