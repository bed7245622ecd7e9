// What the security tests run against: the real app (createApp with the web pages and an API
// token) on a loopback port, a SQLite file, a real SMTP server for sign-in links and duty mail,
// and a Temporal dev server with an in-process worker running the real workflows and
// activities. Plus a small HTTP agent that keeps cookies and never follows redirects, and the
// ways people get a session: the emailed link, or db/users.ts createSession as the app does.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { createSmtpMailer, type Mailer } from '../../activities/mailer.ts';
import { createApp } from '../../api/app.ts';
import { SESSION_TTL_MS } from '../../api/session.ts';
import type { Agency } from '../../common/duty-schema.ts';
import type { Directory, DirectoryAgency, PlanDefinition } from '../../common/plan-schema.ts';
import { openDb, type Db } from '../../db/index.ts';
import { createSession } from '../../db/users.ts';
import { readDirectory, readPlanDefinition } from '../../plans/definition.ts';
import { importDirectory, importPlan } from '../../plans/service.ts';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink.ts';
import { buildWorker } from '../../worker/build.ts';
import { bundleWorkflows, NativeConnection } from '../../worker/create.ts';
import { startTestDevServer, type TestDevServer } from '../support/dev-server.ts';
import { parseMail } from '../support/mail.ts';

const FIXTURES = join(process.cwd(), 'fixtures', 'a-luoi');

export const COORDINATOR = 'dieu-phoi@ubnd.a-luoi.example';
export const VIEWER = 'theo-doi@ubnd.a-luoi.example';

export const fixtureDirectory = (): Directory =>
  readDirectory(readFileSync(join(FIXTURES, 'directory.json'), 'utf8'), 'json');

export const entryOf = (directory: Directory, id: string): DirectoryAgency => {
  const a = directory.agencies.find((x) => x.id === id);
  if (!a) throw new Error(`no ${id} in the directory`);
  return a;
};

export const asAgency = (a: DirectoryAgency): Agency => ({
  id: a.id,
  name: a.name,
  head: a.head,
  focalPoints: a.focalPoints,
});

/**
 * A small plan shaped after A Lưới's (same issuer, standing agency and period) with one yearly
 * report the agriculture office leads: its cycle starts one duty, cheap enough for a test.
 */
export function smallPlan(id: string): PlanDefinition {
  const aLuoi = readPlanDefinition(readFileSync(join(FIXTURES, 'plan.json'), 'utf8'), 'json');
  return {
    ...aLuoi,
    id,
    number: `${aLuoi.number}-${id}`,
    projects: [],
    targets: [],
    duties: [
      {
        ref: 'BC-DA2',
        content: 'Báo cáo kết quả thực hiện Dự án 2 gửi phòng Lao động - Thương binh và Xã hội',
        lead: 'Phòng Nông nghiệp và Phát triển nông thôn',
        coordinating: ['Trung tâm Dịch vụ nông nghiệp'],
        product: 'Báo cáo năm',
        time: 'trước ngày 20/11 hàng năm',
      },
    ],
  };
}

export interface StackOptions {
  name: string;
  directory: Directory;
  plans: PlanDefinition[];
  apiToken: string;
  sessionSecret: string;
  /** The app's `log` dep; the default writes to the console. */
  log?: (msg: string, err?: unknown) => void;
  /** Recipients the SMTP server refuses (a failing delivery). */
  refuse?: (address: string) => boolean;
}

export interface Stack {
  dir: string;
  base: string;
  db: Db;
  client: Client;
  sink: MailSink;
  devServer: TestDevServer;
  mailer: Mailer;
  /** Another app on the same data, with its own options (its own rate limits). */
  extraApp(over: {
    publicUrl?: string;
    urgesPerHour?: number;
    mailer?: Mailer;
    client?: Client;
    log?: (msg: string, err?: unknown) => void;
  }): Promise<{ base: string; close(): Promise<void> }>;
  stop(): Promise<void>;
}

async function serve(handler: ReturnType<typeof createApp> | undefined): Promise<{
  server: Server;
  base: string;
  mount(app: ReturnType<typeof createApp>): void;
}> {
  const server = createServer();
  // Above the clients' idle timeout: a reused socket the server just closed is an ECONNRESET.
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const mount = (app: ReturnType<typeof createApp>) => server.on('request', app);
  if (handler) mount(handler);
  return { server, base, mount };
}

const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

export async function startStack(opts: StackOptions): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), `${opts.name}-`));
  const [devServer, sink, workflowBundle] = await Promise.all([
    startTestDevServer(),
    startMailSink(opts.refuse ? { refuse: opts.refuse } : {}),
    bundleWorkflows(),
  ]);
  const db = await openDb({ sqliteFile: join(dir, 'app.db') });
  await importDirectory(db, opts.directory);
  for (const plan of opts.plans) await importPlan(db, plan, false);
  const connection = await Connection.connect({ address: devServer.address });
  const client = new Client({ connection });
  const mailer = createSmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false });
  const { server, base, mount } = await serve(undefined);
  const webOptions = (over: { publicUrl?: string; mailer?: Mailer; urgesPerHour?: number }) => ({
    sessionSecret: opts.sessionSecret,
    publicUrl: over.publicUrl ?? base,
    mailFrom: 'no-reply@duties.test',
    mailer: over.mailer ?? mailer,
    dataDir: dir,
    coordinatorEmails: [COORDINATOR],
    ...(over.urgesPerHour === undefined ? {} : { urgesPerHour: over.urgesPerHour }),
  });
  mount(
    createApp({
      client,
      db,
      apiToken: opts.apiToken,
      publicUrl: base,
      ...(opts.log ? { log: opts.log } : {}),
      web: webOptions({}),
    }),
  );
  const native = await NativeConnection.connect({ address: devServer.address });
  // The worker as worker/build.ts makes it: its simulations run here too.
  const { worker } = await buildWorker({
    temporal: { connection: native, client },
    db,
    mailer,
    workflowBundle,
    publicUrl: base,
    mailFrom: 'no-reply@duties.test',
    sessionSecret: opts.sessionSecret,
  });
  const running = worker.run();
  const extras: Server[] = [];
  return {
    dir,
    base,
    db,
    client,
    sink,
    devServer,
    mailer,
    async extraApp(over) {
      const extra = await serve(
        createApp({
          client: over.client ?? client,
          db,
          apiToken: opts.apiToken,
          ...(opts.log || over.log ? { log: over.log ?? opts.log } : {}),
          web: webOptions(over),
        }),
      );
      extras.push(extra.server);
      return { base: extra.base, close: () => close(extra.server) };
    },
    async stop() {
      for (const s of extras) await close(s);
      await close(server);
      worker.shutdown();
      await running;
      await native.close();
      await connection.close();
      mailer.close();
      await db.destroy();
      await sink.stop();
      await devServer.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer {
  status: number;
  location: string | null;
  headers: Headers;
  text: string;
  setCookies: string[];
}

/** A browser or a script in miniature: keeps cookies, never follows redirects. */
export class Agent {
  readonly base: string;
  readonly cookies = new Map<string, string>();
  bearer: string | undefined;
  /** The form token this agent sends with its forms (`_csrf`), when it has one. */
  csrf: string | undefined;

  constructor(base: string, opts: { bearer?: string } = {}) {
    this.base = base;
    this.bearer = opts.bearer;
  }

  async request(
    method: string,
    path: string,
    body?: { form: Record<string, string> } | { multipart: FormData } | { json: unknown },
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const h: Record<string, string> = { ...headers };
    if (this.cookies.size > 0) {
      h['cookie'] = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    if (this.bearer !== undefined) h['authorization'] = `Bearer ${this.bearer}`;
    let payload: string | FormData | undefined;
    if (body && 'form' in body) {
      h['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams(body.form).toString();
    } else if (body && 'json' in body) {
      h['content-type'] = 'application/json';
      payload = JSON.stringify(body.json);
    } else if (body && 'multipart' in body) {
      payload = body.multipart;
    }
    const res = await fetch(`${this.base}${path}`, {
      method,
      redirect: 'manual',
      headers: h,
      ...(payload === undefined ? {} : { body: payload }),
    });
    const setCookies = res.headers.getSetCookie();
    for (const line of setCookies) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (/Expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return {
      status: res.status,
      location: res.headers.get('location'),
      headers: res.headers,
      text: await res.text(),
      setCookies,
    };
  }

  /** A form POST carrying this agent's form token, as a browser would send it. */
  post(path: string, form: Record<string, string> = {}, headers: Record<string, string> = {}) {
    return this.request(
      'POST',
      path,
      { form: { ...(this.csrf === undefined ? {} : { _csrf: this.csrf }), ...form } },
      headers,
    );
  }

  /** A multipart POST (the submit and import forms) with this agent's form token. */
  postMultipart(path: string, fields: Record<string, string>, files: File[] = [], name = 'files') {
    const data = new FormData();
    if (this.csrf !== undefined) data.append('_csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) data.append(k, v);
    for (const f of files) data.append(name, f);
    return this.request('POST', path, { multipart: data });
  }
}

export const csrfOf = (page: string): string =>
  /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

/** A visitor who has opened the sign-in page: a `pre` cookie and the form token bound to it. */
export async function visitor(base: string): Promise<Agent> {
  const agent = new Agent(base);
  const page = await agent.request('GET', '/sign-in');
  agent.csrf = csrfOf(page.text);
  return agent;
}

/** The sign-in link in the newest sign-in message to `email` that arrived after `after`. */
export async function signInLinkFor(sink: MailSink, email: string, after: number): Promise<string> {
  for (;;) {
    for (const mail of sink.received.slice(after).reverse()) {
      if (!mail.to.includes(email)) continue;
      const link = /https?:\/\/[^/\s]+(\/sign-in\/link\?t=[\w.-]+)/.exec(
        (await parseMail(mail)).text,
      )?.[1];
      if (link) return link;
    }
    await sink.waitFor(sink.received.length + 1, 30_000);
  }
}

/** Signs in through the pages: the form, the emailed link, its confirmation button. */
export async function signInByMail(base: string, sink: MailSink, email: string): Promise<Agent> {
  const agent = await visitor(base);
  const before = sink.received.length;
  const sent = await agent.post('/sign-in', { email });
  if (sent.status !== 200) throw new Error(`sign-in form answered ${sent.status}`);
  const link = await signInLinkFor(sink, email, before);
  const confirm = await agent.request('GET', link);
  const t = /name="t" value="([^"]+)"/.exec(confirm.text)?.[1] ?? '';
  agent.csrf = csrfOf(confirm.text);
  const done = await agent.post('/sign-in/link', { t });
  if (done.status !== 303 || !agent.cookies.has('sid')) {
    throw new Error(`sign-in link answered ${done.status}`);
  }
  agent.csrf = csrfOf((await agent.request('GET', '/settings')).text);
  return agent;
}

/** A session made the way the app makes one after the emailed link (db/users.ts). */
export async function sessionAgent(base: string, db: Db, email: string): Promise<Agent> {
  const { token, session } = await createSession(db, email, SESSION_TTL_MS);
  const agent = new Agent(base);
  agent.cookies.set('sid', token);
  agent.csrf = session.csrfToken;
  return agent;
}

/** Polls until `probe` gives a value (the read model follows the workflow a moment later). */
export async function until<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const got = await probe();
    if (got !== undefined) return got;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}
