// CSRF and sign-in over HTTP against the real app (SQLite, a real SMTP server for the sign-in
// mail; no Temporal: these pages do not touch it). Every form POST needs the token of its own
// session, from its own site; scripts with the API token need none.
import type { Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer, type Mailer } from '../../activities/mailer.ts';
import { createApp } from '../../api/app.ts';
import { openDb, type Db } from '../../db/index.ts';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink.ts';
import { listen } from '../support/http.ts';
import { parseMail } from '../support/mail.ts';

const COORDINATOR = 'dieu-phoi@ubnd.a-luoi.example';
const TOKEN = 'api-token-0123456789abcdef';

let dir: string;
let db: Db;
let sink: MailSink;
let mailer: Mailer;
let client: Client;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'csrf-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  sink = await startMailSink();
  mailer = createSmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false });
  // Never connected: sign-in, sign-out and the users page do not ask Temporal anything.
  client = new Client();
  ({ server, base } = await listen(
    createApp({
      client,
      db,
      apiToken: TOKEN,
      web: {
        sessionSecret: 'csrf-test-secret-0123456789abcdef0123',
        publicUrl: 'http://duties.test',
        mailFrom: 'no-reply@duties.test',
        mailer,
        dataDir: dir,
        coordinatorEmails: [COORDINATOR],
      },
    }),
  ));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  mailer?.close();
  await sink?.stop();
  await db?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** A browser in miniature: keeps cookies, never follows redirects. */
class Browser {
  cookies = new Map<string, string>();

  async request(
    method: 'GET' | 'POST',
    path: string,
    form?: Record<string, string>,
    headers: Record<string, string> = {},
  ) {
    const res = await fetch(`${base}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        ...(this.cookies.size > 0
          ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }
          : {}),
        ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (/Expires=Thu, 01 Jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: res.status, location: res.headers.get('location'), text: await res.text() };
  }
}

const csrfOf = (page: string): string => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';

async function signIn(browser: Browser, email: string): Promise<void> {
  const form = await browser.request('GET', '/sign-in');
  const before = sink.received.length;
  await browser.request('POST', '/sign-in', { _csrf: csrfOf(form.text), email });
  const [mail] = await sink.waitFor(before + 1).then((all) => all.slice(before));
  const link = /http:\/\/duties\.test(\/sign-in\/link\?t=[\w.-]+)/.exec(
    (await parseMail(mail!)).text,
  )?.[1];
  const confirm = await browser.request('GET', link!);
  const token = /name="t" value="([^"]+)"/.exec(confirm.text)?.[1] ?? '';
  const done = await browser.request('POST', '/sign-in/link', {
    _csrf: csrfOf(confirm.text),
    t: token,
  });
  expect(done.status).toBe(303);
}

describe('CSRF on forms', () => {
  it('refuses the sign-in form without its token, with another visitor’s, or from another site', async () => {
    const alice = new Browser();
    const mallory = new Browser();
    const page = await alice.request('GET', '/sign-in');
    expect(page.status).toBe(200);
    const token = csrfOf(page.text);
    expect(token).not.toBe('');
    const malloryToken = csrfOf((await mallory.request('GET', '/sign-in')).text);
    const before = sink.received.length;

    const none = await alice.request('POST', '/sign-in', { email: COORDINATOR });
    expect(none.status).toBe(403);
    expect(none.text).toContain('Biểu mẫu đã hết hiệu lực');
    expect(
      (await alice.request('POST', '/sign-in', { _csrf: malloryToken, email: COORDINATOR })).status,
    ).toBe(403);
    const crossSite = await alice.request(
      'POST',
      '/sign-in',
      { _csrf: token, email: COORDINATOR },
      { origin: 'https://evil.example' },
    );
    expect(crossSite.status).toBe(403);
    expect(sink.received.length).toBe(before);

    const ok = await alice.request('POST', '/sign-in', { _csrf: token, email: COORDINATOR });
    expect(ok.status).toBe(200);
    expect(ok.text).toContain('Kiểm tra hộp thư');
    await sink.waitFor(before + 1);
  });

  it('binds the token to the session once signed in, and forgets it at sign-out', async () => {
    const browser = new Browser();
    const anonymousToken = csrfOf((await browser.request('GET', '/sign-in')).text);
    await signIn(browser, COORDINATOR);
    const users = await browser.request('GET', '/users');
    expect(users.status).toBe(200);
    const sessionToken = csrfOf(users.text);
    expect(sessionToken).not.toBe(anonymousToken);

    const add = { email: 'theo-doi@ubnd.a-luoi.example', name: 'Người theo dõi', role: 'viewer' };
    expect((await browser.request('POST', '/users', add)).status).toBe(403);
    expect(
      (await browser.request('POST', '/users', { ...add, _csrf: anonymousToken })).status,
    ).toBe(403);
    expect(
      (await db.selectFrom('users').selectAll().where('email', '=', add.email).execute()).length,
    ).toBe(0);
    const saved = await browser.request('POST', '/users', { ...add, _csrf: sessionToken });
    expect(saved.status).toBe(200);
    expect(saved.text).toContain('Đã lưu người dùng.');

    // Signing out needs the token too (a forged sign-out is a nuisance worth refusing).
    expect((await browser.request('POST', '/sign-out', {})).status).toBe(403);
    const out = await browser.request('POST', '/sign-out', { _csrf: sessionToken });
    expect(out.status).toBe(303);
    expect((await browser.request('GET', '/users')).location).toBe('/sign-in?next=%2Fusers');
  });

  it('lets scripts with the API token post without a form token', async () => {
    const res = await fetch(`${base}/users`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({
        email: 'script@ubnd.a-luoi.example',
        name: 'Script',
        role: 'viewer',
      }).toString(),
    });
    expect(res.status).toBe(200);
  });
});

describe('sign-in links', () => {
  it('answer an unknown address exactly as a known one, and send it nothing', async () => {
    const browser = new Browser();
    const token = csrfOf((await browser.request('GET', '/sign-in')).text);
    const before = sink.received.length;
    const unknown = await browser.request('POST', '/sign-in', {
      _csrf: token,
      email: 'nobody@nowhere.example',
    });
    const known = await browser.request('POST', '/sign-in', { _csrf: token, email: COORDINATOR });
    expect(unknown.status).toBe(known.status);
    expect(unknown.text.replace('nobody@nowhere.example', COORDINATOR)).toBe(known.text);
    const mails = (await sink.waitFor(before + 1)).slice(before);
    expect(mails.flatMap((m) => m.to)).toEqual([COORDINATOR]);
  });

  it('work once: the same link a second time is refused', async () => {
    const browser = new Browser();
    const form = await browser.request('GET', '/sign-in');
    const before = sink.received.length;
    await browser.request('POST', '/sign-in', { _csrf: csrfOf(form.text), email: COORDINATOR });
    const [mail] = (await sink.waitFor(before + 1)).slice(before);
    const text = (await parseMail(mail!)).text;
    const link = /http:\/\/duties\.test(\/sign-in\/link\?t=[\w.-]+)/.exec(text)![1]!;
    const confirm = await browser.request('GET', link);
    // Opening the link (as a mail scanner would) signs nobody in.
    expect(browser.cookies.has('sid')).toBe(false);
    const t = /name="t" value="([^"]+)"/.exec(confirm.text)![1]!;
    const first = await browser.request('POST', '/sign-in/link', {
      _csrf: csrfOf(confirm.text),
      t,
    });
    expect(first.status).toBe(303);
    expect(browser.cookies.has('sid')).toBe(true);

    const other = new Browser();
    const again = await other.request('GET', link);
    const second = await other.request('POST', '/sign-in/link', { _csrf: csrfOf(again.text), t });
    expect(second.status).toBe(400);
    expect(second.text).toContain('Đường dẫn này đã được sử dụng');
    expect(other.cookies.has('sid')).toBe(false);

    const tampered = await other.request('GET', `/sign-in/link?t=${t.slice(0, -2)}AA`);
    expect(tampered.status).toBe(400);
    expect(tampered.text).toContain('Đường dẫn không hợp lệ');
  });
});
