// Property-based tests of every API endpoint with generated malformed input, on a real SQLite
// file and a real Temporal dev server (endpoints that reach Temporal must meet a real one: an
// unreachable server would answer 5xx for the wrong reason). The endpoints are the app's own
// routes joined with the OpenAPI document, so a new endpoint is fuzzed without being listed.
// Bad JSON, wrong types, huge strings, odd path parameters, array and object query strings,
// invalid enums, odd numbers, broken multipart: the answer is never a 5xx, every 4xx is JSON
// with a message, a malformed input is never accepted, and nothing is written: not a row of
// the database, not a workflow or a schedule in Temporal.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openApiDocument } from '../../api/openapi.ts';
import { openDb, type Db } from '../../db/index.ts';
import { readDirectory, readPlanDefinition } from '../../plans/definition.ts';
import { importDirectory, importPlan, importTable } from '../../plans/service.ts';
import { startTestDevServer, type TestDevServer } from '../support/dev-server.ts';
import { anyText, fuzz, seedFor } from '../support/fuzz.ts';
import {
  brokenBody,
  exampleOf,
  bodyGuards,
  closeAgent,
  documentedQuery,
  listEndpoints,
  oddParam,
  queryString,
  send,
  streamBody,
  writes,
  type Answer,
  type Endpoint,
  type FuzzRequest,
} from '../support/fuzz-http.ts';
import {
  A_LUOI_PLAN_ID,
  dbFingerprint,
  fixtureBytes,
  fixtureText,
  materializeTable,
  materializeText,
  planEdits,
  planJson,
  tableFile,
  textFile,
  type TableFile,
  type TextRecipe,
} from '../support/fuzz-import.ts';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink.ts';
import { AGRI_SERVICES, AGRICULTURE, capitalRegistration, LABOUR } from '../support/fixtures.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';
import { importWorld, worldFiles } from '../support/contract-world.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.ts';

const TOKEN = 'fuzz-token-0123456789abcdef';
/** The plan of the live duty and of the stateful sequences' first checks. */
const LIVE_PLAN = '171-kh-ubnd';
const RUNS_PER_ENDPOINT = 60;

// The routes are read from an app built with deps that refuse to be used: building the app
// must not touch them, and the list is known before the tests are collected.
const refuse = new Proxy(
  {},
  {
    get() {
      throw new Error('createApp used its dependencies while being built');
    },
  },
);
const ENDPOINTS = listEndpoints(
  createApp({ client: refuse as Client, db: refuse as Db }),
  openApiDocument(),
);

/**
 * Ids of every kind the API knows, that exist (or name workflows that do not): only sent where
 * the body decides, and to every path parameter of another kind (404).
 */
const IDS = {
  plan: [A_LUOI_PLAN_ID],
  agency: ['a-luoi.phong-ldtbxh', 'a-luoi.ubnd-huyen'],
  locality: ['a-luoi', 'a-luoi.a-ngo'],
  duty: [`duty:${A_LUOI_PLAN_ID}:VII.1:2023`],
  cycle: [`cycle:${A_LUOI_PLAN_ID}:2023`],
  ref: ['VII.1'],
  period: ['2023', '2023-H1'],
  year: ['2024'],
  simulation: ['x1y2z3a4b5c6d7e8f9g0h1i2'],
} as const;
type Kind = keyof typeof IDS;
const KINDS = Object.keys(IDS) as Kind[];
const REAL_IDS: string[] = Object.values(IDS).flat();

/** What kind of id a path parameter takes, by where it sits. */
function kindOf(path: string, param: string): Kind {
  if (param === 'year') return 'year';
  if (param === 'ref') return 'ref';
  if (param === 'planId' || path.startsWith('/api/plans/')) return 'plan';
  if (path.startsWith('/api/duties/')) return 'duty';
  if (path.startsWith('/api/cycles/')) return 'cycle';
  if (path.startsWith('/api/agencies/')) return 'agency';
  if (path.startsWith('/api/localities/')) return 'locality';
  if (path.startsWith('/api/simulations/')) return 'simulation';
  throw new Error(`no kind for :${param} of ${path}`);
}

let dir: string;
let devServer: TestDevServer;
let connection: Connection;
let client: Client;
let db: Db;
let server: Server;
let port: number;
const logged: unknown[] = [];
const readAtAnswer = new Map<string, number>();
const tally = {
  requests: 0,
  byStatus: new Map<number, number>(),
  byEndpoint: new Map<string, Map<number, number>>(),
};

beforeAll(async () => {
  quietTemporalLogs();
  dir = mkdtempSync(join(tmpdir(), 'fuzz-api-'));
  devServer = await startTestDevServer();
  connection = await Connection.connect({ address: devServer.address });
  client = new Client({ connection });
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  await importDirectory(db, readDirectory(fixtureText('a-luoi/directory.json'), 'json'));
  await importPlan(db, readPlanDefinition(fixtureText('a-luoi/plan.json'), 'json'), false);
  await importTable(
    db,
    A_LUOI_PLAN_ID,
    { name: 'phan-cong.csv', bytes: fixtureBytes('a-luoi/phan-cong.csv') },
    false,
  );
  const app = createApp({ client, db, apiToken: TOKEN, log: (_msg, err) => logged.push(err) });
  server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  port = (server.address() as AddressInfo).port;
  // Server-side instrumentation for the size limits: what the server had read from the
  // connection when its answer was complete.
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    res.on('finish', () => readAtAnswer.set(req.url ?? '', req.socket.bytesRead));
  });
});

afterAll(async () => {
  closeAgent();
  await new Promise((resolve) => server?.close(resolve));
  await connection?.close();
  await db?.destroy();
  await devServer?.stop();
  rmSync(dir, { recursive: true, force: true });
  const statuses = (m: Map<number, number>) =>
    [...m]
      .sort(([a], [b]) => a - b)
      .map(([code, n]) => `${code}×${n}`)
      .join(' ');
  const lines = [...tally.byEndpoint].map(([e, m]) => `  ${e}: ${statuses(m)}`);
  console.log(
    `api fuzz: ${tally.requests} requests; ${statuses(tally.byStatus)}\n${lines.join('\n')}`,
  );
});

// ---------------------------------------------------------------------------------------
// Requests for one endpoint

const JSON_TYPES = fc.oneof(
  { weight: 6, arbitrary: fc.constant('application/json') },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'application/json; charset=utf-8',
      'APPLICATION/JSON',
      'application/json; charset=latin1',
      'application/json; charset=utf-16',
      'text/plain',
      'application/x-www-form-urlencoded',
      'application/yaml',
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'application/vnd.api+json',
      '',
    ),
  },
);

const BAD_JSON = fc.constantFrom(
  '{',
  '{"a":',
  '[1,]',
  'nul',
  '{"a":1}}',
  '\ufeff{}',
  "{'single': 'quotes'}",
  '{"a":"\\ud800"}',
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  `${'['.repeat(5000)}${']'.repeat(5000)}`,
  `{"a":${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}}`,
  '1e99999',
  '',
  '   ',
);

interface BodyCase {
  contentType?: string | undefined;
  contentEncoding?: string | undefined;
  text?: string | undefined;
  bytes?: Uint8Array | undefined;
  malformed: boolean;
  /** plans/import: forced to a dry run, since a generated file may be valid. */
  dryRunOnly?: boolean;
  /** A body that may be valid: sent only with made-up ids, which name nothing to write to. */
  madeUpIdsOnly?: boolean;
}

const encoder = new TextEncoder();

function multipart(
  parts: { name: string; filename?: string; text?: string; bytes?: Uint8Array }[],
  boundary: string,
): Uint8Array {
  const chunks: Uint8Array[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}`;
    chunks.push(encoder.encode(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n\r\n`));
    chunks.push(p.bytes ?? encoder.encode(p.text ?? ''));
    chunks.push(encoder.encode('\r\n'));
  }
  chunks.push(encoder.encode(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

const UPLOAD_FLAWS = [
  'no-boundary',
  'other-boundary',
  'cut',
  'two-files',
  'many-fields',
  'other-field',
  'no-plan-id',
  'made-up-plan-id',
  'odd-file-name',
] as const;
type UploadCase = {
  kind: 'upload';
  file: TableFile;
  /** At most one thing wrong with the form itself (the file may be wrong too). */
  flaw: (typeof UPLOAD_FLAWS)[number] | 'none';
  boundary: string;
  cutAt: number;
  text: string;
};
type PlanCase = { kind: 'plan'; recipe: TextRecipe };
type BodySpec = BodyCase | UploadCase | PlanCase;

/** Upload forms for POST /api/plans/import, real and broken, with the importer's files. */
const uploadCase: fc.Arbitrary<UploadCase> = fc.record({
  kind: fc.constant('upload' as const),
  file: tableFile,
  flaw: fc.oneof(
    { weight: 3, arbitrary: fc.constant('none' as const) },
    fc.constantFrom(...UPLOAD_FLAWS),
  ),
  boundary: fc.constantFrom('xYzZy', '----WebKitFormBoundary0123456789', 'a'.repeat(70), '--'),
  cutAt: fc.double({ min: 0, max: 1, noNaN: true }),
  text: anyText(30),
});

/** Plan files as JSON or YAML bodies of POST /api/plans/import. */
const planBodyCase: fc.Arbitrary<PlanCase> = textFile(planEdits).map((recipe) => ({
  kind: 'plan' as const,
  recipe,
}));

function bodyCases(e: Endpoint): fc.Arbitrary<BodySpec> {
  const broken = e.bodySchema
    ? fc.tuple(brokenBody(e.bodySchema), JSON_TYPES).map(([body, contentType]) => ({
        contentType,
        text: JSON.stringify(body),
        malformed: true,
      }))
    : fc
        .tuple(
          fc.oneof(
            fc.constant('{}'),
            fc.object({ maxDepth: 2 }).map((o) => JSON.stringify(o)),
            fc.constantFrom('[]', '42', '"x"', 'null', 'true'),
          ),
          JSON_TYPES,
        )
        .map(([text, contentType]) => ({ contentType, text, malformed: true }));
  const badJson = fc
    .tuple(BAD_JSON, fc.constantFrom('application/json', 'application/json; charset=utf-8'))
    .map(([text, contentType]) => ({ contentType, text, malformed: true }));
  const badEncoding = fc
    .tuple(fc.constantFrom('gzip', 'deflate', 'br', 'x-unknown', 'gzip, gzip'), BAD_JSON)
    .map(([contentEncoding, text]) => ({
      contentType: 'application/json',
      contentEncoding,
      text,
      malformed: true,
    }));
  const cases: fc.Arbitrary<BodySpec>[] = [broken, broken, broken, badJson, badEncoding];
  if (e.multipart) cases.push(uploadCase, uploadCase, planBodyCase);
  if (e.bodySchema && e.params.length > 0) {
    // So the request gets past validation and meets Temporal or the database with an id
    // that names nothing.
    const example = JSON.stringify(exampleOf(e.bodySchema));
    cases.push(
      fc.constant({
        contentType: 'application/json',
        text: example,
        malformed: false,
        madeUpIdsOnly: true,
      }),
    );
  }
  return fc.oneof(...cases);
}

async function materializeBody(c: BodySpec): Promise<BodyCase> {
  if (!('kind' in c)) return c;
  if (c.kind === 'plan') {
    const file = materializeText(c.recipe, planJson);
    return {
      contentType: file.format === 'yaml' ? 'application/yaml' : 'application/json',
      text: file.text,
      malformed: false,
      dryRunOnly: true,
    };
  }
  const table = await materializeTable(c.file);
  const f = c.flaw;
  const planId = f === 'made-up-plan-id' ? c.text : A_LUOI_PLAN_ID;
  const file = {
    name: f === 'other-field' ? 'upload' : 'file',
    filename:
      f === 'odd-file-name' ? c.text.replace(/["\r\n]/g, '_') : table.name.replace(/["\r\n]/g, '_'),
    bytes: table.bytes,
  };
  const parts = [
    ...(f === 'no-plan-id' ? [] : [{ name: 'planId', text: planId }]),
    ...(f === 'many-fields'
      ? Array.from({ length: 6 }, (_, i) => ({ name: `f${i}`, text: 'x' }))
      : []),
    file,
    ...(f === 'two-files' ? [file] : []),
  ];
  let bytes = multipart(parts, c.boundary);
  if (f === 'cut') bytes = bytes.slice(0, Math.floor(c.cutAt * bytes.length));
  const contentType =
    f === 'no-boundary'
      ? 'multipart/form-data'
      : `multipart/form-data; boundary=${f === 'other-boundary' ? 'elsewhere' : c.boundary}`;
  return { contentType, bytes, malformed: false, dryRunOnly: true };
}

interface Plan {
  params: string[];
  query: string;
  body: BodySpec;
  auth: 'token' | 'none' | 'wrong';
  withBody: boolean;
}

function requestPlans(e: Endpoint): fc.Arbitrary<Plan> {
  // A real id goes only where a malformed body decides that nothing is written, or to reads.
  const mayBeReal = !writes(e) || bodyGuards(e);
  const paramsFor = (body: BodySpec) => {
    const real = mayBeReal && !('madeUpIdsOnly' in body && body.madeUpIdsOnly);
    const param = real ? fc.oneof(fc.constantFrom(...REAL_IDS), oddParam) : oddParam;
    return fc.tuple(...e.params.map(() => param)).map((ps) => [...ps]);
  };
  const paramsAndBody = bodyCases(e).chain((body) =>
    paramsFor(body).map((params) => ({ params, body })),
  );
  return fc
    .record({
      paramsAndBody,
      // Writes mostly without a query, so their bodies are what is judged.
      query: fc.oneof(
        { weight: writes(e) ? 3 : 1, arbitrary: fc.constant('') },
        queryString([...e.query.map((q) => q.name), ...(writes(e) ? [] : ['format'])]),
        // Reads also get queries that pass validation, so their answers (JSON, XLSX, CSV)
        // are reached with odd values in the fields validation lets through.
        ...(writes(e) ? [] : [documentedQuery(e.query, REAL_IDS)]),
      ),
      auth: fc.oneof(
        { weight: 12, arbitrary: fc.constant('token' as const) },
        { weight: 1, arbitrary: fc.constantFrom('none' as const, 'wrong' as const) },
      ),
      // Reads get a body now and then; writes always.
      withBody: writes(e)
        ? fc.constant(true)
        : fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, fc.constant(true)),
    })
    .map(({ paramsAndBody, ...rest }) => ({ ...paramsAndBody, ...rest }));
}

async function buildRequest(e: Endpoint, plan: Plan): Promise<FuzzRequest> {
  let i = 0;
  const path = e.path.replace(/:\w+/g, () => plan.params[i++] ?? 'x');
  const body = await materializeBody(plan.body);
  let query = plan.query;
  if (body.dryRunOnly) {
    // A generated plan or table may be valid: it is shown, never written.
    query = `dryRun=true${query ? `&${query}` : ''}`;
  }
  const headers: Record<string, string> = {};
  if (plan.auth === 'token') headers['authorization'] = `Bearer ${TOKEN}`;
  if (plan.auth === 'wrong') headers['authorization'] = `Bearer ${TOKEN}x`;
  const withBody = plan.withBody;
  if (withBody && body.contentType) headers['content-type'] = body.contentType;
  if (withBody && body.contentEncoding) headers['content-encoding'] = body.contentEncoding;
  return {
    method: e.method,
    target: `${path}${query ? `?${query}` : ''}`,
    headers,
    body: withBody ? (body.bytes ?? encoder.encode(body.text ?? '')) : undefined,
    malformed: writes(e) && body.malformed,
  };
}

// ---------------------------------------------------------------------------------------
// What every answer must be

/** FUZZ_TRACE=<part of an endpoint's name> prints each answer that endpoint gives. */
function trace(name: string, r: FuzzRequest, a: Answer): void {
  const wanted = process.env['FUZZ_TRACE'];
  if (!wanted || !name.includes(wanted)) return;
  const head = `${r.target.slice(0, 100)} [${r.headers['content-type'] ?? ''}]`;
  console.log(`${a.status} ${a.body.toString('utf8', 0, 200)} <- ${head}`);
}

const describeRequest = (r: FuzzRequest, a: Answer): string =>
  `${r.method} ${r.target.slice(0, 300)} [${r.headers['content-type'] ?? ''}] ` +
  `body ${Buffer.from(r.body ?? []).toString('utf8', 0, 300)} -> ${a.status} ${a.body.toString('utf8', 0, 500)}`;

function expectWellAnswered(name: string, r: FuzzRequest, a: Answer): void {
  tally.requests++;
  tally.byStatus.set(a.status, (tally.byStatus.get(a.status) ?? 0) + 1);
  const mine = tally.byEndpoint.get(name) ?? new Map<number, number>();
  mine.set(a.status, (mine.get(a.status) ?? 0) + 1);
  tally.byEndpoint.set(name, mine);
  const what = describeRequest(r, a);
  expect(a.status, what).toBeLessThan(500);
  if (a.status >= 400) {
    expect(a.headers['content-type'] ?? '', what).toMatch(/^application\/json/);
    const error = (
      JSON.parse(a.body.toString('utf8')) as { error?: { code?: unknown; message?: unknown } }
    ).error;
    expect(typeof error?.code, what).toBe('string');
    expect(typeof error?.message, what).toBe('string');
    expect(String(error?.message).trim(), what).not.toBe('');
  } else if (r.malformed) {
    expect.fail(`a malformed request was accepted: ${what}`);
  }
  expect(
    ({} as Record<string, unknown>)['polluted'],
    'Object.prototype was polluted',
  ).toBeUndefined();
}

async function nothingInTemporal(): Promise<void> {
  const { count } = await client.workflow.count();
  expect(count, 'a workflow was started').toBe(0);
  const schedules: string[] = [];
  for await (const s of client.schedule.list()) schedules.push(s.scheduleId);
  expect(schedules, 'a schedule was created').toEqual([]);
}

// ---------------------------------------------------------------------------------------

describe('every API endpoint on generated malformed input', () => {
  it('finds the endpoints, and the OpenAPI document has every one of them', () => {
    expect(ENDPOINTS.length).toBeGreaterThan(20);
    const undocumented = ENDPOINTS.filter((e) => !e.documented).map((e) => `${e.method} ${e.path}`);
    expect(undocumented, 'routes missing from the OpenAPI document').toEqual([]);
  });

  // Every path parameter gets ids of every other kind (a plan's id where a duty's goes, a
  // cycle's where an agency's goes…), with a well-formed body: the answer is 404, nothing else.
  const withIds = ENDPOINTS.filter((e) => e.params.some((p) => p !== 'year'));
  it.each(withIds.map((e) => [`${e.method} ${e.path}`, e] as const))(
    '%s: an id of another kind is 404, and nothing is written',
    async (name, e) => {
      const before = await dbFingerprint(db);
      const kinds = e.params.map((p) => kindOf(e.path, p));
      // A year stays a year (another value is a 400 of its own); every other parameter gets
      // any kind, at least one of them a wrong one.
      const choice = fc
        .tuple(...kinds.map((k) => (k === 'year' ? fc.constant(k) : fc.constantFrom(...KINDS))))
        .filter((chosen) => chosen.some((c, i) => c !== kinds[i]))
        .chain((chosen) =>
          fc.tuple(fc.constant(chosen), fc.tuple(...chosen.map((c) => fc.constantFrom(...IDS[c])))),
        );
      await fc.assert(
        fc.asyncProperty(choice, async ([, ids]) => {
          let i = 0;
          const target = e.path.replace(/:\w+/g, () => encodeURIComponent(ids[i++] ?? 'x'));
          const body = e.bodySchema ? JSON.stringify(exampleOf(e.bodySchema)) : undefined;
          const request: FuzzRequest = {
            method: e.method,
            target,
            headers: {
              authorization: `Bearer ${TOKEN}`,
              ...(body ? { 'content-type': 'application/json' } : {}),
            },
            body: body ? encoder.encode(body) : undefined,
            malformed: false,
          };
          const answer = await send(port, request);
          trace(name, request, answer);
          expect(answer.status, describeRequest(request, answer)).toBe(404);
          expect(errorOf(answer.body).code).toBe('not_found');
        }),
        fuzz(12, { seed: seedFor(`wrong-kind ${name}`) }),
      );
      expect(await dbFingerprint(db)).toBe(before);
    },
  );

  it.each(ENDPOINTS.map((e) => [`${e.method} ${e.path}`, e] as const))(
    '%s: never a 5xx, every 4xx JSON with a message, malformed never accepted, nothing written',
    { timeout: 120_000 },
    async (name, e) => {
      logged.length = 0;
      const before = await dbFingerprint(db);
      await fc.assert(
        fc.asyncProperty(requestPlans(e), async (plan) => {
          const request = await buildRequest(e, plan);
          const answer = await send(port, request);
          trace(name, request, answer);
          expectWellAnswered(name, request, answer);
          expect(await dbFingerprint(db), `written by ${describeRequest(request, answer)}`).toBe(
            before,
          );
        }),
        fuzz(RUNS_PER_ENDPOINT, { seed: seedFor(name) }),
      );
      expect(logged, 'the error middleware logged a failure').toEqual([]);
    },
  );

  it('left nothing in Temporal', async () => {
    await nothingInTemporal();
  });
});

// ---------------------------------------------------------------------------------------
// Size limits: a JSON or YAML body over 1 MB, a file over 5 MB

const MB = 1024 * 1024;
const errorOf = (body: Buffer) =>
  (JSON.parse(body.toString('utf8')) as { error: { code: string; message: string } }).error;
const BOUNDARY = 'fuzz-boundary';
const uploadHead = encoder.encode(
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="planId"\r\n\r\n${A_LUOI_PLAN_ID}\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="phan-cong.csv"\r\n\r\n`,
);

describe('oversized bodies and files are refused early', () => {
  it('answers a 50 MB JSON body with 413 before reading it', async () => {
    const path = `/api/duties?oversized=${Date.now()}`;
    const answer = await streamBody(port, {
      path,
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      head: encoder.encode('{"title":"'),
      total: 50 * MB,
      declareLength: true,
    });
    expect(answer.status).toBe(413);
    expect(errorOf(answer.body)).toMatchObject({ code: 'too_large' });
    // The server had read no more than the limit; the client was far from done sending.
    expect(readAtAnswer.get(path)).toBeLessThan(1 * MB);
    expect(answer.writtenAtAnswer).toBeLessThan(25 * MB);
  });

  it('answers a 50 MB upload with 413 before reading it', async () => {
    const path = `/api/plans/import?dryRun=true&oversized=${Date.now()}`;
    const answer = await streamBody(port, {
      path,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      head: uploadHead,
      total: 50 * MB,
      declareLength: true,
    });
    expect(answer.status).toBe(413);
    expect(errorOf(answer.body).message).toMatch(/larger than 5 MB/);
    expect(readAtAnswer.get(path)).toBeLessThan(5 * MB);
    expect(answer.writtenAtAnswer).toBeLessThan(25 * MB);
  });

  it(
    'answers 413 to every endpoint taking a body, whatever the declared size over the limit',
    { timeout: 120_000 },
    async () => {
      const withBodies = ENDPOINTS.filter((e) => writes(e));
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...withBodies),
          fc.integer({ min: MB + 1, max: 200 * MB }),
          fc.constantFrom('application/json', 'application/yaml', 'text/plain'),
          async (e, total, contentType) => {
            const path = `${e.path.replace(/:\w+/g, 'x')}?n=${total}`;
            const answer = await streamBody(port, {
              path,
              headers: { authorization: `Bearer ${TOKEN}`, 'content-type': contentType },
              head: encoder.encode('{"a":"'),
              total,
              declareLength: true,
            });
            expect(answer.status).toBe(413);
            expect(readAtAnswer.get(path)).toBeLessThan(MB);
          },
        ),
        fuzz(40),
      );
    },
  );

  // Without a declared length the limit is found while reading: body-parser and multer then
  // read the rest before answering (their design, so a client is not cut off mid-send); the
  // answer is still a 413 and nothing is kept.
  it('answers 413 to a body over the limit sent without a length', async () => {
    const json = await streamBody(port, {
      path: '/api/directory',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      head: encoder.encode('{"a":"'),
      total: 2 * MB,
      declareLength: false,
    });
    expect(json.status).toBe(413);
    const upload = await streamBody(port, {
      path: '/api/plans/import?dryRun=true',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
      head: uploadHead,
      total: 6 * MB,
      declareLength: false,
    });
    expect(upload.status).toBe(413);
    expect(errorOf(upload.body).message).toMatch(/larger than 5 MB/);
  });
});

// ---------------------------------------------------------------------------------------
// A live duty: well-formed actions from agencies that have no part in it

describe('a live duty refuses well-formed actions from outsiders', () => {
  let worker: WorkerProcess | undefined;
  let sink: MailSink;
  let dutyId: string;
  const insiders = new Set([AGRICULTURE.id, AGRI_SERVICES.id, LABOUR.id]);

  beforeAll(async () => {
    sink = await startMailSink();
    worker = await startWorkerProcess({
      TEMPORAL_ADDRESS: devServer.address,
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(sink.port),
      DATA_DIR: dir,
      PUBLIC_URL: 'http://duties.fuzz',
    });
    // The plan and agencies the duty names (POST /api/duties refuses unknown ones).
    await importWorld(db, {
      planId: LIVE_PLAN,
      agencies: [AGRICULTURE, AGRI_SERVICES],
      standing: LABOUR,
    });
    // Due years ahead: no reminder falls due while the test runs.
    const duty = capitalRegistration({ planId: LIVE_PLAN, dueAt: '2030-06-20T00:00:00+07:00' });
    const created = await send(port, {
      method: 'POST',
      target: '/api/duties',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: encoder.encode(JSON.stringify(duty)),
      malformed: false,
    });
    expect(created.status).toBe(201);
    dutyId = (JSON.parse(created.body.toString('utf8')) as { id: string }).id;
    // The worker records the duty in the read model; the database is compared after that.
    for (let i = 0; i < 200; i++) {
      const row = await db
        .selectFrom('duties')
        .select('id')
        .where('id', '=', dutyId)
        .executeTakeFirst();
      if (row) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 120_000);

  afterAll(async () => {
    await worker?.kill();
    await sink?.stop();
  });

  const stateOf = async () => {
    const a = await send(port, {
      method: 'GET',
      target: `/api/duties/${encodeURIComponent(dutyId)}`,
      headers: { authorization: `Bearer ${TOKEN}` },
      malformed: false,
    });
    expect(a.status).toBe(200);
    return JSON.parse(a.body.toString('utf8')) as { status: string; revision: number };
  };

  /** An agency id the schemas accept that is none of the duty's agencies. */
  const outsider = fc
    .oneof(
      fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,40}$/),
      fc.constantFrom(
        'phong-ldtbxh-x',
        'PHONG-LDTBXH',
        'ubnd-huyen',
        'a-luoi.phong-ldtbxh',
        'ủy-ban',
      ),
    )
    .filter((id) => !insiders.has(id));
  const text = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 200 }),
    fc.constantFrom('Đã nhận', 'Xin gia hạn 14 ngày', 'x'.repeat(2000)),
  );
  const instant = fc
    .date({
      min: new Date('1971-01-01T00:00:00Z'),
      max: new Date('2099-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().replace('Z', '+00:00'));

  /** A body of the action's schema, every field well-typed, the actor an outsider. */
  function outsiderBody(schema: Record<string, unknown>) {
    const props = new Set(Object.keys(schema['properties'] ?? {}));
    for (const branch of (schema['oneOf'] ?? []) as { properties?: object }[]) {
      for (const k of Object.keys(branch.properties ?? {})) props.add(k);
    }
    return fc
      .record({
        base: fc.constant(exampleOf(schema) as Record<string, unknown>),
        agencyId: outsider,
        name: text,
        comment: text,
        reason: text,
        body: text,
        newDueAt: instant,
        grant: fc.boolean(),
        indicators: fc.dictionary(
          fc.string({ minLength: 1, maxLength: 20 }),
          fc.double({ noNaN: true, noDefaultInfinity: true }),
          { maxKeys: 4 },
        ),
      })
      .map((g) => {
        const b: Record<string, unknown> = {
          ...g.base,
          actor: { name: g.name, agencyId: g.agencyId },
        };
        if (props.has('comment')) b['comment'] = g.comment;
        if (props.has('reason')) b['reason'] = g.reason;
        if (props.has('text')) b['text'] = g.body;
        if (props.has('newDueAt')) b['newDueAt'] = g.newDueAt;
        if (props.has('grant')) b['grant'] = g.grant;
        if (props.has('indicators')) b['indicators'] = g.indicators;
        return b;
      });
  }

  const actions = ENDPOINTS.filter(
    (e) => e.method === 'POST' && e.path.startsWith('/api/duties/:id/') && e.bodySchema,
  );

  it.each(actions.map((e) => [`${e.method} ${e.path}`, e] as const))(
    '%s: refused (4xx, never 2xx or 5xx), the duty and the database unchanged, nothing sent',
    { timeout: 120_000 },
    async (name, e) => {
      logged.length = 0;
      const before = { db: await dbFingerprint(db), state: await stateOf() };
      await fc.assert(
        fc.asyncProperty(outsiderBody(e.bodySchema!), async (body) => {
          const request: FuzzRequest = {
            method: 'POST',
            target: e.path.replace(':id', encodeURIComponent(dutyId)),
            headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
            body: encoder.encode(JSON.stringify(body)),
            malformed: true,
          };
          const answer = await send(port, request);
          trace(name, request, answer);
          expectWellAnswered(name, request, answer);
        }),
        fuzz(25, { seed: seedFor(name) }),
      );
      expect(await stateOf()).toEqual(before.state);
      expect(await dbFingerprint(db)).toBe(before.db);
      expect(sink.received).toEqual([]);
      expect(logged).toEqual([]);
    },
  );

  // -------------------------------------------------------------------------------------
  // Stateful sequences: create, act on what was created, delete; every answer within the
  // contract (never a 5xx; the status the model expects), and at the end every plan still
  // re-imports and every duty's agencies still exist.

  type Step =
    | { kind: 'agency' }
    | { kind: 'plan'; standing: number }
    | { kind: 'duty'; plan: number; lead: number; coord: number[] }
    | { kind: 'ack'; duty: number }
    | { kind: 'cycle'; plan: number; year: number }
    | { kind: 'retire'; agency: number }
    | { kind: 'delete'; agency: number }
    | { kind: 'delete-locality' }
    | { kind: 'wrong-kind'; id: number; route: number };

  const index = fc.nat(20);
  const step: fc.Arbitrary<Step> = fc.oneof(
    { weight: 3, arbitrary: fc.constant({ kind: 'agency' as const }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('plan' as const), standing: index }) },
    {
      weight: 4,
      arbitrary: fc.record({
        kind: fc.constant('duty' as const),
        plan: index,
        lead: index,
        coord: fc.array(index, { maxLength: 2 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('ack' as const), duty: index }) },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('cycle' as const),
        plan: index,
        year: fc.integer({ min: 2024, max: 2026 }),
      }),
    },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('retire' as const), agency: index }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('delete' as const), agency: index }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'delete-locality' as const }) },
    {
      weight: 3,
      arbitrary: fc.record({ kind: fc.constant('wrong-kind' as const), id: index, route: index }),
    },
  );

  /** GET routes by the kind of id they take: any other kind of id is 404 there. */
  const READS: [Kind, (id: string) => string][] = [
    ['duty', (id) => `/api/duties/${encodeURIComponent(id)}`],
    ['duty', (id) => `/api/duties/${encodeURIComponent(id)}/consolidation`],
    ['cycle', (id) => `/api/cycles/${encodeURIComponent(id)}`],
    ['cycle', (id) => `/api/cycles/${encodeURIComponent(id)}/results`],
    ['plan', (id) => `/api/plans/${encodeURIComponent(id)}`],
    ['plan', (id) => `/api/plans/${encodeURIComponent(id)}/targets?year=2024`],
    ['agency', (id) => `/api/agencies/${encodeURIComponent(id)}`],
    ['agency', (id) => `/api/agencies/${encodeURIComponent(id)}/notifications`],
  ];

  let sequence = 0;
  /** What the sequences were answered, printed at the end (so a run that did little shows). */
  const stateful = new Map<string, number>();
  const created = { plans: new Set<string>(), duties: new Set<string>() };

  async function call(method: string, target: string, body?: unknown) {
    const answer = await send(port, {
      method,
      target,
      headers: {
        authorization: `Bearer ${TOKEN}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : encoder.encode(JSON.stringify(body)),
      malformed: false,
    });
    const text = answer.body.toString('utf8');
    const what = `${method} ${target} -> ${answer.status} ${text.slice(0, 300)}`;
    const key = `${method} ${target.split('/').slice(0, 3).join('/')}… ${answer.status}`;
    stateful.set(key, (stateful.get(key) ?? 0) + 1);
    const cause = logged.at(-1);
    expect(answer.status, `${what} ${cause instanceof Error ? cause.stack : ''}`).toBeLessThan(500);
    return {
      status: answer.status,
      json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      what,
    };
  }

  async function runSequence(steps: Step[]): Promise<void> {
    const n = ++sequence;
    const locality = `st${n}-huyen`;
    const contact = (id: string) => ({ name: `Lãnh đạo ${id}`, email: `${id}@fuzz.example` });
    const agencyBody = (id: string) => ({
      id,
      name: `Cơ quan thử ${id}`,
      level: 'district',
      localityId: locality,
      head: contact(id),
    });
    // The model: what exists, what is retired, what names what.
    const agencies: { id: string; deleted: boolean; retired: boolean }[] = [];
    const plans: { id: string; standing: string }[] = [];
    const duties: { id: string; lead: string }[] = [];
    const cycles: string[] = [];
    let localityDeleted = false;

    const first = `st${n}-ldtbxh`;
    const dir = await call('POST', '/api/directory', {
      localities: [{ id: locality, name: `Huyện thử ${n}`, level: 'district' }],
      agencies: [agencyBody(first)],
    });
    expect(dir.status, dir.what).toBe(200);
    agencies.push({ id: first, deleted: false, retired: false });
    const pick = <T>(list: T[], i: number): T | undefined =>
      list.length === 0 ? undefined : list[i % list.length];
    const named = (id: string) =>
      plans.some((p) => p.standing === id) ||
      duties.some((d) => d.lead === id) ||
      namedByDuties.has(id);
    const namedByDuties = new Set<string>();

    for (const s of steps) {
      switch (s.kind) {
        case 'agency': {
          if (localityDeleted) break;
          const id = `st${n}-a${agencies.length}`;
          const r = await call('POST', '/api/agencies', agencyBody(id));
          expect(r.status, r.what).toBe(201);
          agencies.push({ id, deleted: false, retired: false });
          break;
        }
        case 'plan': {
          const standing = pick(agencies, s.standing)!;
          const id = `st${n}-p${plans.length}`;
          const { plan } = worldFiles({
            planId: id,
            agencies: [],
            standing: {
              id: standing.id,
              name: `Cơ quan thử ${standing.id}`,
              head: contact(standing.id),
              focalPoints: [],
            },
            localityId: locality,
          });
          const r = await call('POST', '/api/plans/import', plan);
          if (standing.deleted || standing.retired || localityDeleted) {
            expect(r.status, r.what).toBe(400);
          } else {
            expect(r.status, r.what).toBe(201);
            plans.push({ id, standing: standing.id });
            created.plans.add(id);
          }
          break;
        }
        case 'duty': {
          const plan = pick(plans, s.plan);
          const lead = pick(agencies, s.lead)!;
          const coord = [...new Set(s.coord.map((i) => pick(agencies, i)!))].filter(
            (a) => a.id !== lead.id,
          );
          const standing = agencies.find((a) => a.id === plan?.standing) ?? lead;
          const asAgency = (a: { id: string }) => ({
            id: a.id,
            name: `Cơ quan thử ${a.id}`,
            head: contact(a.id),
          });
          const dutyId = `d${duties.length}`;
          const planId = plan?.id ?? `st${n}-khong-co`;
          const r = await call('POST', '/api/duties', {
            planId,
            dutyId,
            period: '2030',
            title: 'Báo cáo thử trình tự',
            product: 'Báo cáo',
            dueAt: '2030-06-20T00:00:00+07:00',
            lead: asAgency(lead),
            coordinating: coord.map(asAgency),
            standing: asAgency(standing),
            supervisor: { ...contact('ct'), title: 'Chủ tịch UBND huyện' },
          });
          const ok =
            plan !== undefined && [lead, standing, ...coord].every((a) => !a.deleted && !a.retired);
          if (ok) {
            expect(r.status, r.what).toBe(201);
            duties.push({ id: String(r.json['id']), lead: lead.id });
            created.duties.add(String(r.json['id']));
            for (const a of [lead, standing, ...coord]) namedByDuties.add(a.id);
          } else {
            expect(r.status, r.what).toBe(400);
            expect((r.json['error'] as { code: string }).code).toMatch(
              /^(unknown_reference|invalid_input)$/,
            );
          }
          break;
        }
        case 'ack': {
          const duty = pick(duties, s.duty);
          if (!duty) break;
          const r = await call('POST', `/api/duties/${encodeURIComponent(duty.id)}/acknowledge`, {
            actor: { name: 'Cán bộ', agencyId: duty.lead },
          });
          expect([200, 409], r.what).toContain(r.status);
          break;
        }
        case 'cycle': {
          const plan = pick(plans, s.plan);
          if (!plan) break;
          const r = await call('POST', '/api/cycles', { planId: plan.id, year: s.year });
          const id = `cycle:${plan.id}:${s.year}`;
          expect(cycles.includes(id) ? [409] : [201], r.what).toContain(r.status);
          if (!cycles.includes(id)) cycles.push(id);
          break;
        }
        case 'retire': {
          const a = pick(agencies, s.agency)!;
          // A plan's standing agency stays assignable, so that the plan still re-imports.
          if (plans.some((p) => p.standing === a.id)) break;
          const r = await call('POST', `/api/agencies/${a.id}/retire`);
          expect(r.status, r.what).toBe(a.deleted ? 404 : 200);
          if (!a.deleted) a.retired = true;
          break;
        }
        case 'delete': {
          const a = pick(agencies, s.agency)!;
          const r = await call('DELETE', `/api/agencies/${a.id}`);
          const expected = named(a.id) ? 409 : a.deleted ? 404 : 204;
          expect(r.status, r.what).toBe(expected);
          if (expected === 204) a.deleted = true;
          break;
        }
        case 'delete-locality': {
          const r = await call('DELETE', `/api/localities/${locality}`);
          const held = agencies.some((a) => !a.deleted) || plans.length > 0;
          expect(r.status, r.what).toBe(localityDeleted ? 404 : held ? 409 : 204);
          if (!held) localityDeleted = true;
          break;
        }
        case 'wrong-kind': {
          const ids: [Kind, string][] = [
            ...plans.map((p) => ['plan', p.id] as [Kind, string]),
            ...duties.map((d) => ['duty', d.id] as [Kind, string]),
            ...cycles.map((c) => ['cycle', c] as [Kind, string]),
            ...agencies.map((a) => ['agency', a.id] as [Kind, string]),
            ['locality', locality],
          ];
          const [kind, id] = pick(ids, s.id)!;
          const others = READS.filter(([k]) => k !== kind);
          const [, route] = pick(others, s.route)!;
          const r = await call('GET', route(id));
          expect(r.status, r.what).toBe(404);
          break;
        }
      }
    }
  }

  it(
    'create, act, delete in generated orders: the expected answers, then every plan re-imports and every duty names agencies that exist',
    { timeout: 180_000 },
    async () => {
      logged.length = 0;
      await fc.assert(
        // Each sequence begins with a plan and an agency of its own, then goes its way.
        fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 16 }), (steps) =>
          runSequence([{ kind: 'plan', standing: 0 }, { kind: 'agency' }, ...steps]),
        ),
        fuzz(8, { seed: seedFor('stateful sequences') }),
      );
      // Every plan the database holds still re-imports (a dry run: nothing written).
      const stored = await db.selectFrom('plans').select(['id', 'definition_json']).execute();
      for (const p of stored) {
        const r = await call(
          'POST',
          '/api/plans/import?dryRun=true&allowUndated=true',
          JSON.parse(p.definition_json),
        );
        expect(r.status, `${p.id} re-imports: ${r.what}`).toBe(200);
      }
      // Every duty started names agencies that exist (retired ones included: kept for history).
      const known = new Set(
        (await db.selectFrom('agencies').select('id').execute()).map((a) => a.id),
      );
      for (const id of created.duties) {
        const r = await call('GET', `/api/duties/${encodeURIComponent(id)}`);
        expect(r.status, r.what).toBe(200);
        const state = r.json as {
          lead: { id: string };
          standing: { id: string };
          coordinating: { id: string }[];
        };
        for (const a of [state.lead, state.standing, ...state.coordinating])
          expect(known.has(a.id), `${id} names ${a.id}`).toBe(true);
      }
      const rows = await db.selectFrom('duty_agencies').select(['duty_id', 'agency_id']).execute();
      for (const row of rows)
        expect(known.has(row.agency_id), `${row.duty_id} names ${row.agency_id}`).toBe(true);
      expect(logged, 'the error middleware logged a failure').toEqual([]);
      console.log(
        `stateful sequences: ${sequence} runs; ${[...stateful]
          .sort()
          .map(([k, n]) => `${k}×${n}`)
          .join(', ')}`,
      );
      // The sequences reached what they are about: duties started, refusals of each kind.
      expect(created.duties.size).toBeGreaterThan(0);
    },
  );
});
