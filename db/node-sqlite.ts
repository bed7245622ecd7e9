// Kysely's SQLite dialect speaks the better-sqlite3 interface; Node's built-in `node:sqlite`
// is close enough that a thin adapter saves a native addon.
import { DatabaseSync, type SQLInputValue } from 'node:sqlite';
import type { SqliteDatabase, SqliteStatement } from 'kysely';

/** Compiled statements kept per connection (texts with long IN lists vary; the rest repeat). */
const STATEMENT_CACHE = 500;

export function openNodeSqlite(file: string): SqliteDatabase {
  const db = new DatabaseSync(file);
  // WAL lets the API read while the worker writes; the busy timeout rides out short locks
  // between the two processes instead of failing a request.
  db.exec('PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; PRAGMA foreign_keys = ON;');
  // Kysely prepares every query anew; in a morning's burst of reminders the worker spent longer
  // compiling the same few statements again than running them (a CPU profile, 0.87 s against
  // 0.67 s). A statement runs to completion within its call (node:sqlite is synchronous), so
  // one compiled statement per text serves every caller; only a stream keeps one open.
  const cache = new Map<string, SqliteStatement>();
  const compile = (sql: string): SqliteStatement => {
    const hit = cache.get(sql);
    if (hit) return hit;
    if (cache.size >= STATEMENT_CACHE) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    const made = prepare(sql);
    cache.set(sql, made);
    return made;
  };
  const prepare = (sql: string): SqliteStatement => {
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
      iterate: (p) => db.prepare(sql).iterate(...params(p)),
    };
  };
  return {
    close: () => db.close(),
    prepare: compile,
  };
}
