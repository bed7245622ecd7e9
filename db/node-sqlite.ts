// Kysely's SQLite dialect speaks the better-sqlite3 interface; Node's built-in `node:sqlite`
// is close enough that a thin adapter saves a native addon.
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

export function openNodeSqlite(file: string): SqliteDatabase {
  const db = new DatabaseSync(file);
  // WAL lets the API read while the worker writes; the busy timeout rides out short locks
  // between the two processes instead of failing a request.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  return {
    close: () => db.close(),
    prepare(sql: string): SqliteStatement {
      const stmt = db.prepare(sql);
      const params = (p: ReadonlyArray<unknown>): SQLInputValue[] => p as SQLInputValue[];
      return {
        reader: stmt.columns().length > 0,
        all: (p) => stmt.all(...params(p)),
        run: (p) => {
          const r = stmt.run(...params(p));
          return { changes: r.changes, lastInsertRowid: r.lastInsertRowid };
        },
        iterate: (p) => stmt.iterate(...params(p)),
      };
    },
  };
}
