import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

// Migrations are append-only: a deployed database has run the earlier ones.
export const migrations: Record<string, Migration> = {
  '0001_notifications_and_duties': {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('notifications')
        .addColumn('idempotency_key', 'varchar(500)', (c) => c.primaryKey())
        .addColumn('workflow_id', 'varchar(300)', (c) => c.notNull())
        .addColumn('step_kind', 'varchar(50)', (c) => c.notNull())
        .addColumn('recipient', 'varchar(320)', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('message_id', 'varchar(300)', (c) => c.notNull())
        .addColumn('sent_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('notifications_workflow')
        .on('notifications')
        .column('workflow_id')
        .execute();
      await db.schema
        .createTable('duties')
        .addColumn('id', 'varchar(300)', (c) => c.primaryKey())
        .addColumn('plan_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('duty_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('period', 'varchar(100)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('lead_agency_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('status', 'varchar(20)', (c) => c.notNull())
        .addColumn('due_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('original_due_at', 'varchar(40)', (c) => c.notNull())
        .addColumn('revision', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
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
        .addColumn('duty_id', 'varchar(300)', (c) => c.notNull())
        .addColumn('agency_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('role', 'varchar(20)', (c) => c.notNull())
        .addPrimaryKeyConstraint('duty_agencies_pk', ['duty_id', 'agency_id', 'role'])
        .execute();
      await db.schema
        .createIndex('duty_agencies_agency')
        .on('duty_agencies')
        .columns(['agency_id', 'role'])
        .execute();
      await db.schema
        .createTable('localities')
        .addColumn('id', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(200)', (c) => c.notNull())
        .addColumn('level', 'varchar(50)', (c) => c.notNull())
        .addColumn('parent_id', 'varchar(100)')
        .execute();
      await db.schema
        .createTable('agencies')
        .addColumn('id', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(300)', (c) => c.notNull())
        .addColumn('level', 'varchar(50)', (c) => c.notNull())
        .addColumn('locality_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('is_commune', 'integer', (c) => c.notNull())
        .addColumn('entry_json', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('plans')
        .addColumn('id', 'varchar(100)', (c) => c.primaryKey())
        .addColumn('number', 'varchar(100)', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('period_from', 'integer', (c) => c.notNull())
        .addColumn('period_to', 'integer', (c) => c.notNull())
        .addColumn('definition_json', 'text', (c) => c.notNull())
        .addColumn('table_json', 'text')
        .addColumn('standing_agency_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
        .addColumn('imported_at', 'varchar(40)', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('plan_duties')
        .addColumn('plan_id', 'varchar(100)', (c) => c.notNull())
        .addColumn('ref', 'varchar(100)', (c) => c.notNull())
        .addColumn('duty_json', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('plan_duties_pk', ['plan_id', 'ref'])
        .execute();
    },
  },
};
