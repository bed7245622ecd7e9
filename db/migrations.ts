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
};
