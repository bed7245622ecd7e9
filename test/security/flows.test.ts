// Signed links, rate limits, security headers and the logs, over HTTP against the real app
// (SQLite file, a real SMTP server, the Temporal dev server with an in-process worker).
//
// Everything the app and the worker log while this file runs is kept (console.*, the app's
// default `log`, the Temporal runtime's logger with the core's lines forwarded); the last test
// adds the failure paths (a refusing and an absent SMTP server, an unreachable Temporal, failing
// activities) and then looks for addresses, people's names and tokens in all of it.
import { createServer } from 'node:net';
import { format, inspect } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from '../../activities/mailer.ts';
import { StartDuty, type Agency } from '../../common/duty-schema.ts';
import { getStateQuery } from '../../common/messages.ts';
import type { Directory, DirectoryAgency } from '../../common/plan-schema.ts';
import { removeUser, saveUser } from '../../db/users.ts';
import { DAY_MS } from '../../domain/local-time.ts';
import {
  signActionLink,
  signActionToken,
  signSignInToken,
  SIGN_IN_TTL_MS,
} from '../../services/signed-links.ts';
import { startDuty } from '../../services/starts.ts';
import { parseMail } from '../support/mail.ts';
import {
  Agent,
  asAgency,
  COORDINATOR,
  csrfOf,
  entryOf,
  fixtureDirectory,
  sessionAgent,
  signInByMail,
  signInLinkFor,
  smallPlan,
  startStack,
  until,
  VIEWER,
  visitor,
  type Answer,
  type Stack,
} from './stack.ts';

// ---- everything logged while this file runs -------------------------------------------------
const logged: string[] = [];
const keep = (line: string) => logged.push(line);
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  console[level] = (...args: unknown[]) => keep(`console.${level} ${format(...args)}`);
}
Runtime.install({
  logger: new DefaultLogger('DEBUG', (entry) =>
    keep(`${entry.level} ${entry.message} ${inspect(entry.meta, { depth: 6 })}`),
  ),
  telemetryOptions: { logging: { filter: { core: 'INFO', other: 'INFO' }, forward: {} } },
});

const TOKEN = 'flows-api-token-0123456789abcdef-xyz';
const SECRET = 'flows-session-secret-0123456789abcdef-xyz';
const PLAN = 'sec-flows';
/** A mailbox the SMTP server refuses, as a real one refuses an unknown user. */
const REFUSED_DOMAIN = 'tu-choi.example';

// People with names of people (the fixture's contacts are titles), so a leak is unmistakable.
const PEOPLE: Record<string, { head: string; focal: string }> = {
  'a-luoi.phong-nnptnt': { head: 'Hồ Văn Thanh', focal: 'Nguyễn Thị Hoa' },
  'a-luoi.phong-ldtbxh': { head: 'Trần Quốc Bảo', focal: 'Phạm Thị Lan' },
  'a-luoi.tt-dvnn': { head: 'Kăn Sọ Hiền', focal: 'Hồ Thị Mai' },
};
const base = fixtureDirectory();
const REFUSED_PERSON = { name: 'Lê Thị Bích Ngọc', email: `ke-toan@${REFUSED_DOMAIN}` };
const directory: Directory = {
  ...base,
  agencies: [
    ...base.agencies.map((a): DirectoryAgency => {
      const p = PEOPLE[a.id];
      if (!p) return a;
      return {
        ...a,
        head: { ...a.head, name: p.head },
        focalPoints: a.focalPoints.map((f) => ({ ...f, name: p.focal })),
      };
    }),
    // An office whose accountant's mailbox the mail server refuses.
    {
      ...entryOf(base, 'a-luoi.phong-tckh'),
      id: 'a-luoi.ke-toan',
      name: 'Bộ phận kế toán (kiểm thử)',
      shortNames: [],
      head: REFUSED_PERSON,
      focalPoints: [],
    },
  ],
};
const AGRICULTURE = entryOf(directory, 'a-luoi.phong-nnptnt');
const LABOUR = entryOf(directory, 'a-luoi.phong-ldtbxh');
const AGRI_SERVICES = entryOf(directory, 'a-luoi.tt-dvnn');

let stack: Stack;
let standing: Agent;
/** Every secret this file hands out: none may ever be logged. */
const secrets = new Set<string>([TOKEN, SECRET]);

const enc = encodeURIComponent;
const now = Date.now();

function dutyInput(ref: string, lead: Agency, dueInDays = 10): StartDuty {
  return StartDuty.parse({
    planId: PLAN,
    dutyId: ref,
    period: '2026',
    title: `Báo cáo kết quả thực hiện Dự án 2 – ${ref}`,
    product: 'Báo cáo năm',
    dueAt: new Date(now + dueInDays * DAY_MS).toISOString(),
    lead,
    coordinating: [asAgency(AGRI_SERVICES)],
    standing: asAgency(LABOUR),
    supervisor: {
      name: 'Chủ tịch UBND huyện',
      email: 'chu-tich@ubnd.a-luoi.example',
      title: 'Chủ tịch UBND huyện',
    },
  });
}

const snapshot = async (id: string) => {
  // What was done to it; the revision also moves when the worker records a message it sent.
  const s = await stack.client.workflow.getHandle(id).query(getStateQuery);
  return { status: s.status, history: s.history.map((h) => h.action) };
};

/** Answers sent to a person who may not sign in, or with a refused link: no session comes. */
const noSession = (a: Answer) => expect(a.setCookies.some((c) => c.startsWith('sid='))).toBe(false);

/** Flips one character of part `index` of a `claims.signature` token. */
function flip(token: string, index: 0 | 1): string {
  const parts = token.split('.');
  const part = parts[index]!;
  const at = Math.floor(part.length / 2);
  parts[index] = part.slice(0, at) + (part[at] === 'A' ? 'B' : 'A') + part.slice(at + 1);
  return parts.join('.');
}

/** The same signature over other claims: what an attacker who edits the link can make. */
function withClaims(token: string, edit: (c: Record<string, unknown>) => void): string {
  const [payload = '', signature = ''] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
    string,
    unknown
  >;
  edit(claims);
  return `${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
}

beforeAll(async () => {
  stack = await startStack({
    name: 'security-flows',
    directory,
    plans: [smallPlan(PLAN)],
    apiToken: TOKEN,
    sessionSecret: SECRET,
    refuse: (address) => address.endsWith(`@${REFUSED_DOMAIN}`),
  });
  standing = await sessionAgent(stack.base, stack.db, LABOUR.head.email);
});

afterAll(async () => {
  await stack?.stop();
});

/** Every sign-in and action link that reached the mail server is a secret too. */
async function remember(mailCountBefore: number): Promise<void> {
  for (const mail of stack.sink.received.slice(mailCountBefore)) {
    const text = (await parseMail(mail)).text;
    for (const m of text.matchAll(/\/(?:sign-in\/link\?t=|actions\/)([\w.-]+)/g))
      secrets.add(m[1]!);
  }
}

describe('sign-in links', () => {
  it('open a confirmation page, sign in once, and are refused the second time', async () => {
    const before = stack.sink.received.length;
    const agent = await signInByMail(stack.base, stack.sink, AGRICULTURE.head.email);
    secrets.add(agent.cookies.get('sid')!);
    const link = await signInLinkFor(stack.sink, AGRICULTURE.head.email, before);
    await remember(before);
    // The same link again, from another browser: refused, with a clear page, no session.
    const other = await visitor(stack.base);
    const page = await other.request('GET', link);
    expect(page.status).toBe(200);
    other.csrf = csrfOf(page.text);
    const t = new URL(link, stack.base).searchParams.get('t')!;
    const again = await other.post('/sign-in/link', { t });
    expect(again.status).toBe(400);
    expect(again.text).toContain('Đường dẫn này đã được sử dụng');
    noSession(again);
  });

  it('are refused when any part is changed, and sign nobody in', async () => {
    const { token } = signSignInToken(SECRET, { email: AGRICULTURE.head.email });
    secrets.add(token);
    const { token: otherSecret } = signSignInToken('another-secret-0123456789abcdef-0123', {
      email: AGRICULTURE.head.email,
    });
    const action = signActionToken({
      secret: SECRET,
      workflowId: 'duty:x:y:2026',
      action: 'acknowledge',
      email: AGRICULTURE.head.email,
      expiresAt: now + DAY_MS,
    });
    const tampered = {
      'claims changed': flip(token, 0),
      'signature changed': flip(token, 1),
      'another address in the claims': withClaims(token, (c) => {
        c['email'] = LABOUR.head.email;
      }),
      'a later expiry in the claims': withClaims(token, (c) => {
        c['exp'] = now + 365 * DAY_MS;
      }),
      'cut short': token.slice(0, -5),
      'no signature': token.split('.')[0]!,
      'signed with another secret': otherSecret,
      'an action link used to sign in': action,
      empty: '',
    };
    const agent = await visitor(stack.base);
    for (const [what, t] of Object.entries(tampered)) {
      const page = await agent.request('GET', `/sign-in/link?t=${enc(t)}`);
      expect(page.status, what).toBe(400);
      expect(page.text, what).toContain('Đường dẫn không hợp lệ');
      expect(page.text, what).toContain('href="/sign-in"');
      const posted = await agent.post('/sign-in/link', { t });
      expect(posted.status, what).toBe(400);
      noSession(posted);
    }
    // The untouched token still works: what was refused was the change, not the link.
    const good = await agent.post('/sign-in/link', { t: token });
    expect(good.status).toBe(303);
    secrets.add(agent.cookies.get('sid')!);
  });

  it('are refused after 15 minutes, with a page that says so', async () => {
    const { token } = signSignInToken(SECRET, {
      email: AGRICULTURE.head.email,
      nowMs: Date.now() - SIGN_IN_TTL_MS - 1000,
    });
    const agent = await visitor(stack.base);
    const page = await agent.request('GET', `/sign-in/link?t=${token}`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('Đường dẫn đã hết hạn');
    const posted = await agent.post('/sign-in/link', { t: token });
    expect(posted.status).toBe(400);
    noSession(posted);
  });

  it('are refused for someone who has lost access since, whose sessions end too', async () => {
    await saveUser(stack.db, { email: VIEWER, name: 'Võ Thị Sáu', role: 'viewer' }, 'test');
    const session = await signInByMail(stack.base, stack.sink, VIEWER);
    const before = stack.sink.received.length;
    const agent = await visitor(stack.base);
    await agent.post('/sign-in', { email: VIEWER });
    const link = await signInLinkFor(stack.sink, VIEWER, before);
    await remember(before);
    await removeUser(stack.db, VIEWER);
    const confirm = await agent.request('GET', link);
    agent.csrf = csrfOf(confirm.text);
    const posted = await agent.post('/sign-in/link', {
      t: new URL(link, stack.base).searchParams.get('t')!,
    });
    expect(posted.status).toBe(403);
    expect(posted.text).toContain('Địa chỉ này không còn quyền sử dụng hệ thống');
    noSession(posted);
    // The session from before is worth nothing with the next click.
    const home = await session.request('GET', '/');
    expect(home.status).toBe(303);
    expect(home.location).toMatch(/^\/sign-in/);
  });

  it('lead only to a path on this site after sign-in', async () => {
    for (const [next, landing] of [
      ['//evil.example/x', '/'],
      ['https://evil.example/', '/'],
      ['/\\evil.example', '/'],
      ['/duties/abc?x=1', '/duties/abc?x=1'],
    ] as const) {
      const agent = await visitor(stack.base);
      const before = stack.sink.received.length;
      const email = AGRICULTURE.focalPoints[0]!.email;
      await agent.post('/sign-in', { email, next });
      const link = await signInLinkFor(stack.sink, email, before);
      await remember(before);
      agent.csrf = csrfOf((await agent.request('GET', link)).text);
      const done = await agent.post('/sign-in/link', {
        t: new URL(link, stack.base).searchParams.get('t')!,
      });
      expect(done.status).toBe(303);
      expect(done.location, next).toBe(landing);
      secrets.add(agent.cookies.get('sid')!);
    }
  });

  it('the language switch, too, only ever goes back to this site', async () => {
    const anonymous = new Agent(stack.base);
    for (const next of ['//evil.example', 'https://evil.example/', '/\\evil.example']) {
      const answer = await anonymous.request('GET', `/lang/en?next=${enc(next)}`);
      expect(answer.status).toBe(303);
      expect(answer.location, next).toBe('/');
    }
  });

  it('sign-out ends the session: the old cookie is nobody', async () => {
    const agent = await sessionAgent(stack.base, stack.db, AGRICULTURE.head.email);
    const sid = agent.cookies.get('sid')!;
    secrets.add(sid);
    expect((await agent.post('/sign-out')).status).toBe(303);
    const replay = new Agent(stack.base);
    replay.cookies.set('sid', sid);
    expect((await replay.request('GET', '/')).location).toMatch(/^\/sign-in/);
  });
});

describe('action links in messages', () => {
  let dutyF: string;
  let dutyG: string;
  beforeAll(async () => {
    [dutyF, dutyG] = await Promise.all([
      startDuty(stack.client, dutyInput('F', asAgency(AGRICULTURE))),
      startDuty(stack.client, dutyInput('G', asAgency(AGRICULTURE))),
    ]);
  });

  /** Opens an action link and presses its button, as a browser that has no session. */
  async function useLink(path: string): Promise<{ page: Answer; done: Answer }> {
    const agent = await visitor(stack.base);
    const page = await agent.request('GET', path);
    if (page.status === 200) agent.csrf = csrfOf(page.text);
    const done = await agent.post(path);
    return { page, done };
  }

  it('the link in an urge acknowledges once; opening it does nothing; its reuse is refused', async () => {
    const before = stack.sink.received.length;
    const urged = await new Agent(stack.base, { bearer: TOKEN }).request(
      'POST',
      `/api/duties/${enc(dutyF)}/urge`,
      { json: { actor: { name: 'Trần Quốc Bảo', agencyId: LABOUR.id } } },
    );
    expect(urged.status).toBe(200);
    const mail = await until(async () => {
      for (const m of stack.sink.received.slice(before)) {
        if (m.to.includes(AGRICULTURE.head.email)) return parseMail(m);
      }
      return undefined;
    }, 'the urge message');
    await remember(before);
    const path = /https?:\/\/[^/\s]+(\/actions\/[\w.-]+)/.exec(mail.text)?.[1];
    expect(path).toBeDefined();
    const start = await snapshot(dutyF);
    const agent = await visitor(stack.base);
    const page = await agent.request('GET', path!);
    expect(page.status).toBe(200);
    expect(page.text).toContain(AGRICULTURE.head.email);
    expect(await snapshot(dutyF)).toEqual(start);
    agent.csrf = csrfOf(page.text);
    const done = await agent.post(path!);
    expect(done.status).toBe(200);
    expect(done.text).toContain('Đã tiếp nhận nhiệm vụ');
    const acknowledged = await snapshot(dutyF);
    expect(acknowledged.status).toBe('acknowledged');
    const again = await useLink(path!);
    expect(again.done.status).toBe(400);
    expect(again.done.text).toContain('Đường dẫn này đã được sử dụng');
    expect(await snapshot(dutyF)).toEqual(acknowledged);
  });

  it('tampered, re-aimed at another duty or action, expired or for someone not allowed: refused, nothing done', async () => {
    const sign = (over: Partial<Parameters<typeof signActionToken>[0]> = {}) => {
      const t = signActionToken({
        secret: SECRET,
        workflowId: dutyG,
        action: 'acknowledge',
        email: AGRICULTURE.head.email,
        expiresAt: Date.now() + DAY_MS,
        ...over,
      });
      secrets.add(t);
      return t;
    };
    const good = sign();
    const { token: signIn } = signSignInToken(SECRET, { email: AGRICULTURE.head.email });
    const cases: [string, string, number, string][] = [
      ['claims changed', flip(good, 0), 400, 'Đường dẫn không hợp lệ'],
      ['signature changed', flip(good, 1), 400, 'Đường dẫn không hợp lệ'],
      ['cut short', good.slice(0, -3), 400, 'Đường dẫn không hợp lệ'],
      [
        'aimed at another duty',
        withClaims(good, (c) => {
          c['wf'] = dutyF;
        }),
        400,
        'Đường dẫn không hợp lệ',
      ],
      [
        'aimed at another action',
        withClaims(good, (c) => {
          c['act'] = 'accept';
        }),
        400,
        'Đường dẫn không hợp lệ',
      ],
      [
        'given to another person',
        withClaims(good, (c) => {
          c['email'] = LABOUR.head.email;
        }),
        400,
        'Đường dẫn không hợp lệ',
      ],
      [
        'signed with another secret',
        signActionToken({
          secret: 'x'.repeat(40),
          workflowId: dutyG,
          action: 'acknowledge',
          email: AGRICULTURE.head.email,
          expiresAt: Date.now() + DAY_MS,
        }),
        400,
        'Đường dẫn không hợp lệ',
      ],
      ['a sign-in link used as an action link', signIn, 400, 'Đường dẫn không hợp lệ'],
      ['expired', sign({ expiresAt: Date.now() - 1000 }), 400, 'Đường dẫn đã hết hạn'],
      // Properly signed, but accepting is the standing agency's, not the lead's.
      ['an action its person may not do', sign({ action: 'accept' }), 403, 'không còn quyền'],
      [
        'for an address nobody knows',
        sign({ email: 'la@khong-quen.example' }),
        403,
        'không còn quyền',
      ],
    ];
    const start = await snapshot(dutyG);
    for (const [what, token, status, words] of cases) {
      const { page, done } = await useLink(`/actions/${token}`);
      expect(page.status, what).toBe(status);
      expect(page.text, what).toContain(words);
      expect(done.status, what).toBe(status);
      expect(await snapshot(dutyG), what).toEqual(start);
    }
    // A link for another duty does not act on this one, nor the reverse.
    const forF = signActionLink({
      secret: SECRET,
      publicUrl: stack.base,
      workflowId: dutyF,
      action: 'accept',
      email: LABOUR.head.email,
      expiresAt: Date.now() + DAY_MS,
    });
    secrets.add(forF.split('/actions/')[1]!);
    // F is acknowledged, not submitted: accepting is refused by the duty (409), G untouched.
    const { done } = await useLink(new URL(forF).pathname);
    expect(done.status).toBe(409);
    expect(await snapshot(dutyG)).toEqual(start);
    // The good link itself still works: the refusals were about the changes.
    expect((await useLink(`/actions/${good}`)).done.status).toBe(200);
  });

  it('does nothing for someone removed from the directory since it was sent', async () => {
    const dutyH = await startDuty(stack.client, dutyInput('H', asAgency(AGRICULTURE)));
    const focal = AGRICULTURE.focalPoints[0]!;
    const path = `/actions/${signActionToken({
      secret: SECRET,
      workflowId: dutyH,
      action: 'acknowledge',
      email: focal.email,
      expiresAt: Date.now() + DAY_MS,
    })}`;
    secrets.add(path.slice('/actions/'.length));
    const token = new Agent(stack.base, { bearer: TOKEN });
    const put = await token.request('PUT', `/api/agencies/${AGRICULTURE.id}`, {
      json: { ...AGRICULTURE, focalPoints: [] },
    });
    expect(put.status).toBe(200);
    const start = await snapshot(dutyH);
    try {
      const { page, done } = await useLink(path);
      expect(page.status).toBe(403);
      expect(done.status).toBe(403);
      expect(done.text).toContain('Địa chỉ này không còn quyền sử dụng hệ thống');
      expect(await snapshot(dutyH)).toEqual(start);
    } finally {
      await token.request('PUT', `/api/agencies/${AGRICULTURE.id}`, { json: AGRICULTURE });
    }
  });
});

describe('rate limits', () => {
  it('sign-in: the sixth link for one address within 15 minutes is refused with 429 and no mail', async () => {
    const app = await stack.extraApp({});
    try {
      const agent = await visitor(app.base);
      const before = stack.sink.received.length;
      for (let i = 0; i < 5; i++) {
        expect((await agent.post('/sign-in', { email: LABOUR.focalPoints[0]!.email })).status).toBe(
          200,
        );
      }
      await stack.sink.waitFor(before + 5);
      await remember(before);
      const sixth = await agent.post('/sign-in', { email: LABOUR.focalPoints[0]!.email });
      expect(sixth.status).toBe(429);
      const retryAfter = Number(sixth.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(sixth.text).toContain('Đã có quá nhiều yêu cầu đăng nhập');
      expect(sixth.text).not.toContain('Kiểm tra hộp thư');
      // The handler answers only after the SMTP server has taken a message: none came.
      expect(stack.sink.received.length).toBe(before + 5);
      // The limit is per address: another address still gets its link.
      expect((await agent.post('/sign-in', { email: LABOUR.head.email })).status).toBe(200);
      await stack.sink.waitFor(before + 6);
      await remember(before);
    } finally {
      await app.close();
    }
  });

  it('sign-in: one client may ask 100 times in 15 minutes, then gets 429', async () => {
    const app = await stack.extraApp({});
    try {
      const agent = await visitor(app.base);
      const before = stack.sink.received.length;
      // Addresses nobody has: the same page, and no mail, as for anyone.
      for (let i = 0; i < 100; i++) {
        const answer = await agent.post('/sign-in', { email: `nguoi-${i}@khong-quen.example` });
        expect(answer.status).toBe(200);
      }
      const over = await agent.post('/sign-in', { email: AGRICULTURE.head.email });
      expect(over.status).toBe(429);
      expect(Number(over.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(stack.sink.received.length).toBe(before);
    } finally {
      await app.close();
    }
  });

  it('urging: once a day per duty — 429 from the API, a clear refusal on the page', async () => {
    const [viaApi, viaPage] = await Promise.all([
      startDuty(stack.client, dutyInput('U1', asAgency(AGRICULTURE), -3)),
      startDuty(stack.client, dutyInput('U2', asAgency(AGRICULTURE), -3)),
    ]);
    const token = new Agent(stack.base, { bearer: TOKEN });
    // Refusals are worded in the reader's language (Vietnamese unless asked for English):
    // this script reads English.
    const urge = () =>
      token.request(
        'POST',
        `/api/duties/${enc(viaApi)}/urge`,
        { json: { actor: { name: 'Trần Quốc Bảo', agencyId: LABOUR.id } } },
        { 'accept-language': 'en' },
      );
    expect((await urge()).status).toBe(200);
    const second = await urge();
    expect(second.status).toBe(429);
    expect(second.text).toMatch(/the next urge is possible from \d\d:\d\d \d\d\/\d\d\/\d{4}/);

    const page = `/duties/${enc(viaPage)}/urge`;
    expect((await standing.post(page)).status).toBe(303);
    const start = await snapshot(viaPage);
    const again = await standing.post(page);
    expect(again.status).toBe(429);
    expect(again.text).toMatch(
      /Không thực hiện được: Nhiệm vụ đã được đôn đốc lúc [\d:/ ]+; có thể đôn đốc lại từ \d\d:\d\d \d\d\/\d\d\/\d{4}/,
    );
    expect(await snapshot(viaPage)).toEqual(start);
  });
});

describe('rate limits across duties', () => {
  it('urging from the pages: one person urges at most so many duties an hour', async () => {
    const app = await stack.extraApp({ urgesPerHour: 2 });
    try {
      const ids = await Promise.all(
        ['M1', 'M2', 'M3'].map((ref) =>
          startDuty(stack.client, dutyInput(ref, asAgency(AGRICULTURE), -2)),
        ),
      );
      const officer = await sessionAgent(app.base, stack.db, LABOUR.focalPoints[0]!.email);
      secrets.add(officer.cookies.get('sid')!);
      const urge = (id: string) => officer.post(`/duties/${enc(id)}/urge`);
      expect((await urge(ids[0]!)).status).toBe(303);
      expect((await urge(ids[1]!)).status).toBe(303);
      const start = await snapshot(ids[2]!);
      const third = await urge(ids[2]!);
      expect(third.status).toBe(429);
      expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(third.text).toMatch(
        /Không thực hiện được: Anh\/chị đã đôn đốc 2 nhiệm vụ trong một giờ qua; vui lòng thử lại sau \d+ phút/,
      );
      expect(await snapshot(ids[2]!)).toEqual(start);
      // Another officer of the same office is counted on their own.
      const colleague = await sessionAgent(app.base, stack.db, LABOUR.head.email);
      secrets.add(colleague.cookies.get('sid')!);
      expect((await colleague.post(`/duties/${enc(ids[2]!)}/urge`)).status).toBe(303);
    } finally {
      await app.close();
    }
  });
});

describe('security headers', () => {
  const PAGE = {
    'content-security-policy': /default-src 'self'.*frame-ancestors 'none'/,
    'x-content-type-options': /^nosniff$/,
    'x-frame-options': /^DENY$/,
    'referrer-policy': /^(same-origin|no-referrer)$/,
    'cache-control': /no-store/,
  };
  const API = {
    'content-security-policy': /^default-src 'none'; frame-ancestors 'none'$/,
    'x-content-type-options': /^nosniff$/,
    'x-frame-options': /^DENY$/,
    'referrer-policy': /^no-referrer$/,
    'cache-control': /no-store/,
  };
  const has = (what: string, a: Answer, wanted: Record<string, RegExp>) => {
    for (const [name, value] of Object.entries(wanted)) {
      expect(a.headers.get(name) ?? '', `${what}: ${name}`).toMatch(value);
    }
    expect(a.headers.get('x-powered-by'), what).toBeNull();
  };

  it('on pages and error pages, signed in or not', async () => {
    const own = await sessionAgent(stack.base, stack.db, AGRICULTURE.head.email);
    secrets.add(own.cookies.get('sid')!);
    const anonymous = new Agent(stack.base);
    const answers: [string, Answer][] = [
      ['sign-in page', await anonymous.request('GET', '/sign-in')],
      ['redirect to sign-in', await anonymous.request('GET', '/')],
      ['home', await own.request('GET', '/')],
      ['settings', await own.request('GET', '/settings')],
      ['404 page', await own.request('GET', '/no-such-page')],
      ['403 page', await own.request('GET', '/users')],
      ['403 form token', await own.request('POST', '/settings/reminders', { form: {} })],
      ['400 link page', await anonymous.request('GET', '/sign-in/link?t=x')],
    ];
    for (const [what, a] of answers) has(what, a, PAGE);
    expect(answers[2]![1].headers.get('content-type')).toMatch(/^text\/html; charset=utf-8/);
  });

  it('on static files, API answers and API errors', async () => {
    const anonymous = new Agent(stack.base);
    const token = new Agent(stack.base, { bearer: TOKEN });
    for (const [path, type] of [
      ['/static/app.css', /^text\/css/],
      ['/static/app.js', /^(text|application)\/javascript/],
      ['/static/tracks.css', /^text\/css/],
    ] as const) {
      const a = await anonymous.request('GET', path);
      expect(a.status, path).toBe(200);
      expect(a.headers.get('content-type'), path).toMatch(type);
      expect(a.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
    has('missing static file', await anonymous.request('GET', '/static/nope.js'), PAGE);
    const calendar = await token.request('POST', `/api/agencies/${LABOUR.id}/calendar-tokens`);
    const feed = new URL((JSON.parse(calendar.text) as { url: string }).url);
    secrets.add(feed.searchParams.get('token')!);
    const answers: [string, Answer][] = [
      ['duties', await token.request('GET', '/api/duties')],
      ['openapi', await anonymous.request('GET', '/api/openapi.json')],
      ['401', await anonymous.request('GET', '/api/duties')],
      ['404', await token.request('GET', '/api/nothing-here')],
      ['400', await token.request('POST', '/api/duties', { json: {} })],
      ['calendar token', calendar],
      ['health', await anonymous.request('GET', '/health')],
    ];
    for (const [what, a] of answers) has(what, a, { ...API, 'cache-control': /no-store|no-cache/ });
    // The calendar feed: a private answer, never sniffed.
    const ics = await anonymous.request('GET', feed.pathname + feed.search);
    expect(ics.status).toBe(200);
    has('calendar feed', ics, { ...API, 'cache-control': /^private/ });
  });

  it('on file downloads and exports: attachments, never sniffed, never kept by a shared cache', async () => {
    const own = await sessionAgent(stack.base, stack.db, AGRICULTURE.head.email);
    secrets.add(own.cookies.get('sid')!);
    const id = await startDuty(stack.client, dutyInput('FILE', asAgency(AGRICULTURE)));
    const pdf = '%PDF-1.4\n%%EOF\n';
    const submitted = await own.postMultipart(`/duties/${enc(id)}/submit`, { text: 'Báo cáo' }, [
      new File([pdf], 'Báo cáo <script>.pdf', { type: 'text/html' }),
    ]);
    expect(submitted.status).toBe(303);
    const state = await stack.client.workflow.getHandle(id).query(getStateQuery);
    const file = state.submissions[0]!.attachments[0]!;
    const download = await own.request('GET', `/files/${file.id}`);
    expect(download.status).toBe(200);
    expect(download.text).toBe(pdf);
    // Served as what its bytes are, not as what the upload claimed.
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('content-disposition')).toMatch(/^attachment;/);
    has('file', download, { ...PAGE, 'cache-control': /private, no-store/ });
    const exported = await standing.request('GET', `/tracking/overdue.xlsx?planId=${PLAN}`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toMatch(/^attachment;/);
    has('export', exported, PAGE);
  });

  it('cookies: HttpOnly and SameSite=Lax; Secure once the site is https', async () => {
    const cookie = (a: Answer, name: string) => a.setCookies.find((c) => c.startsWith(`${name}=`));
    const checkSession = async (site: string, secure: boolean) => {
      const agent = await visitor(site);
      const first = await new Agent(site).request('GET', '/sign-in');
      const before = stack.sink.received.length;
      await agent.post('/sign-in', { email: LABOUR.head.email });
      const link = await signInLinkFor(stack.sink, LABOUR.head.email, before);
      await remember(before);
      agent.csrf = csrfOf((await agent.request('GET', link)).text);
      const done = await agent.post('/sign-in/link', {
        t: new URL(link, site).searchParams.get('t')!,
      });
      secrets.add(agent.cookies.get('sid')!);
      agent.csrf = csrfOf((await agent.request('GET', '/settings')).text);
      for (const [name, c] of [
        ['pre', cookie(first, 'pre')],
        ['sid', cookie(done, 'sid')],
      ] as const) {
        expect(c, name).toBeDefined();
        expect(c, name).toMatch(/; HttpOnly/);
        expect(c, name).toMatch(/; SameSite=Lax/);
        expect(c, name).toMatch(/; Path=\//);
        if (secure) expect(c, name).toMatch(/; Secure/);
        else expect(c, name).not.toMatch(/; Secure/);
      }
      // Signing out clears the session cookie with the same attributes.
      const out = cookie(await agent.post('/sign-out'), 'sid');
      expect(out).toMatch(/Expires=Thu, 01 Jan 1970/);
      expect(out).toMatch(/; HttpOnly/);
    };
    await checkSession(stack.base, false);
    const https = await stack.extraApp({ publicUrl: 'https://duties.example' });
    try {
      await checkSession(https.base, true);
    } finally {
      await https.close();
    }
  });
});

describe('no personal data in logs', () => {
  it('after all of the above and the failure paths, the logs hold no address, name or token', async () => {
    const token = new Agent(stack.base, { bearer: TOKEN });
    // 1. The SMTP server refuses the address a sign-in link is for: a 500 page, logged.
    const refused = await visitor(stack.base);
    const failed = await refused.post('/sign-in', { email: REFUSED_PERSON.email });
    expect(failed.status).toBe(500);
    expect(failed.text).not.toContain(REFUSED_PERSON.email);
    // 2. No SMTP server at all.
    const closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as { port: number };
        s.close(() => resolve(port));
      });
    });
    const noMail = createSmtpMailer({ host: '127.0.0.1', port: closedPort, secure: false });
    const offline = await stack.extraApp({ mailer: noMail });
    // 3. A Temporal nobody answers at: the pages and the API fail with 500 and log it.
    const nowhere = new Client({
      // No retry interceptor: the first refusal is the answer.
      connection: Connection.lazy({
        address: `127.0.0.1:${closedPort}`,
        connectTimeout: 1000,
        interceptors: [],
      }),
    });
    const deaf = await stack.extraApp({ client: nowhere });
    try {
      const agent = await visitor(offline.base);
      expect((await agent.post('/sign-in', { email: AGRICULTURE.head.email })).status).toBe(500);
      const own = await sessionAgent(deaf.base, stack.db, AGRICULTURE.head.email);
      secrets.add(own.cookies.get('sid')!);
      const page = await own.request('GET', `/duties/${enc(`duty:${PLAN}:nope:2026`)}`);
      expect(page.status).toBe(500);
      const viaApi = await new Agent(deaf.base, { bearer: TOKEN }).request(
        'GET',
        `/api/duties/${enc(`duty:${PLAN}:nope:2026`)}`,
      );
      expect(viaApi.status).toBe(500);
      // Vietnamese by default, and nothing of the cause.
      expect(viaApi.text).toBe(
        '{"error":{"code":"internal","message":"Hệ thống gặp lỗi. Vui lòng thử lại sau."}}',
      );
    } finally {
      noMail.close();
      await offline.close();
      await deaf.close();
      await nowhere.connection.close();
    }
    // 4. The worker's delivery fails for one recipient and Temporal retries it.
    const office: Agency = {
      ...asAgency(AGRICULTURE),
      focalPoints: [...AGRICULTURE.focalPoints, REFUSED_PERSON],
    };
    const id = await startDuty(stack.client, dutyInput('SMTP-FAIL', office));
    const urged = await token.request('POST', `/api/duties/${enc(id)}/urge`, {
      json: { actor: { name: 'Trần Quốc Bảo', agencyId: LABOUR.id } },
    });
    expect(urged.status).toBe(200);
    await until(
      () => Promise.resolve(logged.some((l) => l.includes('Activity failed')) || undefined),
      'a failed delivery in the worker log',
    );
    // The failure Temporal keeps (shown in its Web UI) does not name the address either.
    const pending = await until(async () => {
      const d = await stack.client.workflow.getHandle(id).describe();
      const failure = d.raw.pendingActivities?.find((a) => a.lastFailure)?.lastFailure;
      return failure ?? undefined;
    }, 'the recorded failure');
    expect(pending.message).toMatch(/550 <<address>>: Recipient address rejected/);
    expect(JSON.stringify(pending)).not.toContain(REFUSED_PERSON.email);
    await remember(0);

    const text = logged.join('\n');
    // The failures were logged (or this test would prove nothing)…
    expect(text).toContain('Activity failed');
    expect(text).toContain('page failed');
    expect(text).toContain('request failed');
    // …and none of it names a person, an address, or holds a token.
    const people = directory.agencies.flatMap((a) => [a.head, ...a.focalPoints]);
    const names = [...people.map((p) => p.name), 'Võ Thị Sáu', 'Trần Quốc Bảo', 'Lê Thị Bích Ngọc'];
    const addresses = [...people.map((p) => p.email), COORDINATOR, VIEWER];
    const found = [
      ...[...new Set(names)].filter((n) => text.includes(n)).map((n) => `name ${n}`),
      ...[...new Set(addresses)]
        .filter((e) => text.toLowerCase().includes(e))
        .map((e) => `address ${e}`),
      ...(text.match(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g) ?? []).map((e) => `address ${e}`),
      ...[...secrets]
        .filter((s) => s.length >= 16 && text.includes(s))
        .map((s) => `secret ${s.slice(0, 12)}…`),
    ];
    expect([...new Set(found)]).toEqual([]);
  });
});
