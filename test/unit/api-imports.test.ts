// The API process is light: it records a simulation job and lets the worker run it, so it loads
// neither the simulation, nor a worker, nor the Java time-skipping test server's client. Checked
// twice: by walking the static imports from api/main.ts (type-only imports are erased; an
// inline `import { type X }` is not, it loads its module), and by loading api/app.ts in a
// fresh Node process that records every module it resolves.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const FORBIDDEN_DIRS = ['simulation/', 'worker/'];
const FORBIDDEN_PACKAGES = ['@temporalio/testing', '@temporalio/worker'];

/** The modules a file loads when it runs: every import and re-export but the type-only ones. */
function loadedSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly) {
      if (ts.isStringLiteral(node.moduleSpecifier)) out.push(node.moduleSpecifier.text);
    } else if (
      ts.isExportDeclaration(node) &&
      !node.isTypeOnly &&
      node.moduleSpecifier &&
      ts.isStringLiteral(node.moduleSpecifier)
    ) {
      out.push(node.moduleSpecifier.text);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      out.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

/** The package a bare specifier names: `@scope/name` or `name`. */
const packageOf = (spec: string): string =>
  spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec);

/** Every project file and package reached from `entry`, each with the chain that reached it. */
function walk(entry: string): { files: Map<string, string[]>; packages: Map<string, string[]> } {
  const files = new Map<string, string[]>([[entry, [entry]]]);
  const packages = new Map<string, string[]>();
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    const chain = files.get(file) ?? [];
    for (const spec of loadedSpecifiers(join(ROOT, file))) {
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) {
        const pkg = packageOf(spec);
        if (!packages.has(pkg)) packages.set(pkg, [...chain, spec]);
        continue;
      }
      const target = relative(ROOT, resolve(dirname(join(ROOT, file)), spec));
      if (!existsSync(join(ROOT, target)) || files.has(target)) continue;
      files.set(target, [...chain, target]);
      queue.push(target);
    }
  }
  return { files, packages };
}

describe('the API process', () => {
  it('imports neither the simulation, nor the worker, nor the test server (static imports)', () => {
    const { files, packages } = walk('api/main.ts');
    // The walk does reach what the API needs: the app, the pages, the use cases.
    expect([...files.keys()]).toEqual(
      expect.arrayContaining(['api/app.ts', 'api/web/index.ts', 'use-cases/simulation.ts']),
    );
    const reached = [
      ...[...files]
        .filter(([f]) => FORBIDDEN_DIRS.some((d) => f.startsWith(d)))
        .map(([, chain]) => chain.join(' → ')),
      ...[...packages]
        .filter(([p]) => FORBIDDEN_PACKAGES.includes(p))
        .map(([, chain]) => chain.join(' → ')),
    ];
    expect(reached).toEqual([]);
  });

  it('loads none of them when the app is loaded (every module Node resolves)', () => {
    const script = `
      import { registerHooks } from 'node:module';
      const seen = [];
      registerHooks({
        resolve(specifier, context, next) {
          const r = next(specifier, context);
          seen.push(r.url);
          return r;
        },
      });
      await import(${JSON.stringify(join(ROOT, 'api', 'app.ts'))});
      console.log(JSON.stringify(seen));
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const urls = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '[]') as string[];
    const project = `file://${ROOT}/`;
    // It did load the app and what it stands on.
    expect(urls.some((u) => u.endsWith('/api/app.ts'))).toBe(true);
    expect(urls.some((u) => u.includes('/node_modules/@temporalio/client/'))).toBe(true);
    const forbidden = urls.filter(
      (u) =>
        FORBIDDEN_DIRS.some((d) => u.startsWith(`${project}${d}`)) ||
        FORBIDDEN_PACKAGES.some((p) => u.includes(`/node_modules/${p}/`)),
    );
    expect(forbidden).toEqual([]);
  });
});
