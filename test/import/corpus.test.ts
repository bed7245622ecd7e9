// The import corpus: assignment tables ("PHÂN CÔNG NHIỆM VỤ") of province, district, town and
// commune plans, and a two-tier province → commune plan after the 2025 reform, in XLSX, CSV and
// Word, typed as real plans type them (fixtures/corpus/, made by scripts/make-corpus.ts). Each
// case goes through the HTTP API on its own SQLite database — directory, plan file, the table as
// a dry run and then for real, and its targets table where it has one — and what the API read is
// compared with what a civil servant reads in the table (expected.json). A failure lists every
// difference, one per line.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb, type Db } from '../../db/index.ts';
import {
  corpusCases,
  dutyDifferences,
  loadCase,
  targetDifferences,
  type ActualDuty,
  type CorpusCase,
} from '../support/corpus.ts';
import { listen } from '../support/http.ts';

const TOKEN = 'test-token-0123456789abcdef';

// POST /api/plans/:planId/targets/import (multipart file + year) is being written; until a route
// file declares it, the targets tests are listed as todo.
const ROUTES = new URL('../../api/routes/', import.meta.url);
const TARGETS_ROUTE = readdirSync(ROUTES).some((f) =>
  readFileSync(new URL(f, ROUTES), 'utf8').includes('/targets/import'),
);

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

/** The refusal's located problems, for a failure message. */
const problems = (a: Answer): string => {
  const error = a.body['error'] as
    { message?: string; details?: { at: string; message: string }[] } | undefined;
  if (!error) return '';
  return [error.message ?? '', ...(error.details ?? []).map((d) => `  ${d.at}: ${d.message}`)]
    .join('\n')
    .trim();
};

describe.each(corpusCases())('corpus case %s', (name) => {
  const c: CorpusCase = loadCase(name);
  const planRefs = new Set(
    (JSON.parse(c.plan.toString()) as { duties?: { ref: string }[] }).duties?.map((d) => d.ref) ??
      [],
  );
  let db: Db;
  let dir: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `corpus-${name}-`));
    db = await openDb({ sqliteFile: join(dir, 'app.db') });
    // Importing never talks to Temporal; a lazy connection is never opened.
    const client = new Client({ connection: Connection.lazy({ address: '127.0.0.1:1' }) });
    ({ server, base } = await listen(createApp({ client, db, apiToken: TOKEN })));
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await db?.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  async function call(method: string, path: string, body?: RequestInit['body'], type?: string) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { authorization: `Bearer ${TOKEN}`, ...(type ? { 'content-type': type } : {}) },
      ...(body === undefined ? {} : { body }),
    });
    const text = await res.text();
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      parsed = { text };
    }
    return { status: res.status, body: parsed };
  }
  const upload = (path: string, fields: Record<string, string>, file: CorpusCase['table']) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    form.set('file', new Blob([file.bytes]), file.name);
    return call('POST', path, form);
  };
  const importTable = (dryRun: boolean) =>
    upload(`/api/plans/import?dryRun=${dryRun}`, { planId: c.expected.planId }, c.table);
  const differences = (a: Answer) =>
    dutyDifferences(c.expected.duties, (a.body['duties'] ?? []) as ActualDuty[], planRefs);

  it('takes the directory and the plan file', async () => {
    const directory = await call('POST', '/api/directory', c.directory, 'application/json');
    expect(directory.status, problems(directory)).toBe(200);
    const plan = await call('POST', '/api/plans/import', c.plan, 'application/json');
    expect(plan.status, problems(plan)).toBe(201);
  });

  it(`reads ${c.table.name} in a dry run as a civil servant does, writing nothing`, async () => {
    const dry = await importTable(true);
    expect(dry.status, `${c.table.name} refused:\n${problems(dry)}`).toBe(200);
    expect(dry.body['outcome']).toBe('dry-run');
    const diffs = differences(dry);
    expect(diffs, `${name}, dry run of ${c.table.name}:\n${diffs.join('\n')}`).toEqual([]);
    const stored = await call('GET', `/api/plans/${c.expected.planId}`);
    expect((stored.body['duties'] as unknown[]).length, 'the dry run wrote duties').toBe(
      planRefs.size,
    );
  });

  it(`imports ${c.table.name} with the same duties, and the same file again changes nothing`, async () => {
    const real = await importTable(false);
    expect(real.status, `${c.table.name} refused:\n${problems(real)}`).toBe(200);
    expect(real.body['outcome']).toBe('updated');
    const diffs = differences(real);
    expect(diffs, `${name}, import of ${c.table.name}:\n${diffs.join('\n')}`).toEqual([]);

    const stored = await call('GET', `/api/plans/${c.expected.planId}`);
    const projects = ((stored.body['tableProjects'] ?? []) as { ref: string }[]).map((p) => p.ref);
    const missing = c.expected.projects.filter((p) => !projects.includes(p));
    expect(missing, `project rows not kept as projects (kept: ${projects.join(', ')})`).toEqual([]);

    const again = await importTable(false);
    expect(again.body['outcome']).toBe('unchanged');
  });

  const targets = c.expected.targets;
  if (targets && c.targets) {
    const title = `reads ${c.targets.name}: every locality's numbers, and the total that is not the sum of its rows`;
    if (!TARGETS_ROUTE) {
      it.todo(title);
    } else {
      const file = c.targets;
      it(title, async () => {
        const r = await upload(
          `/api/plans/${c.expected.planId}/targets/import`,
          { year: String(targets.year) },
          file,
        );
        expect([200, 201], `${file.name} refused:\n${problems(r)}`).toContain(r.status);
        const diffs = targetDifferences(targets, r.body);
        expect(diffs, `${name}, ${file.name}:\n${diffs.join('\n')}`).toEqual([]);
      });
    }
  }
});
