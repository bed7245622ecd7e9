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
      // Kysely begins transactions DEFERRED: one that reads, then writes while the other
      // process has written meanwhile fails at once with "database is locked" (the busy timeout
      // does not apply to that upgrade), a 500 found by test/fuzz/api.test.ts's sequences.
      // IMMEDIATE takes the write lock up front, waiting for it within the busy timeout.
      const stmt = db.prepare(/^\s*begin\s*$/i.test(sql) ? 'begin immediate' : sql);
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
