import type { ColumnType } from 'kysely';

/** Idempotency log: one row per (duty, ladder step, recipient) that was delivered. */
export interface NotificationTable {
  idempotency_key: string;
  workflow_id: string;
  step_kind: string;
  recipient: string;
  subject: string;
  message_id: string;
  sent_at: string;
  /** 'sent'; or 'digest' / 'opted-out' for a reminder held back by the recipient's choice. */
  delivery: ColumnType<string, string | undefined, string>;
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
  /** The report a group-led instance belongs to ("VII.1" for "VII.1~a-luoi.x"). */
  report_ref: string | null;
  /** The cycle phase, or the one the duty's words give. */
  phase: string | null;
  /** The latest submission while the product is in (submitted or accepted); null otherwise. */
  submitted_at: string | null;
  /** When the product first came in; a return does not undo it (domain/tracking.ts). */
  first_submitted_at: string | null;
  /** The deadline the category counts against; null only for rows not yet rewritten since 0006. */
  counted_due_at: string | null;
  /** 1 when the first submission met the counted deadline, 0 when not, null while none. */
  first_on_time: number | null;
  /** JSON array of marks (extended, extended-late, returned, reassigned), in order. */
  marks: string | null;
}

/** Which agencies a duty involves, and how: lists filter on it by role. */
export interface DutyAgencyTable {
  duty_id: string;
  agency_id: string;
  role: 'lead' | 'coordinating';
}

export interface LocalityTable {
  id: string;
  name: string;
  level: string;
  parent_id: string | null;
  /** Retired: kept for the history that names it, no longer offered or matched (0007). */
  retired_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Merged into this locality (retired with it), and when (0009). */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  merged_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface AgencyTable {
  id: string;
  name: string;
  level: string;
  locality_id: string;
  is_commune: number;
  /** The whole directory entry (contacts, short names, escalation) as JSON. */
  entry_json: string;
  updated_at: string;
  /** Retired: kept for the history that names it, never matched or assigned anew (0007). */
  retired_at: ColumnType<string | null, string | null | undefined, string | null>;
  /** Merged into this agency (retired with it), and when (0009). */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  merged_at: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface PlanTable {
  id: string;
  number: string;
  title: string;
  period_from: number;
  period_to: number;
  /** The checked plan file as imported, and a hash of it with the table: the same again changes nothing. */
  definition_json: string;
  /** The last assignment table imported for the plan (its projects and duties), if any. */
  table_json: string | null;
  /** The standing agency as the importer matched it in the directory. */
  standing_agency_id: string;
  content_hash: string;
  imported_at: string;
}

/** A plan's duty with its agencies resolved and its due instances computed. */
export interface PlanDutyTable {
  plan_id: string;
  ref: string;
  duty_json: string;
}

/** Per agency: single messages (the default) or one daily digest. */
export interface AgencySettingsTable {
  agency_id: string;
  notify_mode: 'single' | 'digest';
  updated_at: string;
}

/** People who asked for no non-critical reminders (critical notices still reach them). */
export interface NotificationOptoutTable {
  email: string;
  created_at: string;
}

/** Calendar feed tokens; only a hash is kept, so the database never holds a usable URL. */
export interface CalendarTokenTable {
  token_hash: string;
  agency_id: string;
  created_at: string;
  revoked_at: string | null;
}

/** Coordinators and viewers by email (lower case); agency users come from the directory. */
export interface UserTable {
  email: string;
  name: string;
  role: 'coordinator' | 'viewer';
  added_by: string;
  added_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie's token, hex. */
  id: string;
  email: string;
  /** The synchronizer token every form of this session carries. */
  csrf_token: string;
  created_at: string;
  expires_at: string;
}

/** Ids of signed links already used (sign-in, action links); kept until they expire. */
export interface LinkUseTable {
  jti: string;
  purpose: string;
  used_at: string;
  expires_at: string;
}

/** A file submitted with a duty; the bytes are at DATA_DIR/files/<sha256[0:2]>/<sha256>. */
export interface FileTable {
  id: string;
  sha256: string;
  workflow_id: string;
  /** The name as uploaded: shown and offered on download, never used as a path. */
  name: string;
  content_type: string;
  size: number;
  uploaded_by: string;
  uploaded_at: string;
}

export interface StagedImportTable {
  id: string;
  email: string;
  kind: 'directory' | 'plan' | 'table';
  plan_id: string | null;
  file_name: string;
  content_base64: string;
  created_at: string;
}

/** A plan's targets for one locality and year, from its per-locality targets table. */
export interface PlanTargetTable {
  plan_id: string;
  year: number;
  locality_id: string;
  /** The table's row, for messages; the name as the table wrote it. */
  row_no: number;
  name: string;
  households: number | null;
  poor: number | null;
  poor_rate: number | null;
  near_poor: number | null;
  near_poor_rate: number | null;
  reduction_target: number | null;
  lift_out: number | null;
}

/** The targets table imported for a plan and year: its total row, warnings and hash. */
export interface PlanTargetSetTable {
  plan_id: string;
  year: number;
  file_name: string;
  content_hash: string;
  columns_json: string;
  total_json: string | null;
  warnings_json: string;
  imported_at: string;
}

/** A targets table between its dry run and the coordinator's "confirm". */
export interface StagedTargetsTable {
  id: string;
  email: string;
  plan_id: string;
  year: number;
  file_name: string;
  content_base64: string;
  created_at: string;
}

/** A locked period of a plan: the matrix as it stood then, answered from then on. */
export interface PeriodLockTable {
  plan_id: string;
  period: string;
  locked_at: string;
  /** Who locked it: a person's name (or "API"), and the address they signed in with. */
  locked_by: string;
  locked_by_email: string;
  /** The matrix of the plan and period at the lock (db/tracking.ts Matrix). */
  matrix_json: string;
}

export interface IdempotencyKeyTable {
  /** Who sent it and to what: `<caller> <METHOD> <path>`. */
  scope: string;
  key: string;
  /** SHA-256 of the body: the same key with another body is a mistake, not a retry. */
  request_hash: string;
  /** Null while the first request is still being answered. */
  status: number | null;
  response_json: string | null;
  created_at: string;
}

/** A simulation of a plan's year, run by the worker as a job (0010). */
export interface SimulationJobTable {
  /** The business key: plan, its content and the simulation's input, hashed. */
  id: string;
  plan_id: string;
  year: number;
  input_json: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress_json: string | null;
  result_json: string | null;
  error: string | null;
  requested_by: string;
  requested_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface Database {
  idempotency_keys: IdempotencyKeyTable;
  simulation_jobs: SimulationJobTable;
  agency_settings: AgencySettingsTable;
  notification_optouts: NotificationOptoutTable;
  calendar_tokens: CalendarTokenTable;
  notifications: NotificationTable;
  duties: DutyTable;
  duty_agencies: DutyAgencyTable;
  localities: LocalityTable;
  agencies: AgencyTable;
  plans: PlanTable;
  plan_duties: PlanDutyTable;
  users: UserTable;
  sessions: SessionTable;
  link_uses: LinkUseTable;
  files: FileTable;
  staged_imports: StagedImportTable;
  period_locks: PeriodLockTable;
  plan_targets: PlanTargetTable;
  plan_target_sets: PlanTargetSetTable;
  staged_targets: StagedTargetsTable;
}
