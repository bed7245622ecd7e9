// Who may do what: every endpoint × every kind of caller × own or another agency, against the
// real app (SQLite file, SMTP server, Temporal dev server with an in-process worker). The
// tables below ARE the access policy; a route nobody classified fails the first test.
//
// Callers: anonymous (a visitor with the sign-in page's form token), a script with the API
// token, a wrong token, and sessions of: a coordinator, an officer of the plan's standing agency
// (the labour office), an agency user of the duty's lead agency (own), one of its coordinating
// agency (coordinating), one of an agency with no part in it (other), and a viewer.
//
// Inside each row, refused callers go first and the state of what the row touches is compared
// before and after them: a refusal does nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getStateQuery } from '../../common/messages.ts';
import { StartDuty, type Agency } from '../../common/duty-schema.ts';
import { createCalendarUrl } from '../../db/notify-prefs.ts';
import { saveUser } from '../../db/users.ts';
import { DAY_MS, formatDate } from '../../domain/local-time.ts';
import { openApiDocument } from '../../api/openapi.ts';
import { startCycle, startDuty } from '../../services/starts.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';
import { routesOf } from '../support/routes.ts';
import { fixtureResult, recordFinishedSimulation } from '../support/simulation-fixture.ts';
import {
  Agent,
  asAgency,
  COORDINATOR,
  entryOf,
  fixtureDirectory,
  sessionAgent,
  signInByMail,
  smallPlan,
  startStack,
  until,
  VIEWER,
  visitor,
  type Answer,
  type Stack,
} from './stack.ts';
import { createApp } from '../../api/app.ts';

const TOKEN = 'security-api-token-0123456789abcdef';
const SECRET = 'security-session-secret-0123456789abcdef';
const PLAN = 'sec-plan';
const directory = fixtureDirectory();
const AGRICULTURE = entryOf(directory, 'a-luoi.phong-nnptnt'); // lead of the duties (own)
const AGRI_SERVICES = entryOf(directory, 'a-luoi.tt-dvnn'); // coordinating
const LABOUR = entryOf(directory, 'a-luoi.phong-ldtbxh'); // the plan's standing agency
const EDUCATION = entryOf(directory, 'a-luoi.phong-gddt'); // no part in them (other)
const FINANCE = entryOf(directory, 'a-luoi.phong-tckh');

const ROLES = [
  'anonymous',
  'token',
  'wrongToken',
  'coordinator',
  'standing',
  'own',
  'coordinating',
  'other',
  'viewer',
] as const;
type Role = (typeof ROLES)[number];

/** 303 to the sign-in page: a person who is not signed in is asked to. */
const IN = 'sign-in';
type Expect = number | typeof IN;

/** One expectation per caller, in the order of ROLES. */
function cells(
  ...e: [Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect, Expect]
): Record<Role, Expect> {
  return Object.fromEntries(ROLES.map((r, i) => [r, e[i]!])) as Record<Role, Expect>;
}
const everyone = (e: Expect) => cells(e, e, e, e, e, e, e, e, e);
/** The JSON API answers scripts with the token only; sessions are for the pages. */
const onlyToken = (e: Expect) => cells(401, e, 401, 401, 401, 401, 401, 401, 401);

interface Row {
  /** `METHOD path` as the router declares it (`:id`) or the OpenAPI document (`{id}`). */
  route: string;
  expect: Record<Role, Expect>;
  send: (a: Agent) => Promise<Answer>;
  /** What the row could change; compared before and after the refused callers. */
  watch?: () => Promise<unknown>;
  /** More checks on the answers once the row has run. */
  check?: (answers: Partial<Record<Role, Answer>>) => void;
}

let stack: Stack;
let agents: Record<Role, Agent>;
const ids = {
  /** Read by every caller; submitted with a file by its lead in beforeAll. */
  dutyB: '',
  fileB: '',
  /** Taken through its whole life by the pages' action rows. */
  dutyA: '',
  /** Led by the "other" agency: the lists of others must not show it. */
  dutyC: '',
  /** Taken through its life by the API rows; E is reassigned and cancelled. */
  dutyD: '',
  dutyE: '',
  cycle: '',
  apiCycle: '',
  staged: '',
  /** A targets table staged by the coordinator's dry run on the plan's targets page. */
  targetsStaged: '',
  labourCalendar: '',
  /** Made by a coordinator on the "new duty" page, then reassigned and cancelled there. */
  dutyN: '',
  /** A finished simulation job (test/support/simulation-fixture.ts). */
  simulation: '',
};

const now = Date.now();
const TITLES = {
  A: 'Báo cáo Dự án 2 – nhiệm vụ A (kiểm thử phân quyền)',
  B: 'Báo cáo Dự án 2 – nhiệm vụ B (kiểm thử phân quyền)',
  C: 'Báo cáo Dự án 5 – nhiệm vụ C của phòng Giáo dục',
  D: 'Báo cáo Dự án 2 – nhiệm vụ D (qua API)',
  E: 'Báo cáo Dự án 2 – nhiệm vụ E (qua API)',
};
/** What B's lead submitted: only those who may see B ever read it. */
const B_TEXT = 'Nội dung nộp của nhiệm vụ B: 4 mô hình sinh kế';
const PDF = '%PDF-1.4\n% bao cao B\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n';

function dutyInput(ref: string, title: string, lead: Agency, coordinating: Agency[]): StartDuty {
  return StartDuty.parse({
    planId: PLAN,
    dutyId: ref,
    period: '2026',
    title,
    product: 'Báo cáo năm gửi Phòng Lao động - Thương binh và Xã hội',
    dueAt: new Date(now + 10 * DAY_MS).toISOString(),
    lead,
    coordinating,
    standing: asAgency(LABOUR),
    supervisor: {
      name: 'Chủ tịch UBND huyện',
      email: 'chu-tich@ubnd.a-luoi.example',
      title: 'Chủ tịch UBND huyện',
    },
  });
}

const dutyState = (id: string) => stack.client.workflow.getHandle(id).query(getStateQuery);
/** What an action changes on a duty: its status and its history. */
const watchDuty = (key: 'dutyA' | 'dutyD' | 'dutyE') => async () => {
  const s = await dutyState(ids[key]);
  return { status: s.status, history: s.history.map((h) => h.action) };
};
const actor = (a: { id: string }) => ({ name: 'Cán bộ kiểm thử', agencyId: a.id });
const enc = encodeURIComponent;
const pdfFile = () => new File([PDF], 'bao-cao.pdf', { type: 'application/pdf' });

beforeAll(async () => {
  quietTemporalLogs();
  stack = await startStack({
    name: 'security-access',
    directory,
    plans: [smallPlan(PLAN)],
    apiToken: TOKEN,
    sessionSecret: SECRET,
  });
  const { base, db, client } = stack;
  await saveUser(db, { email: VIEWER, name: 'Chuyên viên theo dõi', role: 'viewer' }, 'test');
  const lead = asAgency(AGRICULTURE);
  const coordinating = [asAgency(AGRI_SERVICES)];
  [ids.dutyA, ids.dutyB, ids.dutyC, ids.dutyD, ids.dutyE, ids.cycle] = await Promise.all([
    startDuty(client, dutyInput('A', TITLES.A, lead, coordinating)),
    startDuty(client, dutyInput('B', TITLES.B, lead, coordinating)),
    startDuty(client, dutyInput('C', TITLES.C, asAgency(EDUCATION), [])),
    startDuty(client, dutyInput('D', TITLES.D, lead, coordinating)),
    startDuty(client, dutyInput('E', TITLES.E, lead, coordinating)),
    startCycle(client, {
      planId: PLAN,
      year: 2025,
      policy: { commitmentAfterAllocation: 'P30D', lagThreshold: 0.8 },
    }),
  ]);
  ids.labourCalendar = new URL(await createCalendarUrl(db, LABOUR.id, base)).search;
  ids.simulation = await recordFinishedSimulation(
    db,
    fixtureResult(PLAN, 2025, AGRICULTURE, LABOUR),
  );
  // Two people sign in through the emailed link, the others get their session the way the app
  // makes one after it (db/users.ts createSession).
  const [coordinator, own, anonymous] = await Promise.all([
    signInByMail(base, stack.sink, COORDINATOR),
    signInByMail(base, stack.sink, AGRICULTURE.head.email),
    visitor(base),
  ]);
  const [standing, coordinatingUser, other, viewer] = await Promise.all([
    sessionAgent(base, db, LABOUR.head.email),
    sessionAgent(base, db, AGRI_SERVICES.focalPoints[0]!.email),
    sessionAgent(base, db, EDUCATION.head.email),
    sessionAgent(base, db, VIEWER),
  ]);
  agents = {
    anonymous,
    token: new Agent(base, { bearer: TOKEN }),
    wrongToken: new Agent(base, { bearer: 'not-the-token-0123456789abcdef' }),
    coordinator,
    standing,
    own,
    coordinating: coordinatingUser,
    other,
    viewer,
  };
  // B's lead submits it with a file, through the page.
  const submitted = await own.postMultipart(`/duties/${enc(ids.dutyB)}/submit`, { text: B_TEXT }, [
    pdfFile(),
  ]);
  expect(submitted.status).toBe(303);
  ids.fileB = (await dutyState(ids.dutyB)).submissions[0]!.attachments[0]!.id!;
  // The lists read the read model, which follows the workflows a moment later.
  await until(async () => {
    const rows = await db.selectFrom('duties').select('id').where('plan_id', '=', PLAN).execute();
    return rows.length >= 6 ? true : undefined;
  }, 'the read model');
});

afterAll(async () => {
  await stack?.stop();
});

/** Runs a row: refused callers first (with the watched state compared), then the others. */
async function runRow(row: Row): Promise<void> {
  const refused = (e: Expect) => e === IN || e === 401 || e === 403;
  const order = [
    ...ROLES.filter((r) => refused(row.expect[r])),
    ...ROLES.filter((r) => !refused(row.expect[r])),
  ];
  const answers: Partial<Record<Role, Answer>> = {};
  const before = row.watch ? await row.watch() : undefined;
  let checkedUnchanged = !row.watch;
  const failures: string[] = [];
  for (const role of order) {
    const expected = row.expect[role];
    if (!checkedUnchanged && !refused(expected)) {
      expect(await row.watch!(), `${row.route}: refused callers changed nothing`).toEqual(before);
      checkedUnchanged = true;
    }
    const answer = await row.send(agents[role]);
    answers[role] = answer;
    const got =
      answer.status === 303 && answer.location?.startsWith('/sign-in') ? IN : answer.status;
    if (got !== expected) {
      failures.push(`${role}: expected ${expected}, got ${got} ${answer.text.slice(0, 200)}`);
    }
    if (refused(expected)) {
      // A refusal shows nothing of the duties: no titles, no submitted text.
      for (const secret of [...Object.values(TITLES), B_TEXT, PDF]) {
        if (answer.text.includes(secret))
          failures.push(`${role}: refused answer shows "${secret}"`);
      }
    }
  }
  if (!checkedUnchanged) {
    expect(await row.watch!(), `${row.route}: refused callers changed nothing`).toEqual(before);
  }
  expect(failures, row.route).toEqual([]);
  row.check?.(answers);
}

const get = (path: () => string) => (a: Agent) => a.request('GET', path());
const form =
  (path: () => string, fields: Record<string, string> = {}) =>
  (a: Agent) =>
    a.post(path(), fields);
const api =
  (method: string, path: () => string, body?: () => unknown) =>
  (a: Agent): Promise<Answer> =>
    a.request(method, path(), body ? { json: body() } : undefined);

const duty =
  (key: 'dutyA' | 'dutyB', action = '') =>
  () =>
    `/duties/${enc(ids[key])}${action}`;
const apiDuty =
  (key: 'dutyD' | 'dutyE', action = '') =>
  () =>
    `/api/duties/${enc(ids[key])}${action}`;

// ---------------------------------------------------------------------------------------------
// The JSON API: every path of the OpenAPI document and every route the router has under /api.
// Everyone but the API token gets 401 (sessions included); the token is a coordinator. Where a
// full success would be slow or would start a year of work, the token's request is one the
// endpoint refuses on its input (400): past the door, nothing done.
// ---------------------------------------------------------------------------------------------
const API: Row[] = [
  { route: 'GET /health', expect: everyone(200), send: get(() => '/health') },
  { route: 'GET /ready', expect: everyone(200), send: get(() => '/ready') },
  { route: 'GET /api/openapi.json', expect: everyone(200), send: get(() => '/api/openapi.json') },
  {
    // The feed's secret URL is its own credential (calendar programs send no bearer token).
    route: 'GET /api/agencies/{id}/calendar.ics',
    expect: everyone(200),
    send: get(() => `/api/agencies/${LABOUR.id}/calendar.ics${ids.labourCalendar}`),
  },
  {
    route: 'GET /api/duties',
    expect: onlyToken(200),
    send: get(() => `/api/duties?planId=${PLAN}`),
  },
  {
    route: 'POST /api/duties',
    expect: onlyToken(201),
    // Had a refused caller started it, the token's start would be a 409 (same business key).
    send: api(
      'POST',
      () => '/api/duties',
      () => dutyInput('API-NEW', 'Nhiệm vụ mới qua API', asAgency(AGRICULTURE), []),
    ),
  },
  { route: 'GET /api/duties/{id}', expect: onlyToken(200), send: get(apiDuty('dutyD')) },
  {
    route: 'GET /api/duties/overdue',
    expect: onlyToken(200),
    send: get(() => `/api/duties/overdue?planId=${PLAN}`),
  },
  {
    route: 'GET /api/duties/due-soon',
    expect: onlyToken(200),
    send: get(() => `/api/duties/due-soon?planId=${PLAN}`),
  },
  {
    route: 'GET /api/duties/{id}/ladder',
    expect: onlyToken(200),
    send: get(apiDuty('dutyD', '/ladder')),
  },
  {
    route: 'GET /api/duties/{id}/consolidation',
    expect: onlyToken(200),
    send: get(apiDuty('dutyD', '/consolidation')),
  },
  {
    route: 'POST /api/duties/{id}/acknowledge',
    expect: onlyToken(200),
    watch: watchDuty('dutyD'),
    send: api('POST', apiDuty('dutyD', '/acknowledge'), () => ({ actor: actor(AGRICULTURE) })),
  },
  {
    route: 'POST /api/duties/{id}/contributions',
    expect: onlyToken(200),
    watch: watchDuty('dutyD'),
    send: api('POST', apiDuty('dutyD', '/contributions'), () => ({
      actor: actor(AGRI_SERVICES),
      text: 'Phần phối hợp',
    })),
  },
  {
    route: 'POST /api/duties/{id}/extension-requests',
    expect: onlyToken(200),
    watch: watchDuty('dutyD'),
    send: api('POST', apiDuty('dutyD', '/extension-requests'), () => ({
      actor: actor(AGRICULTURE),
      newDueAt: new Date(now + 20 * DAY_MS).toISOString(),
      reason: 'Chờ số liệu của các xã',
    })),
  },
  {
    route: 'POST /api/duties/{id}/extension-decision',
    expect: onlyToken(200),
    watch: watchDuty('dutyD'),
    send: api('POST', apiDuty('dutyD', '/extension-decision'), () => ({
      actor: actor(LABOUR),
      grant: true,
    })),
  },
  {
    route: 'POST /api/duties/{id}/urge',
    expect: onlyToken(200),
    watch: watchDuty('dutyD'),
    send: api('POST', apiDuty('dutyD', '/urge'), () => ({ actor: actor(LABOUR) })),
  },
  {
    route: 'POST /api/duties/{id}/submit',
    expect: onlyToken(200),
    watch: watchDuty('dutyD'),
    send: api('POST', apiDuty('dutyD', '/submit'), () => ({
      actor: actor(AGRICULTURE),
      text: 'Báo cáo D',
    })),
  },
  {
    route: 'POST /api/duties/{id}/review',
    expect: onlyToken(200),
    watch: watchDuty('dutyD'),
    send: api('POST', apiDuty('dutyD', '/review'), () => ({
      actor: actor(LABOUR),
      outcome: 'accept',
    })),
  },
  {
    route: 'POST /api/duties/{id}/reassign',
    expect: onlyToken(200),
    watch: watchDuty('dutyE'),
    send: api('POST', apiDuty('dutyE', '/reassign'), () => ({
      actor: actor(LABOUR),
      lead: asAgency(FINANCE),
      reason: 'Giao lại cho phòng Tài chính - Kế hoạch',
    })),
  },
  {
    route: 'POST /api/duties/{id}/cancel',
    expect: onlyToken(200),
    watch: watchDuty('dutyE'),
    send: api('POST', apiDuty('dutyE', '/cancel'), () => ({
      actor: actor(LABOUR),
      reason: 'Không còn cần',
    })),
  },
  {
    route: 'GET /api/reports/matrix',
    expect: onlyToken(200),
    send: get(() => `/api/reports/matrix?planId=${PLAN}&period=2026`),
  },
  {
    route: 'GET /api/reports/lock',
    expect: onlyToken(200),
    send: get(() => `/api/reports/lock?planId=${PLAN}&period=2025`),
  },
  {
    // Locks a period for good (there is no unlocking): the token's lock is the one that stands.
    route: 'POST /api/reports/lock',
    expect: onlyToken(201),
    watch: () => stack.db.selectFrom('period_locks').select(['plan_id', 'period']).execute(),
    send: api(
      'POST',
      () => '/api/reports/lock',
      () => ({ planId: PLAN, period: '2025' }),
    ),
  },
  {
    route: 'GET /api/agencies/{id}/notifications',
    expect: onlyToken(200),
    send: get(() => `/api/agencies/${FINANCE.id}/notifications`),
  },
  {
    route: 'PUT /api/agencies/{id}/notifications',
    expect: onlyToken(200),
    send: api(
      'PUT',
      () => `/api/agencies/${FINANCE.id}/notifications`,
      () => ({ mode: 'single' }),
    ),
  },
  {
    route: 'PUT /api/notification-preferences',
    expect: onlyToken(200),
    send: api(
      'PUT',
      () => '/api/notification-preferences',
      () => ({
        email: FINANCE.head.email,
        nonCriticalReminders: true,
      }),
    ),
  },
  {
    route: 'POST /api/agencies/{id}/calendar-tokens',
    expect: onlyToken(201),
    send: api('POST', () => `/api/agencies/${FINANCE.id}/calendar-tokens`),
  },
  {
    route: 'DELETE /api/agencies/{id}/calendar-tokens',
    expect: onlyToken(200),
    send: api('DELETE', () => `/api/agencies/${FINANCE.id}/calendar-tokens`),
  },
  {
    route: 'POST /api/cycles',
    expect: onlyToken(201),
    send: api(
      'POST',
      () => '/api/cycles',
      () => ({ planId: PLAN, year: 2024 }),
    ),
    check: (a) => {
      ids.apiCycle = (JSON.parse(a.token!.text) as { id: string }).id;
    },
  },
  {
    route: 'GET /api/cycles/{id}',
    expect: onlyToken(200),
    send: get(() => `/api/cycles/${enc(ids.apiCycle)}`),
  },
  {
    route: 'GET /api/cycles/{id}/results',
    expect: onlyToken(200),
    send: get(() => `/api/cycles/${enc(ids.apiCycle)}/results`),
  },
  {
    // The small plan has no projects: the cycle itself refuses the allocation (409).
    route: 'POST /api/cycles/{id}/allocations',
    expect: onlyToken(409),
    send: api(
      'POST',
      () => `/api/cycles/${enc(ids.apiCycle)}/allocations`,
      () => ({
        actor: actor(FINANCE),
        projectRef: '2',
        amount: '1500000000',
      }),
    ),
  },
  {
    route: 'POST /api/cycles/{id}/disbursements',
    expect: onlyToken(409),
    send: api(
      'POST',
      () => `/api/cycles/${enc(ids.apiCycle)}/disbursements`,
      () => ({
        actor: actor(FINANCE),
        projectRef: '2',
        month: 3,
        amount: '1000',
      }),
    ),
  },
  {
    route: 'POST /api/cycles/{id}/ad-hoc-reports',
    expect: onlyToken(200),
    send: api(
      'POST',
      () => `/api/cycles/${enc(ids.apiCycle)}/ad-hoc-reports`,
      () => ({
        actor: actor(LABOUR),
        title: 'Báo cáo đột xuất tình hình thiệt hại do bão',
        product: 'Báo cáo',
        agencyIds: [FINANCE.id],
        dueAt: new Date(now + 5 * DAY_MS).toISOString(),
      }),
    ),
  },
  {
    route: 'POST /api/cycles/{id}/close',
    expect: onlyToken(200),
    send: api(
      'POST',
      () => `/api/cycles/${enc(ids.apiCycle)}/close`,
      () => ({
        actor: actor(LABOUR),
      }),
    ),
  },
  {
    route: 'PUT /api/plans/{id}/schedule',
    expect: onlyToken(200),
    send: api(
      'PUT',
      () => `/api/plans/${PLAN}/schedule`,
      () => ({ enabled: true }),
    ),
  },
  {
    route: 'GET /api/plans/{id}/schedule',
    expect: onlyToken(200),
    send: get(() => `/api/plans/${PLAN}/schedule`),
  },
  {
    // The plan runs 2021–2025: the starter started now finds no year to start, and says so.
    route: 'POST /api/plans/{id}/schedule/trigger',
    expect: onlyToken(202),
    send: api('POST', () => `/api/plans/${PLAN}/schedule/trigger`),
  },
  {
    // A year's simulation takes a minute (tested in test/e2e): here a year the plan lacks.
    route: 'POST /api/plans/{id}/simulate',
    expect: onlyToken(400),
    send: api(
      'POST',
      () => `/api/plans/${PLAN}/simulate`,
      () => ({ year: 2030 }),
    ),
  },
  {
    route: 'GET /api/simulations/{id}',
    expect: onlyToken(200),
    send: get(() => `/api/simulations/${enc(ids.simulation)}`),
  },
  {
    route: 'POST /api/plans/import',
    expect: onlyToken(200),
    send: api(
      'POST',
      () => '/api/plans/import?dryRun=true',
      () => smallPlan('sec-plan-dry'),
    ),
  },
  {
    // A phrase the grammar cannot read: refused on its input, after the token.
    route: 'PUT /api/plans/{planId}/duties/{ref}/time',
    expect: onlyToken(400),
    watch: () => stack.db.selectFrom('plan_duties').selectAll().orderBy('ref').execute(),
    send: api(
      'PUT',
      () => `/api/plans/${PLAN}/duties/BC-DA2/time`,
      () => ({ time: 'khi nào xong' }),
    ),
  },
  { route: 'GET /api/plans', expect: onlyToken(200), send: get(() => '/api/plans') },
  { route: 'GET /api/plans/{id}', expect: onlyToken(200), send: get(() => `/api/plans/${PLAN}`) },
  {
    route: 'GET /api/plans/{planId}/cycle-preview',
    expect: onlyToken(200),
    send: get(() => `/api/plans/${PLAN}/cycle-preview?year=2025`),
  },
  {
    // A year outside the plan's period: refused on its input, after the token.
    route: 'POST /api/plans/{planId}/targets/import',
    expect: onlyToken(400),
    watch: () => stack.db.selectFrom('plan_targets').selectAll().execute(),
    send: (a) =>
      a.postMultipart(
        `/api/plans/${PLAN}/targets/import`,
        { year: '2030' },
        [new File(['Đơn vị,Số hộ thoát nghèo\nXã A Ngo,20\n'], 'chi-tieu.csv')],
        'file',
      ),
  },
  {
    route: 'GET /api/plans/{planId}/targets',
    expect: onlyToken(404),
    send: get(() => `/api/plans/${PLAN}/targets?year=2024`),
  },
  {
    route: 'POST /api/directory',
    expect: onlyToken(200),
    send: api(
      'POST',
      () => '/api/directory',
      () => directory,
    ),
  },
  { route: 'GET /api/agencies', expect: onlyToken(200), send: get(() => '/api/agencies') },
  {
    route: 'GET /api/calendar/{year}',
    expect: onlyToken(200),
    send: get(() => '/api/calendar/2026'),
  },
  {
    route: 'POST /api/agencies',
    expect: onlyToken(201),
    send: api(
      'POST',
      () => '/api/agencies',
      () => ({
        ...EDUCATION,
        id: 'a-luoi.sec-tam-thoi',
        name: 'Tổ công tác tạm thời',
        shortNames: [],
      }),
    ),
  },
  {
    route: 'GET /api/agencies/{id}',
    expect: onlyToken(200),
    send: get(() => '/api/agencies/a-luoi.sec-tam-thoi'),
  },
  {
    route: 'PUT /api/agencies/{id}',
    expect: onlyToken(200),
    send: api(
      'PUT',
      () => '/api/agencies/a-luoi.sec-tam-thoi',
      () => ({
        ...EDUCATION,
        id: 'a-luoi.sec-tam-thoi',
        name: 'Tổ công tác tạm thời (đổi tên)',
        shortNames: [],
      }),
    ),
  },
  {
    route: 'POST /api/agencies/{id}/retire',
    expect: onlyToken(200),
    watch: () => stack.db.selectFrom('agencies').select(['id', 'retired_at']).execute(),
    send: api('POST', () => '/api/agencies/a-luoi.sec-tam-thoi/retire'),
  },
  { route: 'GET /api/localities', expect: onlyToken(200), send: get(() => '/api/localities') },
  {
    // Agencies are in it: refused for everyone (409 for the token), nothing deleted.
    route: 'DELETE /api/localities/{id}',
    expect: onlyToken(409),
    watch: () => stack.db.selectFrom('localities').select('id').execute(),
    send: api('DELETE', () => '/api/localities/a-luoi'),
  },
  {
    route: 'POST /api/localities/{id}/retire',
    expect: onlyToken(200),
    watch: () => stack.db.selectFrom('localities').select(['id', 'retired_at']).execute(),
    send: api('POST', () => '/api/localities/a-luoi.a-ngo/retire'),
  },
  {
    // Into itself: refused on its input (400) for the token, nothing merged.
    route: 'POST /api/agencies/{id}/merge',
    expect: onlyToken(400),
    watch: () =>
      stack.db.selectFrom('agencies').select(['id', 'retired_at', 'merged_into']).execute(),
    send: api(
      'POST',
      () => '/api/agencies/a-luoi.sec-tam-thoi/merge',
      () => ({ into: 'a-luoi.sec-tam-thoi' }),
    ),
  },
  {
    // A commune into a district: refused (400, not the same level), nothing merged.
    route: 'POST /api/localities/{id}/merge',
    expect: onlyToken(400),
    watch: () =>
      stack.db.selectFrom('localities').select(['id', 'retired_at', 'merged_into']).execute(),
    send: api(
      'POST',
      () => '/api/localities/a-luoi.a-ngo/merge',
      () => ({ into: 'a-luoi' }),
    ),
  },
  {
    route: 'DELETE /api/agencies/{id}',
    expect: onlyToken(204),
    send: api('DELETE', () => '/api/agencies/a-luoi.sec-tam-thoi'),
  },
];

// ---------------------------------------------------------------------------------------------
// The pages. Columns: anonymous, token, wrong token, coordinator, standing officer, own agency,
// coordinating agency, other agency, viewer. IN = sent to the sign-in page (303).
// A wrong token is nobody: its GETs go to sign-in, its form posts carry no form token (403).
// The token is a coordinator on the pages too, without a form token (scripts).
// ---------------------------------------------------------------------------------------------
const plusDays = (days: number) => formatDate(now + days * DAY_MS);
const PAGES: Row[] = [
  {
    route: 'GET /',
    expect: cells(IN, 200, IN, 200, 200, 200, 200, 200, 200),
    send: get(() => '/'),
  },
  {
    route: 'GET /duties/:id',
    expect: cells(IN, 200, IN, 200, 200, 200, 200, 403, 200),
    send: get(duty('dutyB')),
    check: (a) => {
      for (const r of ['coordinator', 'standing', 'own', 'coordinating', 'viewer'] as const) {
        expect(a[r]!.text).toContain(B_TEXT);
      }
    },
  },
  {
    route: 'GET /duties/:id (no such duty)',
    expect: cells(IN, 404, IN, 404, 404, 404, 404, 404, 404),
    send: get(() => `/duties/${enc(`duty:${PLAN}:nope:2026`)}`),
  },
  {
    route: 'GET /files/:id',
    expect: cells(IN, 200, IN, 200, 200, 200, 200, 403, 200),
    send: get(() => `/files/${ids.fileB}`),
    check: (a) => expect(a.own!.text).toBe(PDF),
  },
  {
    route: 'GET /files/:id (no such file)',
    expect: cells(IN, 404, IN, 404, 404, 404, 404, 404, 404),
    send: get(() => '/files/00000000-0000-4000-8000-000000000000'),
  },
  // Duty A through its life: each action by the one caller who may, after everyone else tried.
  {
    route: 'POST /duties/:id/acknowledge',
    expect: cells(IN, 403, 403, 403, 403, 303, 403, 403, 403),
    watch: watchDuty('dutyA'),
    send: form(duty('dutyA', '/acknowledge')),
  },
  {
    route: 'POST /duties/:id/contribute',
    expect: cells(IN, 403, 403, 403, 403, 403, 303, 403, 403),
    watch: watchDuty('dutyA'),
    send: form(duty('dutyA', '/contribute'), { text: 'Phần phối hợp của Trung tâm' }),
  },
  {
    route: 'POST /duties/:id/extension-request',
    expect: cells(IN, 403, 403, 403, 403, 303, 403, 403, 403),
    watch: watchDuty('dutyA'),
    send: form(duty('dutyA', '/extension-request'), {
      newDue: plusDays(20),
      reason: 'Chờ số liệu của các xã',
    }),
  },
  {
    route: 'POST /duties/:id/extension-decision',
    expect: cells(IN, 403, 403, 403, 303, 403, 403, 403, 403),
    watch: watchDuty('dutyA'),
    send: form(duty('dutyA', '/extension-decision'), { decision: 'grant' }),
  },
  {
    route: 'POST /duties/:id/urge',
    expect: cells(IN, 403, 403, 403, 303, 403, 403, 403, 403),
    watch: watchDuty('dutyA'),
    send: form(duty('dutyA', '/urge')),
  },
  {
    // Decided before the upload is read: a caller who is nobody is sent to sign in.
    route: 'POST /duties/:id/submit',
    expect: cells(IN, 403, IN, 403, 403, 303, 403, 403, 403),
    watch: watchDuty('dutyA'),
    send: (a) =>
      a.postMultipart(`/duties/${enc(ids.dutyA)}/submit`, { text: 'Báo cáo A' }, [pdfFile()]),
  },
  {
    route: 'POST /duties/:id/review',
    expect: cells(IN, 403, 403, 403, 303, 403, 403, 403, 403),
    watch: watchDuty('dutyA'),
    send: form(duty('dutyA', '/review'), { outcome: 'accept' }),
  },
  // A single duty: made, reassigned and cancelled by a coordinator from the pages.
  {
    route: 'GET /duties/new',
    expect: cells(IN, 200, IN, 200, 403, 403, 403, 403, 403),
    send: get(() => '/duties/new'),
  },
  {
    // The token is a coordinator on the pages too: it makes one, the coordinator another.
    route: 'POST /duties/new',
    expect: cells(IN, 303, 403, 303, 403, 403, 403, 403, 403),
    // Single duties made from the page are keyed "rieng-…" (use-cases/new-duty.ts).
    watch: () =>
      stack.db
        .selectFrom('duty_agencies')
        .selectAll()
        .where('duty_id', 'like', '%:rieng-%')
        .orderBy('duty_id')
        .execute(),
    send: form(() => '/duties/new', {
      planId: PLAN,
      leadId: AGRICULTURE.id,
      coordinating: AGRI_SERVICES.id,
      title: 'Báo cáo riêng về mô hình sinh kế (kiểm thử phân quyền)',
      product: 'Báo cáo gửi Phòng Lao động - Thương binh và Xã hội',
      due: plusDays(30),
    }),
    check: (a) => {
      const location = a.coordinator!.location ?? '';
      ids.dutyN = decodeURIComponent(/^\/duties\/([^?]+)/.exec(location)?.[1] ?? '');
      expect(ids.dutyN).toMatch(/^duty:/);
    },
  },
  {
    route: 'POST /duties/:id/reassign',
    expect: cells(IN, 303, 403, 303, 403, 403, 403, 403, 403),
    watch: async () => (await dutyState(ids.dutyN)).lead.id,
    // The token hands it to Finance, the coordinator then to the Culture office.
    send: (a) =>
      a.post(`/duties/${enc(ids.dutyN)}/reassign`, {
        leadId: a.bearer === undefined ? 'a-luoi.phong-vhtt' : FINANCE.id,
        reason: 'Phòng phụ trách nội dung này',
      }),
  },
  {
    // Cancelled by the token; the coordinator's second cancel is refused by its state (409).
    route: 'POST /duties/:id/cancel',
    expect: cells(IN, 303, 403, 409, 403, 403, 403, 403, 403),
    watch: async () => (await dutyState(ids.dutyN)).status,
    send: form(() => `/duties/${enc(ids.dutyN)}/cancel`, { reason: 'Trùng với nhiệm vụ khác' }),
  },
  {
    route: 'GET /plans',
    expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 200),
    send: get(() => '/plans'),
  },
  {
    route: 'GET /plans/:id',
    expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 200),
    send: get(() => `/plans/${PLAN}`),
  },
  {
    route: 'GET /plans/:id/cycle-preview',
    expect: cells(IN, 200, IN, 200, 403, 403, 403, 403, 403),
    send: get(() => `/plans/${PLAN}/cycle-preview?year=2025`),
  },
  {
    route: 'POST /plans/import',
    expect: cells(IN, 200, IN, 200, 403, 403, 403, 403, 403),
    send: (a) =>
      a.postMultipart(
        '/plans/import',
        { kind: 'plan' },
        [
          new File([JSON.stringify(smallPlan('sec-plan-2'))], 'plan.json', {
            type: 'application/json',
          }),
        ],
        'file',
      ),
    check: (a) => {
      ids.staged = /action="\/plans\/import\/([0-9a-f-]{36})"/.exec(a.coordinator!.text)?.[1] ?? '';
      expect(ids.staged).not.toBe('');
    },
  },
  {
    // A staged import is confirmed by whoever staged it: the token's is another one (410).
    route: 'POST /plans/import/:staged',
    expect: cells(IN, 410, 403, 200, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('plans').select('id').execute(),
    send: form(() => `/plans/import/${ids.staged}`),
  },
  {
    route: 'GET /plans/:id/targets',
    expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 200),
    send: get(() => `/plans/${PLAN}/targets?year=2024`),
  },
  {
    route: 'POST /plans/:id/targets/import',
    expect: cells(IN, 200, IN, 200, 403, 403, 403, 403, 403),
    send: (a) =>
      a.postMultipart(
        `/plans/${PLAN}/targets/import`,
        { year: '2024' },
        [new File(['Đơn vị,Số hộ thoát nghèo\nXã A Ngo,20\n'], 'chi-tieu.csv')],
        'file',
      ),
    check: (a) => {
      ids.targetsStaged =
        /action="\/plans\/[^"/]+\/targets\/import\/([0-9a-f-]{36})"/.exec(
          a.coordinator!.text,
        )?.[1] ?? '';
      expect(ids.targetsStaged).not.toBe('');
    },
  },
  {
    // Confirmed by whoever staged it: the token's is another one (410).
    route: 'POST /plans/:id/targets/import/:staged',
    expect: cells(IN, 410, 403, 200, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('plan_targets').selectAll().execute(),
    send: form(() => `/plans/${PLAN}/targets/import/${ids.targetsStaged}`),
  },
  {
    // A year outside the plan: refused on its input (400) by those who may start one.
    route: 'POST /plans/:id/cycles',
    expect: cells(IN, 400, 403, 400, 403, 403, 403, 403, 403),
    send: form(() => `/plans/${PLAN}/cycles`, { year: '2030' }),
  },
  {
    // An unreadable phrase: refused on its input (422) for coordinators, nobody else may try.
    route: 'POST /plans/:id/duties/:ref/time',
    expect: cells(IN, 422, 403, 422, 403, 403, 403, 403, 403),
    send: form(() => `/plans/${PLAN}/duties/BC-DA2/time`, { time: 'sớm' }),
  },
  {
    route: 'GET /cycles/:id',
    expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 200),
    send: get(() => `/cycles/${enc(ids.cycle)}`),
  },
  {
    route: 'POST /cycles/:id/allocations',
    expect: cells(IN, 400, 403, 400, 403, 403, 403, 403, 403),
    send: form(() => `/cycles/${enc(ids.cycle)}/allocations`, { projectRef: '2', amount: 'abc' }),
  },
  {
    // The small plan registers no capital: no project "2" for those who follow the plan; an
    // agency user who leads no project of the cycle may not look.
    route: 'GET /cycles/:id/projects/:ref',
    expect: cells(IN, 404, IN, 404, 404, 403, 403, 403, 404),
    send: get(() => `/cycles/${enc(ids.cycle)}/projects/2`),
  },
  {
    // Only a project's lead agency commits; with no such project it is 404 to everyone.
    route: 'POST /cycles/:id/projects/:ref/commitment',
    expect: cells(IN, 404, 403, 404, 404, 404, 404, 404, 404),
    send: form(() => `/cycles/${enc(ids.cycle)}/projects/2/commitment`, { m1: '1.000.000' }),
  },
  {
    route: 'POST /cycles/:id/projects/:ref/disbursements',
    expect: cells(IN, 404, 403, 404, 404, 404, 404, 404, 404),
    send: form(() => `/cycles/${enc(ids.cycle)}/projects/2/disbursements`, {
      month: '3',
      amount: '1.000.000',
    }),
  },
  // Ad hoc requests, the year's end and the consolidated draft (year-end area).
  {
    route: 'GET /cycles/:id/ad-hoc-reports',
    expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 200),
    send: get(() => `/cycles/${enc(ids.cycle)}/ad-hoc-reports`),
  },
  {
    // The form is for those who may ask: coordinators and the plan's standing agency.
    route: 'GET /cycles/:id/ad-hoc-reports/new',
    expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 403),
    send: get(() => `/cycles/${enc(ids.cycle)}/ad-hoc-reports/new`),
  },
  {
    // No agency chosen, no date: refused on its input (400) for those who may ask.
    route: 'POST /cycles/:id/ad-hoc-reports',
    expect: cells(IN, 400, 403, 400, 400, 403, 403, 403, 403),
    send: form(() => `/cycles/${enc(ids.cycle)}/ad-hoc-reports`, { title: 'Báo cáo đột xuất' }),
  },
  {
    route: 'GET /cycles/:id/ad-hoc-reports/:ref',
    expect: cells(IN, 404, IN, 404, 404, 403, 403, 403, 404),
    send: get(() => `/cycles/${enc(ids.cycle)}/ad-hoc-reports/dot-xuat-99`),
  },
  {
    route: 'GET /cycles/:id/results',
    expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 200),
    send: get(() => `/cycles/${enc(ids.cycle)}/results`),
  },
  {
    // Without the confirmation: refused (400) for coordinators, who alone may close a year.
    route: 'POST /cycles/:id/close',
    expect: cells(IN, 400, 403, 400, 403, 403, 403, 403, 403),
    send: form(() => `/cycles/${enc(ids.cycle)}/close`, { comment: 'Chưa xác nhận' }),
  },
  ...['', '.xlsx', '.docx'].map((ext): Row => ({
    route: `GET /duties/:id/consolidation${ext}`,
    expect: cells(IN, 200, IN, 200, 200, 200, 200, 403, 200),
    send: get(duty('dutyB', `/consolidation${ext}`)),
  })),
  {
    route: 'POST /plans/:id/simulate',
    expect: cells(IN, 400, 403, 400, 403, 403, 403, 403, 403),
    send: form(() => `/plans/${PLAN}/simulate`, { year: '2030' }),
  },
  // A simulation's page and downloads: the coordinators', as running one is.
  ...['', '/timeline.xlsx', '/timeline.csv'].map((tail): Row => ({
    route: `GET /simulations/:id${tail}`,
    expect: cells(IN, 200, IN, 200, 403, 403, 403, 403, 403),
    send: get(() => `/simulations/${enc(ids.simulation)}${tail}`),
  })),
  {
    route: 'GET /directory',
    expect: cells(IN, 200, IN, 200, 403, 403, 403, 403, 200),
    send: get(() => '/directory'),
  },
  {
    route: 'GET /directory/agencies/:id',
    expect: cells(IN, 200, IN, 200, 403, 403, 403, 403, 200),
    send: get(() => `/directory/agencies/${EDUCATION.id}`),
  },
  {
    route: 'GET /directory/localities/:id',
    expect: cells(IN, 200, IN, 200, 403, 403, 403, 403, 200),
    send: get(() => '/directory/localities/a-luoi'),
  },
  // The directory's forms: coordinators only; each sent here is refused on its input (400) or
  // names nothing (404), so nothing changes.
  {
    route: 'POST /directory/agencies',
    expect: cells(IN, 400, 403, 400, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('agencies').select('id').execute(),
    send: form(() => '/directory/agencies', { name: '' }),
  },
  {
    route: 'POST /directory/agencies/:id',
    expect: cells(IN, 400, 403, 400, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('agencies').select(['id', 'entry_json']).execute(),
    send: form(() => `/directory/agencies/${EDUCATION.id}`, { name: '' }),
  },
  {
    route: 'POST /directory/agencies/:id/merge',
    expect: cells(IN, 400, 403, 400, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('agencies').select(['id', 'merged_into']).execute(),
    send: form(() => `/directory/agencies/${EDUCATION.id}/merge`, { into: EDUCATION.id }),
  },
  {
    route: 'POST /directory/agencies/:id/retire',
    expect: cells(IN, 404, 403, 404, 403, 403, 403, 403, 403),
    send: form(() => '/directory/agencies/a-luoi.khong-co/retire'),
  },
  {
    route: 'POST /directory/localities/:id/merge',
    expect: cells(IN, 400, 403, 400, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('localities').select(['id', 'merged_into']).execute(),
    send: form(() => '/directory/localities/a-luoi/merge', { into: 'a-luoi' }),
  },
  {
    // A referenced entry is never deleted: the refusal says what names it.
    route: 'POST /directory/agencies/:id/delete',
    expect: cells(IN, 409, 403, 409, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('agencies').select('id').execute(),
    send: form(() => `/directory/agencies/${EDUCATION.id}/delete`),
  },
  {
    route: 'POST /directory/localities/:id/delete',
    expect: cells(IN, 409, 403, 409, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('localities').select('id').execute(),
    send: form(() => '/directory/localities/a-luoi/delete'),
  },
  {
    route: 'POST /directory/localities/:id/retire',
    expect: cells(IN, 404, 403, 404, 403, 403, 403, 403, 403),
    send: form(() => '/directory/localities/khong-co/retire'),
  },
  {
    route: 'GET /plans/:id/schedule',
    expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 200),
    send: get(() => `/plans/${PLAN}/schedule`),
  },
  {
    // Turned on by the API rows above: here turned off, by coordinators only.
    route: 'POST /plans/:id/schedule',
    expect: cells(IN, 303, 403, 303, 403, 403, 403, 403, 403),
    send: form(() => `/plans/${PLAN}/schedule`, { enabled: 'off' }),
  },
  {
    route: 'POST /plans/:id/schedule/run',
    expect: cells(IN, 303, 403, 303, 403, 403, 403, 403, 403),
    send: form(() => `/plans/${PLAN}/schedule/run`),
  },
  {
    route: 'GET /users',
    expect: cells(IN, 200, IN, 200, 403, 403, 403, 403, 403),
    send: get(() => '/users'),
  },
  {
    route: 'POST /users',
    expect: cells(IN, 200, 403, 200, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('users').selectAll().orderBy('email').execute(),
    send: form(() => '/users', {
      email: 'chuyen-vien-moi@ubnd.a-luoi.example',
      name: 'Chuyên viên mới',
      role: 'viewer',
    }),
  },
  {
    route: 'POST /users/remove',
    expect: cells(IN, 200, 403, 200, 403, 403, 403, 403, 403),
    watch: () => stack.db.selectFrom('users').selectAll().orderBy('email').execute(),
    send: form(() => '/users/remove', { email: 'chuyen-vien-moi@ubnd.a-luoi.example' }),
  },
  // A plain redirect that shows nothing: the matrix decides.
  { route: 'GET /tracking', expect: everyone(303), send: get(() => '/tracking') },
  ...['matrix', 'matrix.xlsx', 'matrix.csv', 'overdue', 'overdue.xlsx', 'overdue.csv'].map(
    (page): Row => ({
      route: `GET /tracking/${page}`,
      expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 200),
      send: get(() => `/tracking/${page}?planId=${PLAN}&period=2026`),
    }),
  ),
  {
    // The standing agency and coordinators close a period; viewers only read. Once locked, a
    // second press shows the lock (303 back to the matrix) and changes nothing.
    route: 'POST /tracking/lock',
    expect: cells(IN, 303, 403, 303, 303, 403, 403, 403, 403),
    watch: () =>
      stack.db.selectFrom('period_locks').select(['plan_id', 'period', 'locked_by']).execute(),
    send: form(() => '/tracking/lock', { planId: PLAN, period: '2024' }),
  },
  ...['due-soon', 'due-soon.xlsx', 'due-soon.csv'].map((page): Row => ({
    route: `GET /tracking/${page}`,
    expect: cells(IN, 200, IN, 200, 200, 403, 403, 403, 200),
    send: get(() => `/tracking/${page}?planId=${PLAN}`),
  })),
  {
    // The national days off: public knowledge, for anyone signed in.
    route: 'GET /calendar',
    expect: cells(IN, 200, IN, 200, 200, 200, 200, 200, 200),
    send: get(() => '/calendar?year=2026'),
  },
  {
    route: 'GET /settings',
    expect: cells(IN, 200, IN, 200, 200, 200, 200, 200, 200),
    send: get(() => '/settings'),
  },
  {
    // Reminders are a person's: a script has none (400).
    route: 'POST /settings/reminders',
    expect: cells(IN, 400, 403, 200, 200, 200, 200, 200, 200),
    send: form(() => '/settings/reminders', { reminders: 'on' }),
  },
  // An agency's settings belong to its own people, whatever else they may do.
  {
    route: 'POST /settings/agencies/:id/mode',
    expect: cells(IN, 403, 403, 403, 403, 200, 403, 403, 403),
    watch: () => stack.db.selectFrom('agency_settings').selectAll().execute(),
    send: form(() => `/settings/agencies/${AGRICULTURE.id}/mode`, { mode: 'digest' }),
  },
  {
    route: 'POST /settings/agencies/:id/calendar',
    expect: cells(IN, 403, 403, 403, 403, 200, 403, 403, 403),
    watch: () => stack.db.selectFrom('calendar_tokens').select('token_hash').execute(),
    send: form(() => `/settings/agencies/${AGRICULTURE.id}/calendar`),
  },
  {
    route: 'POST /settings/agencies/:id/calendar-revoke',
    expect: cells(IN, 403, 403, 403, 403, 200, 403, 403, 403),
    watch: () => stack.db.selectFrom('calendar_tokens').selectAll().execute(),
    send: form(() => `/settings/agencies/${AGRICULTURE.id}/calendar-revoke`),
  },
  // Open to all, showing nothing private.
  { route: 'GET /sign-in', expect: everyone(200), send: get(() => '/sign-in') },
  { route: 'GET /lang/:lang', expect: everyone(303), send: get(() => '/lang/en?next=/') },
  { route: 'GET /static/tracks.css', expect: everyone(200), send: get(() => '/static/tracks.css') },
];

/**
 * Routes whose credential is not the caller but a signed link or the form itself; each is
 * tested in test/security/flows.test.ts (tampered, expired, reused links; rate limits).
 */
const LINK_ROUTES = [
  'POST /sign-in',
  'GET /sign-in/link',
  'POST /sign-in/link',
  'POST /sign-out',
  'GET /actions/:token',
  'POST /actions/:token',
];

/** Every `METHOD path` the app's router answers, nested routers included. */
function appRoutes(): string[] {
  const app = createApp({
    client: stack.client,
    db: stack.db,
    apiToken: TOKEN,
    web: {
      sessionSecret: SECRET,
      publicUrl: stack.base,
      mailFrom: 'x@duties.test',
      dataDir: stack.dir,
      coordinatorEmails: [],
    },
  });
  return routesOf(app);
}

/** `:id` and `{id}` alike; the notes in parentheses dropped. */
const norm = (route: string) =>
  route
    .replace(/ \(.*\)$/, '')
    .replace(/:(\w+)/g, '{$1}')
    .replace(/\/$/, '');

describe('every route is classified', () => {
  it('the tables cover the OpenAPI document and every route of the router, and nothing else', () => {
    const documented = Object.entries(
      (openApiDocument() as { paths: Record<string, object> }).paths,
    ).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const routed = appRoutes().map(norm);
    const classified = new Set(
      [...API, ...PAGES].map((r) => norm(r.route)).concat(LINK_ROUTES.map(norm)),
    );
    const known = new Set([...documented, ...routed]);
    expect([...known].filter((r) => !classified.has(r)).sort(), 'routes nobody classified').toEqual(
      [],
    );
    expect([...classified].filter((r) => !known.has(r)).sort(), 'rows for no route').toEqual([]);
  });
});

describe('the JSON API: the token only', () => {
  for (const row of API) it(row.route, () => runRow(row));

  it('refuses writes from another site even with the token', async () => {
    const before = await stack.db.selectFrom('agencies').select('id').execute();
    const answer = await agents.token.request(
      'POST',
      '/api/agencies',
      { json: { ...EDUCATION, id: 'a-luoi.cross-site', shortNames: [] } },
      { origin: 'https://evil.example' },
    );
    expect(answer.status).toBe(403);
    expect(await stack.db.selectFrom('agencies').select('id').execute()).toEqual(before);
  });

  it("a calendar URL is one agency's: another agency's id or a revoked token finds nothing", async () => {
    const search = ids.labourCalendar;
    expect(
      (
        await agents.anonymous.request(
          'GET',
          `/api/agencies/${AGRICULTURE.id}/calendar.ics${search}`,
        )
      ).status,
    ).toBe(404);
    expect(
      (
        await agents.anonymous.request(
          'GET',
          `/api/agencies/${LABOUR.id}/calendar.ics?token=${'x'.repeat(32)}`,
        )
      ).status,
    ).toBe(404);
  });
});

describe('the pages: own agency, other agency, and each role', () => {
  for (const row of PAGES) it(row.route, () => runRow(row));

  it("lists show one's own agencies' duties and never another agency's", async () => {
    const home = async (role: Role) => (await agents[role].request('GET', '/')).text;
    const shows = async (role: Role, titles: string[], hidden: string[]) => {
      const text = await until(async () => {
        const t = await home(role);
        return titles.every((x) => t.includes(x)) ? t : undefined;
      }, `${role}'s list`);
      for (const h of hidden) expect(text, `${role} must not see "${h}"`).not.toContain(h);
    };
    await shows('own', [TITLES.B, TITLES.D], [TITLES.C]);
    await shows('coordinating', [TITLES.B], [TITLES.C]);
    await shows('other', [TITLES.C], [TITLES.A, TITLES.B, TITLES.D, TITLES.E]);
    // The lists of a plan's standing officer: every duty of that plan.
    const overdue = await agents.standing.request('GET', `/tracking/due-soon?planId=${PLAN}`);
    expect(overdue.text).toContain(TITLES.C);
    // An agency user asking for the lists of a plan directly is refused, not given them.
    const asked = await agents.other.request('GET', `/tracking/due-soon?planId=${PLAN}`);
    expect(asked.status).toBe(403);
    expect(asked.text).not.toContain(TITLES.C);
  });
});
