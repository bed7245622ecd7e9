import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, PostgresDialect, SqliteDialect, sql, type Dialect } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import pg from 'pg';
import { migrations } from './migrations.ts';
import { openNodeSqlite } from './node-sqlite.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type { Database } from './schema.ts';

export interface DbConfig {
  /** `postgres://…`: PostgreSQL. Absent: the embedded SQLite file. */
  databaseUrl?: string | undefined;
  /** Path of the SQLite file (the embedded default). */
  sqliteFile: string;
}

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

function dialect(config: DbConfig): Dialect {
  if (config.databaseUrl) {
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: 10 });
    // When the server goes away (a crash, a restart, a failover) each connection emits an
    // error event, which unheard kills the process: the pool hears those of idle connections,
    // nobody those of connections in use. The query in flight fails on its own (its caller
    // retries), the pool drops the dead connection and opens another for the next query.
    pool.on('error', (err) => console.error(`database: idle connection lost (${err.message})`));
    pool.on('connect', (client) => {
      client.on('error', () => undefined);
    });
    return new PostgresDialect({ pool });
  }
  if (config.sqliteFile !== ':memory:') mkdirSync(dirname(config.sqliteFile), { recursive: true });
  return new SqliteDialect({ database: openNodeSqlite(config.sqliteFile) });
}

/** Opens the database and brings its schema up to date. */
export async function openDb(config: DbConfig): Promise<Db> {
  const db = new Kysely<Database>({ dialect: dialect(config) });
  const { error, results } = await new Migrator({ db, provider }).migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    await db.destroy();
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed: ${String(error)}`);
  }
  return db;
}

export async function pingDb(db: Db): Promise<void> {
  await sql`select 1`.execute(db);
}
