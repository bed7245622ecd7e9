// The OpenAPI document as a contract every test checks: each answer the suite receives from an
// /api route of a server it started is matched to its operation (method and path template),
// its status must be one the operation lists, and its body must be of a declared media type and,
// for JSON, valid against the declared schema (ajv, each schema compiled once). Violations are
// recorded against the test that made the call; test/support/contract-setup.ts fails that test.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { openApiDocument } from '../../api/openapi.ts';

type JsonSchema = Record<string, unknown>;
interface MediaType {
  schema?: JsonSchema;
}
interface ResponseSpec {
  content?: Record<string, MediaType>;
}
interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  params: number;
  responses: Record<string, ResponseSpec>;
}

export interface Answer {
  method: string;
  /** The request target's path (percent-encoded, as sent), with or without the query. */
  path: string;
  status: number;
  contentType: string | undefined;
  body: Buffer | string;
}

/** What any request under /api can be answered before a route is found (api/app.ts). */
const ANYWHERE = new Set([400, 401, 403, 404, 413, 415]);

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

/** Matches answers to the document's operations and checks them. */
export class Contract {
  private readonly operations: Operation[] = [];
  private readonly ajv = addFormats(new Ajv2020({ strict: false, allErrors: false }));
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(document: object = openApiDocument()) {
    const paths = (document as { paths: Record<string, Record<string, unknown>> }).paths;
    for (const [template, methods] of Object.entries(paths)) {
      const source = template
        .split('/')
        .map((seg) =>
          /^\{\w+\}$/.test(seg) ? '[^/]+' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/');
      for (const [method, op] of Object.entries(methods)) {
        this.operations.push({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${source}$`),
          params: (template.match(/\{/g) ?? []).length,
          responses: (op as { responses: Record<string, ResponseSpec> }).responses,
        });
      }
    }
    // A literal segment wins over a parameter (`/api/duties/overdue` before `/api/duties/{id}`).
    this.operations.sort((a, b) => a.params - b.params);
  }

  /** The operation answering `method path`, if the document has one. */
  operationOf(method: string, path: string): Operation | undefined {
    const pathname = path.split('?')[0] ?? '';
    // Express routes are not strict: `/api/plans/` is `/api/plans`.
    const trimmed = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname;
    return this.operations.find((o) => o.method === method && o.pattern.test(trimmed));
  }

  /** Whether an operation of the document answers `method path`. */
  documents(method: string, path: string): boolean {
    return this.operationOf(method, path) !== undefined;
  }

  private validator(key: string, schema: JsonSchema): ValidateFunction {
    let v = this.compiled.get(key);
    if (!v) {
      v = this.ajv.compile(schema);
      this.compiled.set(key, v);
    }
    return v;
  }

  /** What is wrong with the answer, or undefined when the document describes it. */
  check(a: Answer): string | undefined {
    const method = a.method.toUpperCase();
    if (method === 'HEAD' || method === 'OPTIONS') return undefined;
    const pathname = a.path.split('?')[0] ?? '';
    const op = this.operationOf(method, pathname);
    const text = typeof a.body === 'string' ? a.body : a.body.toString('utf8');
    const where = op ? `${method} ${op.template}` : `${method} ${pathname.slice(0, 200)}`;
    if (!op) {
      // A path or method no route answers: the app's own 404, or a refusal of what every
      // request passes first (its body read, the token, the origin), in the error shape.
      if (ANYWHERE.has(a.status) && this.errorShaped(text)) return undefined;
      return `${where}: no operation in the OpenAPI document, answered ${a.status}`;
    }
    const spec = op.responses[String(a.status)];
    if (!spec) {
      return `${where}: status ${a.status} is not in the document (it lists ${Object.keys(op.responses).join(', ')}): ${text.slice(0, 300)}`;
    }
    const declared = spec.content ?? {};
    const types = Object.keys(declared);
    if (types.length === 0) {
      return text.length === 0
        ? undefined
        : `${where} ${a.status}: the document declares no body, the answer has one: ${text.slice(0, 200)}`;
    }
    const media = (a.contentType ?? '').split(';')[0]!.trim().toLowerCase();
    if (!types.includes(media)) {
      return `${where} ${a.status}: content type "${media}" is not one of ${types.join(', ')}`;
    }
    if (media !== 'application/json') return undefined;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return `${where} ${a.status}: the body is not JSON: ${text.slice(0, 200)}`;
    }
    const schema = declared[media]?.schema;
    if (!schema) return undefined;
    const validate = this.validator(`${method} ${op.template} ${a.status} ${media}`, schema);
    if (validate(value)) return undefined;
    const errors = (validate.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || '(body)'} ${e.message ?? ''} ${JSON.stringify(e.params)}`)
      .join('; ');
    return `${where} ${a.status}: the body does not match the schema: ${errors}; body ${text.slice(0, 300)}`;
  }

  private errorShaped(text: string): boolean {
    try {
      const e = (JSON.parse(text) as { error?: { code?: unknown; message?: unknown } }).error;
      return typeof e?.code === 'string' && typeof e.message === 'string';
    } catch {
      return false;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The recorder the setup file installs: answers observed anywhere in the test process.

export interface Violation {
  /** The test running when the answer came, or undefined in a hook. */
  test: string | undefined;
  message: string;
}

interface Recorder {
  contract: Contract;
  violations: Violation[];
  currentTest: () => string | undefined;
  /** Ports whose answers are checked where the server writes them (test/support/http.ts). */
  serverSide: Set<number>;
  checked: number;
}

const KEY = Symbol.for('giam-ngheo.contract-recorder');
const recorder = (): Recorder | undefined =>
  (globalThis as unknown as Record<symbol, Recorder | undefined>)[KEY];

export function installRecorder(currentTest: () => string | undefined): Recorder {
  const r: Recorder = {
    contract: new Contract(),
    violations: [],
    currentTest,
    serverSide: new Set(),
    checked: 0,
  };
  (globalThis as unknown as Record<symbol, Recorder>)[KEY] = r;
  return r;
}

export const contractRecorder = recorder;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/** Whether an answer from this URL is one the contract covers: /api/ of a loopback server. */
export function covered(url: URL): boolean {
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    LOOPBACK.has(url.hostname) &&
    url.pathname.startsWith('/api/')
  );
}

/** Checks an answer against the document and records what is wrong (no-op when not installed). */
export function observe(answer: Answer): void {
  const r = recorder();
  if (!r) return;
  r.checked++;
  const message = r.contract.check(answer);
  if (message) r.violations.push({ test: r.currentTest(), message });
}

/** An answer a client received: checked unless its server checks what it writes. */
export function observeClient(url: URL, answer: Omit<Answer, 'path'>): void {
  const r = recorder();
  if (!r || !covered(url)) return;
  if (r.serverSide.has(Number(url.port))) return;
  observe({ ...answer, path: url.pathname });
}

/** An answer to a request target sent exactly as written (the fuzz's node:http client). */
export function observeRaw(port: number, answer: Answer): void {
  const r = recorder();
  if (!r || r.serverSide.has(port) || !answer.path.startsWith('/api/')) return;
  observe(answer);
}

/**
 * Checks every answer a server writes to /api/ (whoever the client: fetch, node:http, a
 * browser): the body is gathered as it is written and checked when the answer is finished.
 */
export function observeServer(port: number, req: IncomingMessage, res: ServerResponse): void {
  const r = recorder();
  if (!r) return;
  r.serverSide.add(port);
  const path = req.url ?? '';
  if (!path.startsWith('/api/')) return;
  const chunks: Buffer[] = [];
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk === undefined || chunk === null || typeof chunk === 'function') return;
    chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8')
        : Buffer.from(chunk as Uint8Array),
    );
  };
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  (res as unknown as { write: (...args: unknown[]) => boolean }).write = (...args) => {
    keep(args[0], args[1]);
    return write(...args);
  };
  (res as unknown as { end: (...args: unknown[]) => ServerResponse }).end = (...args) => {
    keep(args[0], args[1]);
    return end(...args);
  };
  res.on('finish', () => {
    const type = res.getHeader('content-type');
    observe({
      method: req.method ?? 'GET',
      path,
      status: res.statusCode,
      contentType: type === undefined ? undefined : String(type),
      body: Buffer.concat(chunks),
    });
  });
}
