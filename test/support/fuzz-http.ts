// The API's endpoints for the property-based tests, and requests to send them: every route the
// express app has (so a new one is fuzzed without being listed here) joined with what the
// OpenAPI document says about it (its body schema and query parameters), malformed bodies
// grown from the documented schemas, odd path parameters and query strings, and a raw HTTP
// client that sends paths exactly as generated (fetch would normalize them).
import http from 'node:http';
import fc from 'fast-check';
import type express from 'express';
import { anyText } from './fuzz.ts';
import { observeRaw } from './contract.ts';

// ---------------------------------------------------------------------------------------
// Endpoints

type JsonSchema = Record<string, unknown>;

interface Operation {
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
  parameters?: { name: string; in: string; required?: boolean; schema?: JsonSchema }[];
}

export interface Endpoint {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Express style: `/api/duties/:id/submit`. */
  path: string;
  params: string[];
  /** In the OpenAPI document. */
  documented: boolean;
  /** The JSON body schema the document gives, if any. */
  bodySchema?: JsonSchema | undefined;
  multipart: boolean;
  query: { name: string; required: boolean; schema: JsonSchema }[];
}

interface Layer {
  rawPath?: string | string[];
  route?: { path: string; methods: Record<string, boolean> };
  handle: { stack?: Layer[] };
}

/** Every method and path the app routes, found by walking its router (mounted routers too). */
function appRoutes(app: express.Express): { method: string; path: string }[] {
  const walk = (stack: Layer[], prefixes: string[]): { method: string; path: string }[] =>
    stack.flatMap((layer) => {
      if (layer.route) {
        const route = layer.route;
        return prefixes.flatMap((prefix) =>
          Object.keys(route.methods).map((m) => ({
            method: m.toUpperCase(),
            path: `${prefix}${route.path}`.replace(/(.)\/$/, '$1'),
          })),
        );
      }
      if (!layer.handle.stack) return [];
      const raw = Array.isArray(layer.rawPath) ? layer.rawPath : [layer.rawPath ?? ''];
      return walk(
        layer.handle.stack,
        prefixes.flatMap((p) => raw.map((r) => `${p}${r === '/' ? '' : r}`)),
      );
    });
  return walk((app as unknown as { router: { stack: Layer[] } }).router.stack, ['']);
}

/** The app's routes with what the OpenAPI document says of each, deduplicated and sorted. */
export function listEndpoints(app: express.Express, document: object): Endpoint[] {
  const paths = (document as { paths: Record<string, Record<string, Operation>> }).paths;
  const documented = new Map<string, Operation>();
  for (const [path, ops] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(ops)) {
      documented.set(`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`, op);
    }
  }
  const seen = new Set<string>();
  const out: Endpoint[] = [];
  const all = [
    ...appRoutes(app),
    ...[...documented.keys()].map((k) => {
      const [method = '', path = ''] = k.split(' ');
      return { method, path };
    }),
  ];
  for (const { method, path } of all) {
    const key = `${method} ${path}`;
    if (seen.has(key) || !['GET', 'POST', 'PUT', 'DELETE'].includes(method)) continue;
    seen.add(key);
    const op = documented.get(key);
    const content = op?.requestBody?.content ?? {};
    out.push({
      method: method as Endpoint['method'],
      path,
      params: [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      documented: op !== undefined,
      bodySchema: content['application/json']?.schema,
      multipart: 'multipart/form-data' in content,
      query: (op?.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} })),
    });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** A method that writes, given a valid body or none. */
export const writes = (e: Endpoint): boolean => e.method !== 'GET';

/**
 * Whether a write endpoint gets a body that decides whether it writes: then a real id in its
 * path is safe as long as the body is malformed. Without a documented body, or with none, a
 * real id could be all it takes (DELETE /api/agencies/:id), so only made-up ids are sent.
 */
export const bodyGuards = (e: Endpoint): boolean => e.bodySchema !== undefined || e.multipart;

// ---------------------------------------------------------------------------------------
// Bodies from schemas

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const FORMATS: Record<string, string> = {
  email: 'can-bo@a-luoi.example',
  'date-time': '2030-06-20T00:00:00+07:00',
  date: '2030-06-20',
};
const PATTERN_TRIES = ['a1', 'a-luoi.phong-ldtbxh', '08:00', '1000', '2030', 'P7D', 'a'];

/** A value the schema accepts, as far as a JSON schema says (refinements aside). */
export function exampleOf(schema: JsonSchema): Json {
  if ('const' in schema) return schema['const'] as Json;
  if (Array.isArray(schema['enum'])) return (schema['enum'] as Json[])[0] ?? null;
  if ('default' in schema) return schema['default'] as Json;
  const union = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  if (union?.[0]) return exampleOf(union[0]);
  switch (schema['type']) {
    case 'object': {
      const props = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      const required = (schema['required'] ?? []) as string[];
      return Object.fromEntries(required.map((k) => [k, exampleOf(props[k] ?? {})]));
    }
    case 'array': {
      const min = Number(schema['minItems'] ?? 0);
      const item = exampleOf((schema['items'] ?? {}) as JsonSchema);
      return Array.from({ length: Math.max(min, 1) }, (_, i) =>
        typeof item === 'string' && min > 1 ? `${item}${i}` : item,
      );
    }
    case 'integer':
    case 'number': {
      const min = schema['minimum'] as number | undefined;
      const max = schema['maximum'] as number | undefined;
      return Math.min(max ?? Infinity, Math.max(min ?? 1, 1));
    }
    case 'boolean':
      return true;
    case 'string': {
      const format = FORMATS[String(schema['format'])];
      if (format) return format;
      const pattern = schema['pattern'] as string | undefined;
      const tries = pattern
        ? PATTERN_TRIES.filter((t) => new RegExp(pattern, 'u').test(t))
        : ['Phòng Lao động'];
      const s = tries[0] ?? 'a1';
      const min = Number(schema['minLength'] ?? 0);
      return s.length >= min ? s : s.padEnd(min, 'a');
    }
    default:
      return null;
  }
}

/** A value of another JSON type than the schema's. */
function wrongType(schema: JsonSchema): Json {
  switch (schema['type']) {
    case 'string':
      return { not: 'a string' };
    case 'object':
      return 'not an object';
    case 'array':
      return { not: 'an array' };
    case 'boolean':
      return 'yes';
    case 'integer':
    case 'number':
      return 'NaN';
    default:
      return Array.isArray(schema['enum']) || 'const' in schema ? 'bogus-value' : [[[]]];
  }
}

const oddString = fc.oneof(
  anyText(30),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\ud800',
    '%00',
    '<script>alert(1)</script>',
    "'; DROP TABLE plans; --",
    '__proto__',
    '../../etc/passwd',
    '9'.repeat(400),
  ),
  fc.nat(200_000).map((n) => 'x'.repeat(n)),
);
const oddJson: fc.Arbitrary<Json> = fc.oneof(
  oddString,
  fc.constantFrom<Json>(null, -1, 0, -0, 1e308, -1e308, 2 ** 53 + 1, 0.5, true, [], {}, [null]),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

/**
 * A body the schema refuses: the schema's example with one or two required properties (two
 * when there are, since a route may fill one in, as PUT /api/agencies/:id fills `id`) deleted
 * or given a value of the wrong type, and other properties made odd or added.
 */
export function brokenBody(schema: JsonSchema): fc.Arbitrary<Json> {
  const union = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  const branches = union && union.length > 0 ? union : [schema];
  return fc.integer({ min: 0, max: branches.length - 1 }).chain((b) => {
    const branch = branches[b]!;
    const props = (branch['properties'] ?? {}) as Record<string, JsonSchema>;
    const required = (branch['required'] ?? []) as string[];
    if (branch['type'] !== 'object' || required.length === 0) {
      return fc.constantFrom<Json>('not an object', 42, [], null);
    }
    const breaks = fc
      .shuffledSubarray(required, {
        minLength: Math.min(2, required.length),
        maxLength: Math.min(2, required.length),
      })
      .chain((keys) =>
        fc.tuple(fc.constant(keys), fc.array(fc.boolean(), { minLength: 2, maxLength: 2 })),
      );
    const noise = fc.array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...Object.keys(props), '__proto__', 'constructor'), anyText(10)),
        oddJson,
      ),
      { maxLength: 3 },
    );
    return fc.tuple(breaks, noise).map(([[keys, deletes], extra]) => {
      const body = exampleOf(branch) as Record<string, Json>;
      for (const [k, v] of extra) {
        if (!keys.includes(k))
          Object.defineProperty(body, k, {
            value: v,
            enumerable: true,
            configurable: true,
            writable: true,
          });
      }
      keys.forEach((k, i) => {
        if (deletes[i]) delete body[k];
        else body[k] = wrongType(props[k] ?? {});
      });
      return body;
    });
  });
}

// ---------------------------------------------------------------------------------------
// Requests

export interface FuzzRequest {
  method: string;
  /** Raw request target: path and query exactly as sent. */
  target: string;
  headers: Record<string, string>;
  body?: Uint8Array | undefined;
  /** Generated to be refused: a 2xx or 3xx answer is a failure. */
  malformed: boolean;
}

/** Percent-encodes what an HTTP request line cannot carry; leaves the rest as generated. */
export function rawSegment(text: string, keepPercent: boolean): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (ch === '%' && keepPercent) out += ch;
    else if (code > 0x20 && code < 0x7f && !'?#%'.includes(ch)) out += ch;
    else if (code >= 0xd800 && code <= 0xdfff) out += '%ED%A0%80';
    else out += encodeURIComponent(ch);
  }
  return out;
}

/** A path parameter: odd characters, bad percent-encoding, overlong, or a made-up id. */
export const oddParam: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    '%ZZ',
    '%E0%A4%A',
    '%ED%A0%80',
    '..',
    '%2e%2e',
    'a%2Fb',
    '%20',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    'duty:nope:1:2030',
    'cycle:nope:2030',
    'a-luoi.phong-ldtbxh.x',
    'a-luoi-171-2022x',
    'A-LUOI-171-2022',
  ),
  anyText(40).map((t) => rawSegment(t, false)),
  fc
    .string({ unit: fc.constantFrom(...'%/.:;,=&+$@!*~\'()[]{}|\\^`"<>'), maxLength: 12 })
    .map((t) => rawSegment(t, true)),
  fc.integer({ min: 100, max: 3000 }).map((n) => 'a'.repeat(n)),
);

const queryValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    'true',
    'false',
    '-1',
    '0',
    'NaN',
    '1e309',
    '2.5',
    '99999999999999999999',
    'bogus',
    'json',
    'csv',
    'xlsx',
    'lead',
    '2026',
    '2026-H1',
    '2026-06-20T00:00:00+07:00',
    'a-luoi-171-2022',
    '%ZZ',
    '%00',
  ),
  anyText(30).map((t) => rawSegment(t, false)),
  // Long, yet with the path under Node's 16 KB limit on a request head (past it Node answers 431).
  fc.integer({ min: 500, max: 1200 }).map((n) => 'q'.repeat(n)),
);

/** A query string: documented names and others, repeated keys (arrays), bracket keys (objects). */
export function queryString(names: string[]): fc.Arbitrary<string> {
  const key = fc.oneof(
    { weight: 3, arbitrary: names.length > 0 ? fc.constantFrom(...names) : fc.constant('x') },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom(
          'a[b]',
          'a[]',
          '__proto__',
          'constructor[prototype][x]',
          'format[]',
          'limit[$gt]',
        ),
        names.length > 0 ? fc.constantFrom(...names).map((n) => `${n}[]`) : fc.constant('y[]'),
      ),
    },
  );
  return fc
    .array(fc.tuple(key, queryValue), { maxLength: 5 })
    .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&'));
}

/** A value the documented parameter may well accept: its enum, an id that exists, its example. */
function plausible(name: string, schema: JsonSchema, ids: readonly string[]): fc.Arbitrary<string> {
  const example = JSON.stringify(exampleOf(schema)).replace(/^"|"$/g, '');
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as string[]));
  if (/Id$/.test(name)) return fc.constantFrom(example, ...ids);
  if (schema['format'] === 'date-time') {
    return fc
      .date({
        min: new Date('2000-01-01T00:00:00Z'),
        max: new Date('2100-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString());
  }
  if (schema['type'] === 'integer' || schema['type'] === 'number') {
    return fc.integer({ min: -10, max: 10_000 }).map(String);
  }
  return fc.constantFrom(example, '2023', '2024-06', '2023-H1', '2025-Q4');
}

/** A query built from the documented parameters: each left out, plausible, or odd. */
export function documentedQuery(
  params: readonly { name: string; required: boolean; schema: JsonSchema }[],
  ids: readonly string[],
): fc.Arbitrary<string> {
  if (params.length === 0) return fc.constant('');
  const values = params.map((p) =>
    fc.oneof(
      { weight: p.required ? 0 : 2, arbitrary: fc.constant(undefined) },
      { weight: 3, arbitrary: plausible(p.name, p.schema, ids).map((v) => encodeURIComponent(v)) },
      { weight: 1, arbitrary: queryValue },
    ),
  );
  return fc
    .tuple(...values)
    .map((vs) =>
      params.flatMap((p, i) => (vs[i] === undefined ? [] : [`${p.name}=${vs[i]}`])).join('&'),
    );
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });

/** Sends the request exactly as generated and reads the whole answer. */
export function send(port: number, req: FuzzRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const r = http.request(
      {
        host: '127.0.0.1',
        port,
        method: req.method,
        path: req.target,
        agent,
        // The tests read the API's English answers (see test/support/http.ts).
        headers: {
          'accept-language': 'en',
          ...req.headers,
          ...(req.body ? { 'content-length': String(req.body.length) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const answer = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          };
          // Checked against the OpenAPI document like every answer (test/support/contract.ts).
          observeRaw(port, {
            method: req.method,
            path: req.target,
            status: answer.status,
            contentType: answer.headers['content-type'],
            body: answer.body,
          });
          resolve(answer);
        });
        res.on('error', reject);
      },
    );
    r.on('error', reject);
    r.end(req.body);
  });
}

export function closeAgent(): void {
  agent.destroy();
}

export interface Streamed {
  status: number;
  body: Buffer;
  /** Bytes of the body the client had handed to its socket when the answer's head arrived. */
  writtenAtAnswer: number;
}

/**
 * Streams a large body (`head`, then filler) 64 KB at a time, yielding between pieces, and
 * stops sending as soon as an answer arrives. A server that closes the connection after
 * answering makes the client's later writes fail; that is expected here.
 */
export function streamBody(
  port: number,
  opts: {
    path: string;
    headers: Record<string, string>;
    head: Uint8Array;
    total: number;
    declareLength: boolean;
  },
): Promise<Streamed> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let answered = false;
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: opts.path,
        agent: false,
        headers: {
          'accept-language': 'en',
          ...opts.headers,
          ...(opts.declareLength ? { 'content-length': String(opts.total) } : {}),
        },
      },
      (res) => {
        answered = true;
        const writtenAtAnswer = written;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), writtenAtAnswer });
          req.destroy();
        });
      },
    );
    req.on('error', (err) => {
      if (!answered && written >= opts.total) reject(err);
    });
    req.on('close', () => {
      if (!answered) reject(new Error(`closed without an answer after ${written} bytes`));
    });
    const filler = Buffer.alloc(64 * 1024, 0x61);
    void (async () => {
      let first = true;
      while (written < opts.total && !answered && !req.destroyed) {
        const piece = first
          ? Buffer.concat([opts.head, filler]).subarray(0, filler.length)
          : filler.subarray(0, Math.min(filler.length, opts.total - written));
        first = false;
        written += piece.length;
        if (!req.write(piece)) await new Promise((r) => req.once('drain', r));
        else await new Promise((r) => setImmediate(r));
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}
