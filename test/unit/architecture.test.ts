// The layers of docs/architecture.md, checked on the source: SQL only in db/, route files
// short enough to read. A file that breaks a rule is named with the rule it breaks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
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

/** The files at the edge: the JSON API's routes, the pages' routes and the command line. */
const isEdge = (f: string): boolean =>
  f.startsWith('api/routes/') || /^api\/web\/[^/]+-routes\.ts$/.test(f) || f === 'scripts/cli.ts';

/** The source without its comments, so a comment that names a call is not taken for one. */
const withoutComments = (t: string): string =>
  t.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** `import`/`export … from` clauses: `type`, default, `* as x`, `{ a, type B }` or both. */
const FROM =
  /^\s*(?:import|export)\s+(type\s+)?((?:\w+\s*,\s*)?(?:\{[^}]*\}|\*(?:\s+as\s+\w+)?)|\w+)\s*from\s*['"]([^'"]+)['"]/gm;
const BARE = /^\s*import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

interface ValueImport {
  /** The imported module, from the repository's root (`db/duties.ts`). */
  module: string;
  /** The values named, or `*` for a namespace, default, bare or dynamic import. */
  names: string[];
}

/** What a file imports as values (types only are left out), each module from the root. */
function valueImports(file: string, source: string): ValueImport[] {
  const t = withoutComments(source);
  const resolve = (spec: string) =>
    spec.startsWith('.') ? normalize(join(dirname(file), spec)).replaceAll('\\', '/') : spec;
  const out: ValueImport[] = [];
  for (const m of t.matchAll(FROM)) {
    if (m[1]) continue;
    const clause = m[2] ?? '';
    const braces = /\{([^}]*)\}/.exec(clause);
    const named = (braces?.[1] ?? '')
      .split(',')
      .map((n) => n.trim())
      .filter((n) => n !== '' && !n.startsWith('type '))
      .map((n) => n.split(/\s+as\s+/)[0] ?? n);
    const whole = braces ? clause.slice(0, braces.index).replace(/[\s,]/g, '') : clause.trim();
    const names = [...(whole ? ['*'] : []), ...named];
    if (names.length > 0) out.push({ module: resolve(m[3] ?? ''), names });
  }
  for (const m of t.matchAll(BARE)) out.push({ module: resolve(m[1] ?? m[2] ?? ''), names: ['*'] });
  return out;
}

/** What an edge file does that only a use case may: SQL modules, workflow handles. */
function edgeBreaks(file: string, source: string): string[] {
  const breaks: string[] = [];
  for (const i of valueImports(file, source)) {
    if (!i.module.startsWith('db/')) continue;
    // A process opens its database; scripts/cli.ts is one.
    const opens = file === 'scripts/cli.ts' && i.module === 'db/index.ts';
    const names = opens ? i.names.filter((n) => n !== 'openDb') : i.names;
    if (names.length > 0) breaks.push(`${file} imports ${names.join(', ')} from ${i.module}`);
  }
  const code = withoutComments(source);
  if (/\bclient\.workflow\b/.test(code)) breaks.push(`${file} uses client.workflow`);
  if (/\bgetHandle\(/.test(code)) breaks.push(`${file} builds a workflow handle (getHandle)`);
  return breaks;
}

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

  it('the API, the pages and the command line reach the database and Temporal through use cases', () => {
    const breaks = files.filter(isEdge).flatMap((f) => edgeBreaks(f, text.get(f) ?? ''));
    expect(breaks).toEqual([]);
  });
});

describe('the edge rule reads imports as TypeScript does', () => {
  const at = 'api/routes/x.ts';
  it('names a value import from db/ and a workflow handle, with the file', () => {
    const source = [
      "import { listDuties, type DutyFilter } from '../../db/duties.ts';",
      "import * as users from '../../db/users.ts';",
      'const s = await client.workflow.getHandle(id).query(q);',
    ].join('\n');
    expect(edgeBreaks(at, source)).toEqual([
      'api/routes/x.ts imports listDuties from db/duties.ts',
      'api/routes/x.ts imports * from db/users.ts',
      'api/routes/x.ts uses client.workflow',
      'api/routes/x.ts builds a workflow handle (getHandle)',
    ]);
  });

  it('lets types, use cases, comments and the command line opening its database pass', () => {
    const source = [
      "import type { Db } from '../../db/index.ts';",
      "import { type DutyFilter } from '../../db/duties.ts';",
      "import { dutyList } from '../../use-cases/duty-view.ts';",
      '// never client.workflow.getHandle( here',
    ].join('\n');
    expect(edgeBreaks(at, source)).toEqual([]);
    expect(edgeBreaks('scripts/cli.ts', "import { openDb } from '../db/index.ts';")).toEqual([]);
    expect(edgeBreaks('scripts/cli.ts', "import { openDb, x } from '../db/index.ts';")).toEqual([
      'scripts/cli.ts imports x from db/index.ts',
    ]);
  });
});
