import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { DutyState } from '../common/duty-state.ts';
import { trackingColumns } from './tracking-columns.ts';
import type { Database } from './schema.ts';

// Migrations are append-only: a deployed database has run the earlier ones. Text columns
// throughout: PostgreSQL would otherwise refuse what the schemas allow and SQLite accepts.
export const migrations: Record<string, Migration> = {
  '0001_notifications_and_duties': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('notifications')
        .addColumn('idempotency_key', 'text', (c) => c.primaryKey())
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('step_kind', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notifications_workflow')
        .on('notifications')
        .column('workflow_id')
        .execute();
      await db.schema
        .createTable('duties')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('duty_id', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('lead_agency_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text', (c) => c.notNull())
        .addColumn('original_due_at', 'text', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('state_json', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('duties_status_due')
        .on('duties')
        .columns(['status', 'due_at'])
        .execute();
      await db.schema.createIndex('duties_lead').on('duties').column('lead_agency_id').execute();
    },
  },
  '0002_directory_plans': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('duty_agencies')
        .addColumn('duty_id', 'text', (c) => c.notNull())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('duty_agencies_pk', ['duty_id', 'agency_id', 'role'])
        .execute();
      await db.schema
        .createIndex('duty_agencies_agency')
        .on('duty_agencies')
        .columns(['agency_id', 'role'])
        .execute();
      await db.schema
        .createTable('localities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('parent_id', 'text')
        .execute();
      await db.schema
        .createTable('agencies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('level', 'text', (c) => c.notNull())
        .addColumn('locality_id', 'text', (c) => c.notNull())
        .addColumn('is_commune', 'integer', (c) => c.notNull())
        .addColumn('entry_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('plans')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('number', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('period_from', 'integer', (c) => c.notNull())
        .addColumn('period_to', 'integer', (c) => c.notNull())
        .addColumn('definition_json', 'text', (c) => c.notNull())
        .addColumn('table_json', 'text')
        .addColumn('standing_agency_id', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('plan_duties')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('duty_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_duties_pk', ['plan_id', 'ref'])
        .execute();
    },
  },
  '0003_tracking': {
    async up(db: Kysely<unknown>): Promise<void> {
      // What the matrix and the lists count by, kept in columns so they are answered by one
      // indexed query over the read model, never by asking each workflow.
      await db.schema.alterTable('duties').addColumn('report_ref', 'text').execute();
      await db.schema.alterTable('duties').addColumn('phase', 'text').execute();
      await db.schema.alterTable('duties').addColumn('submitted_at', 'text').execute();
      await db.schema
        .createIndex('duties_plan_period')
        .on('duties')
        .columns(['plan_id', 'period'])
        .execute();
      await db.schema.createIndex('duties_due').on('duties').column('due_at').execute();
      await db.schema
        .alterTable('notifications')
        .addColumn('delivery', 'text', (c) => c.notNull().defaultTo('sent'))
        .execute();
      await db.schema
        .createTable('agency_settings')
        .addColumn('agency_id', 'text', (c) => c.primaryKey())
        .addColumn('notify_mode', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('notification_optouts')
        .addColumn('email', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('calendar_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('agency_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await backfillTracking(db);
    },
  },
  '0004_users_sessions': {
    async up(db: Kysely<unknown>): Promise<void> {
      // Coordinators and viewers; agency users are whoever the directory names as contacts.
      await db.schema
        .createTable('users')
        .addColumn('email', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .execute();
      // The id is a hash of the cookie's token: a copy of the table opens no session.
      await db.schema
        .createTable('sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_expiry').on('sessions').column('expires_at').execute();
      // Signed links that may be used once: their id is written when they are used.
      await db.schema
        .createTable('link_uses')
        .addColumn('jti', 'text', (c) => c.primaryKey())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('files')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('workflow_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('uploaded_by', 'text', (c) => c.notNull())
        .addColumn('uploaded_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('files_workflow').on('files').column('workflow_id').execute();
      await db.schema.createIndex('files_sha256').on('files').column('sha256').execute();
      // An uploaded plan, table or directory between its dry run and the coordinator's "confirm".
      await db.schema
        .createTable('staged_imports')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text')
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_base64', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0005_plan_targets': {
    async up(db: Kysely<unknown>): Promise<void> {
      // A plan's per-locality targets for a year, as its targets table states them; counts
      // are whole households, rates percent (double precision: PostgreSQL's real would turn
      // 8.11 into 8.1099996).
      await db.schema
        .createTable('plan_targets')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('locality_id', 'text', (c) => c.notNull())
        .addColumn('row_no', 'integer', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('households', 'integer')
        .addColumn('poor', 'integer')
        .addColumn('poor_rate', 'double precision')
        .addColumn('near_poor', 'integer')
        .addColumn('near_poor_rate', 'double precision')
        .addColumn('reduction_target', 'double precision')
        .addColumn('lift_out', 'integer')
        .addPrimaryKeyConstraint('plan_targets_pk', ['plan_id', 'year', 'locality_id'])
        .execute();
      // One imported table per plan and year: its file, its stated total row and warnings,
      // and a hash of what it holds, so the same table again changes nothing.
      await db.schema
        .createTable('plan_target_sets')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_hash', 'text', (c) => c.notNull())
        .addColumn('columns_json', 'text', (c) => c.notNull())
        .addColumn('total_json', 'text')
        .addColumn('warnings_json', 'text', (c) => c.notNull())
        .addColumn('imported_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_target_sets_pk', ['plan_id', 'year'])
        .execute();
      // A targets table between its dry run on the plan's page and the coordinator's confirm.
      await db.schema
        .createTable('staged_targets')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('content_base64', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0006_fixed_tracking_and_locks': {
    async up(db: Kysely<unknown>): Promise<void> {
      // The facts that fix a duty's category (domain/tracking.ts fixedFacts): the first
      // submission, the deadline counted, the verdict, and the marks (extensions, returns).
      await db.schema.alterTable('duties').addColumn('first_submitted_at', 'text').execute();
      await db.schema.alterTable('duties').addColumn('counted_due_at', 'text').execute();
      await db.schema.alterTable('duties').addColumn('first_on_time', 'integer').execute();
      await db.schema.alterTable('duties').addColumn('marks', 'text').execute();
      // A closed period: its matrix as it stood when it was locked, answered ever after.
      await db.schema
        .createTable('period_locks')
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('period', 'text', (c) => c.notNull())
        .addColumn('locked_at', 'text', (c) => c.notNull())
        .addColumn('locked_by', 'text', (c) => c.notNull())
        .addColumn('locked_by_email', 'text', (c) => c.notNull())
        .addColumn('matrix_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('period_locks_pk', ['plan_id', 'period'])
        .execute();
      await backfillFixedFacts(db);
    },
  },
  '0007_retired_directory_entries': {
    async up(db: Kysely<unknown>): Promise<void> {
      // An agency or locality that plans, duties or history still name is retired, never
      // deleted: kept for what names it, skipped by the importer's matching and the pickers.
      await db.schema.alterTable('agencies').addColumn('retired_at', 'text').execute();
      await db.schema.alterTable('localities').addColumn('retired_at', 'text').execute();
    },
  },
  '0008_idempotency_keys': {
    async up(db: Kysely<unknown>): Promise<void> {
      // A creating POST sent again with the same Idempotency-Key (a retried script, a double
      // click) answers what the first one answered instead of creating a second record.
      await db.schema
        .createTable('idempotency_keys')
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('status', 'integer')
        .addColumn('response_json', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
        .execute();
    },
  },
  '0009_directory_history': {
    async up(db: Kysely<unknown>): Promise<void> {
      // A merged agency or locality (two communes joined in a reorganisation) is retired with
      // what it was merged into and when, so the directory still shows where it went.
      for (const table of ['agencies', 'localities']) {
        await db.schema.alterTable(table).addColumn('merged_into', 'text').execute();
        await db.schema.alterTable(table).addColumn('merged_at', 'text').execute();
      }
    },
  },
  '0010_simulation_jobs': {
    async up(db: Kysely<unknown>): Promise<void> {
      // A simulation runs on the worker for a minute or more: the job is recorded here, the
      // worker writes its progress and then its result, and the pages read them.
      await db.schema
        .createTable('simulation_jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('plan_id', 'text', (c) => c.notNull())
        .addColumn('year', 'integer', (c) => c.notNull())
        .addColumn('input_json', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('progress_json', 'text')
        .addColumn('result_json', 'text')
        .addColumn('error', 'text')
        .addColumn('requested_by', 'text', (c) => c.notNull())
        .addColumn('requested_at', 'text', (c) => c.notNull())
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('simulation_jobs_plan')
        .on('simulation_jobs')
        .columns(['plan_id', 'requested_at'])
        .execute();
    },
  },
};

/** Duties recorded before 0003 get their tracking columns from the state they hold. */
async function backfillTracking(db: Kysely<Database>): Promise<void> {
  const rows = await db.selectFrom('duties').select(['id', 'state_json']).execute();
  for (const row of rows) {
    // Only the columns 0003 adds: later ones do not exist yet when it runs.
    const { report_ref, phase, submitted_at } = trackingColumns(
      JSON.parse(row.state_json) as DutyState,
    );
    await db
      .updateTable('duties')
      .set({ report_ref, phase, submitted_at })
      .where('id', '=', row.id)
      .execute();
  }
}

/**
 * Duties recorded before 0006 get their fixed facts from the state they hold: its history
 * gives the first submission, each extension's decision instant and (since it is kept, or when
 * it was the last move) its date; the first submission's own verdict fills in what is lacking.
 */
async function backfillFixedFacts(db: Kysely<Database>): Promise<void> {
  const rows = await db.selectFrom('duties').select(['id', 'state_json']).execute();
  for (const row of rows) {
    const { first_submitted_at, counted_due_at, first_on_time, marks } = trackingColumns(
      JSON.parse(row.state_json) as DutyState,
    );
    await db
      .updateTable('duties')
      .set({ first_submitted_at, counted_due_at, first_on_time, marks })
      .where('id', '=', row.id)
      .execute();
  }
}
