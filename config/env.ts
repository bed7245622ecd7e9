// Every setting comes from the environment (secrets included), parsed once at start-up so a
// wrong value stops the process with a message naming the variable.
import { resolve } from 'node:path';
import { z } from 'zod';

const port = z.coerce.number().int().min(0).max(65_535);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const Env = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).optional(),
  PUBLIC_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  API_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  TEMPORAL_ADDRESS: z
    .string()
    .regex(/^(\[[0-9a-fA-F:.]+\]|[^\s:/[\]]+):\d{1,5}$/, 'must be host:port, e.g. 10.0.0.5:7233')
    .optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  // A cluster or Temporal Cloud (config/temporal.ts checks the combination at connection):
  // TLS alone (a public certificate), mutual TLS (a client certificate and key, PEM text or
  // file path), the CA and server name of a private certificate, or a Cloud API key.
  TEMPORAL_TLS: bool.optional(),
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  SMTP_HOST: z.string().min(1).optional(),
  SMTP_PORT: port.default(2525),
  SMTP_SECURE: bool.default(false),
  SMTP_USER: z.string().optional(),
  SMTP_PASS: z.string().optional(),
  MAIL_FROM: z.string().min(3).default('"Theo dõi nhiệm vụ giảm nghèo" <no-reply@duties.example>'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  COORDINATOR_EMAILS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e.length > 0),
    )
    .pipe(z.array(z.email())),
  TRUST_PROXY: z
    .string()
    .regex(
      /^(loopback|uniquelocal|linklocal|\d{1,2}|[0-9a-fA-F.:/,\s]+)$/,
      'loopback, a hop count, or addresses/subnets of the proxies',
    )
    .optional()
    .describe('who may set X-Forwarded-For: the reverse proxies in front of the app'),
  WORKFLOW_BUNDLE: z.string().min(1).optional(),
  // 0 turns the sticky cache off; 1 is not allowed by the SDK.
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000)
    .refine((n) => n !== 1, 'must be 0 (no cache) or at least 2')
    .optional(),
  // Prometheus: the API's and the worker's /metrics (the worker's with the Temporal SDK's own).
  API_METRICS_PORT: port.optional(),
  WORKER_METRICS_PORT: port.optional(),
  METRICS_HOST: z.string().min(1).default('127.0.0.1'),
  LOG_FORMAT: z.enum(['json', 'text']).default('text'),
});

export type AppConfig = ReturnType<typeof loadConfig>;

/**
 * A variable set to the empty string (`API_TOKEN=` in a shell or a compose file) means unset,
 * as it does for most tools: it used to stop start-up with "must be at least 16 characters".
 */
function withoutEmpty(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = Env.safeParse(withoutEmpty(env));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const loopback = e.HOST === undefined || /^(127\.|localhost$|::1$)/.test(e.HOST);
  if (!loopback && !e.API_TOKEN) {
    throw new Error(
      `Invalid environment:\n  HOST: ${e.HOST} would open the API to the network; set API_TOKEN too`,
    );
  }
  const dataDir = resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    /** Without an API token the API stays on this machine. */
    host: e.HOST ?? (e.API_TOKEN ? '0.0.0.0' : '127.0.0.1'),
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    dataDir,
    db: { databaseUrl: e.DATABASE_URL, sqliteFile: resolve(dataDir, 'app.db') },
    /** Bearer token for scripts calling the API; unset, the API accepts no token. */
    apiToken: e.API_TOKEN,
    temporal: {
      /** Unset: `npm start` runs the embedded dev server on `port`. */
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      /** Cluster or Cloud; connectionOptions (config/temporal.ts) checks and reads them. */
      tls: e.TEMPORAL_TLS,
      tlsCert: e.TEMPORAL_TLS_CERT,
      tlsKey: e.TEMPORAL_TLS_KEY,
      tlsCa: e.TEMPORAL_TLS_CA,
      tlsServerName: e.TEMPORAL_TLS_SERVER_NAME,
      apiKey: e.TEMPORAL_API_KEY,
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      dbFile: resolve(dataDir, 'temporal.db'),
    },
    smtp: {
      /** Unset: `npm start` runs an embedded SMTP server that keeps mail in the data folder. */
      host: e.SMTP_HOST,
      port: e.SMTP_PORT,
      secure: e.SMTP_SECURE,
      user: e.SMTP_USER,
      pass: e.SMTP_PASS,
    },
    mailFrom: e.MAIL_FROM,
    /** Signs sign-in and action links and keys CSRF tokens; `npm start` makes one in DATA_DIR. */
    sessionSecret: e.SESSION_SECRET,
    /** People who may always sign in as coordinators (more are kept in the users table). */
    coordinatorEmails: e.COORDINATOR_EMAILS,
    /**
     * Behind a reverse proxy, the per-client sign-in limit must key on the client's address,
     * not the proxy's: Express's `trust proxy` setting (a hop count or the proxies' addresses).
     */
    trustProxy:
      e.TRUST_PROXY === undefined
        ? undefined
        : /^\d+$/.test(e.TRUST_PROXY)
          ? Number(e.TRUST_PROXY)
          : e.TRUST_PROXY,
    /**
     * A workflow bundle built beforehand (worker/create.ts bundleWorkflows) from this very
     * code: a restarted worker polls at once instead of bundling for seconds. Unset: bundled
     * at start.
     */
    workflowBundle: e.WORKFLOW_BUNDLE === undefined ? undefined : resolve(e.WORKFLOW_BUNDLE),
    /**
     * How many workflows the worker keeps in its sticky cache; unset, worker/build.ts sizes it
     * from the memory the worker may use (cachedWorkflowsFor).
     */
    maxCachedWorkflows: e.WORKER_MAX_CACHED_WORKFLOWS,
    /** Where Prometheus scrapes each process; unset, that process serves no metrics. */
    metrics: { api: e.API_METRICS_PORT, worker: e.WORKER_METRICS_PORT, host: e.METRICS_HOST },
    /** `json`: one JSON object per line (ops/log.ts), for a log collector. */
    logFormat: e.LOG_FORMAT,
  };
}

/**
 * The benchmarks' overrides (`BENCH_*`: sizes, parts, where their files go), read here like
 * every other variable; bench/run.ts checks each one it knows.
 */
export function benchEnv(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('BENCH_') && value !== undefined && value !== '') out[name] = value;
  }
  return out;
}

/** The command line's locale (LC_ALL, LC_MESSAGES, LANG), for the language of its answers. */
export function localeOf(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || undefined;
}

/**
 * The environment a child process of ours runs with (`npm run start:cluster`'s workers): this
 * one's, with the given variables set; the one place besides loadConfig that reads it.
 */
export function childEnv(
  set: Record<string, string | undefined>,
  env: NodeJS.ProcessEnv = process.env,
): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const [k, v] of Object.entries(set)) if (v !== undefined) out[k] = v;
  return out;
}

/** NODE_OPTIONS as this process got it: worker/memory.ts reads V8's heap flags from it. */
export function nodeOptions(env: NodeJS.ProcessEnv = process.env): string {
  return env['NODE_OPTIONS'] ?? '';
}

/** This process's environment without NODE_OPTIONS, for a child that must not take its flags. */
export function envWithoutNodeOptions(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== 'NODE_OPTIONS'));
}
