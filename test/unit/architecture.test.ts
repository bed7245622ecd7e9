// The layers of docs/architecture.md, checked on the source: SQL only in db/, route files
// short enough to read. A file that breaks a rule is named with the rule it breaks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const SKIP = new Set(['node_modules', 'test', 'test-results', '.git', 'tools', 'fixtures', 'data']);

function sources(dir = ROOT): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name) || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts')) out.push(relative(ROOT, p));
  }
  return out.sort();
}

/** Kysely's query builders and raw `sql` templates: what a query looks like in this code. */
const SQL = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto)\(|\bsql`|\bsql<[^>]*>`/;
/** A file that declares routes: express's router verbs on a router or app. */
const ROUTES = /\b(router|app|r)\.(get|post|put|delete|patch)\(\s*['"`]/;
const MAX_ROUTE_LINES = 250;

describe('the layers', () => {
  const files = sources();
  const text = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]));

  it('SQL is written only in db/', () => {
    const outside = files.filter((f) => !f.startsWith('db/') && SQL.test(text.get(f) ?? ''));
    expect(outside).toEqual([]);
  });

  it(`no file that declares routes is over ${MAX_ROUTE_LINES} lines`, () => {
    const long = files.filter((f) => {
      const t = text.get(f) ?? '';
      return ROUTES.test(t) && t.split('\n').length > MAX_ROUTE_LINES;
    });
    expect(long).toEqual([]);
  });

  it('use cases and views know nothing of express or the database driver', () => {
    const edge = files.filter(
      (f) =>
        (f.startsWith('use-cases/') || f.startsWith('api/web/views/')) &&
        /from 'express'|from 'kysely'|from 'pg'|from 'node:sqlite'/.test(text.get(f) ?? ''),
    );
    expect(edge).toEqual([]);
  });
});
