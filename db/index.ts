import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { Migrator, type MigrationProvider } from 'kysely/migration';
import { migrations } from './migrations.ts';
import { openNodeSqlite } from './node-sqlite.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type { Database } from './schema.ts';

export interface DbConfig {
  /** Path of the SQLite file (the embedded default). */
  sqliteFile: string;
}

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Opens the database and brings its schema up to date. */
export async function openDb(config: DbConfig): Promise<Db> {
  if (config.sqliteFile !== ':memory:') mkdirSync(dirname(config.sqliteFile), { recursive: true });
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: openNodeSqlite(config.sqliteFile) }),
  });
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
