// `npm run bench` (`-- --quick` for a smoke run): the service's figures against raw Temporal,
// each taken in this one run, on each Temporal server of BENCH_SERVERS in turn (bench/servers.ts:
// the CLI's dev server on a SQLite file, the Temporal server itself on PostgreSQL with
// BENCH_SHARDS history shards), with the real duty worker in its own process, a SQLite read
// model and a loopback SMTP server. The parts that depend on the server (cycle, reminders,
// history, memory) run on each, raw baseline included, and their figures carry the server as a
// prefix (`dev.cycle_launch_vs_raw`, `cluster8.reminder_lateness_p99`); the read model's
// (SQLite only) run once, unprefixed. Progress lines go to stdout as it runs; it ends with one
// line per figure, `name value unit`, after a `== figures ==` line, for scripts to read.
//
// Servers: BENCH_SERVERS (`dev,cluster` by default, `dev` with --quick), BENCH_SHARDS (the
// cluster's history shards, 8 by default). Sizes: BENCH_COMMUNES / BENCH_DEPARTMENTS (the
// province whose cycle is launched), BENCH_RAW_CONCURRENCY, BENCH_REMINDERS, BENCH_OPEN_DUTIES,
// BENCH_READ_MODEL, BENCH_QUERY_SAMPLE, BENCH_LADDER_DUTIES, BENCH_DIAGNOSTICS; BENCH_WORKER_CACHE
// the cycle and reminders worker's maxCachedWorkflows (4,000); BENCH_MAX_CACHED the memory
// worker's (otherwise sized from memory, as worker/build.ts does); BENCH_WORKER_OLD_SPACE the
// worker process's main heap in MiB (otherwise sized for its caches); BENCH_PARTS picks parts
// (cycle, reminders, history, memory, read-model; all by default); BENCH_DIR moves the files.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
// CommonJS: Node's ESM loader sees only its default export.
import proto, { type temporal as Proto } from '@temporalio/proto';
import { createSmtpMailer } from '../activities/mailer.ts';
import { benchEnv } from '../config/env.ts';
import { StartCycle } from '../common/cycle-schema.ts';
import type { DutyState } from '../common/duty-state.ts';
import {
  acknowledgeUpdate,
  getStateQuery,
  reviewUpdate,
  submitUpdate,
} from '../common/messages.ts';
import { openDb, type Db } from '../db/index.ts';
import { countDuties } from '../db/duty-snapshots.ts';
import { listDuties } from '../db/duties.ts';
import { LAUNCH_WINDOW } from '../activities/cycle.ts';
import {
  agencyDueDates,
  awaitingReview,
  dueSoonDuties,
  extensionsAsked,
  overdueDuties,
  reportingMatrix,
} from '../db/tracking.ts';
import { DAY_MS, localParts } from '../domain/local-time.ts';
import { cycleDuties } from '../plans/cycle-duties.ts';
import { importDirectory, importPlan } from '../plans/service.ts';
import { startMailSink, type MailSink } from '../scripts/lib/mail-sink.ts';
import { startCycle, startDuty } from '../services/starts.ts';
import { bundleWorkflows } from '../worker/create.ts';
import {
  agency,
  benchDuty,
  fillReadModel,
  NATION,
  nationalDirectory,
  provinceOf,
  STANDING,
} from './duties.ts';
import {
  commit,
  machine,
  percentile,
  pool,
  say,
  sleep,
  startBenchWorker,
  throttled,
  type BenchWorker,
} from './lib.ts';
import type { BenchWorkerOptions } from './protocol.ts';
import { province } from './province.ts';
import { reminderLateness } from './reminders.ts';
import { parseServers, startBenchServer, type BenchServer } from './servers.ts';

const quick = process.argv.includes('--quick');
const ENV = benchEnv();
const ALL_PARTS = ['cycle', 'reminders', 'history', 'memory', 'read-model'];
const PARTS = new Set((ENV['BENCH_PARTS'] ?? ALL_PARTS.join(',')).split(','));
for (const p of PARTS) {
  if (!ALL_PARTS.includes(p))
    throw new Error(`BENCH_PARTS: unknown part ${p} (${ALL_PARTS.join(', ')})`);
}
// The cluster's start (PostgreSQL, schemas, server) would double the smoke run's time.
const SERVERS = parseServers(ENV['BENCH_SERVERS'] ?? (quick ? 'dev' : 'dev,cluster'));
const SERVER_PARTS = ['cycle', 'reminders', 'history', 'memory'];
const size = (name: string, full: number, small: number): number => {
  const raw = ENV[name];
  if (raw === undefined || raw === '') return quick ? small : full;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}: must be a positive integer`);
  return n;
};
const SIZES = {
  communes: size('BENCH_COMMUNES', 165, 4),
  departments: size('BENCH_DEPARTMENTS', 30, 2),
  // As many starts in flight as the launch keeps, so the baseline differs only in what it starts.
  rawConcurrency: size('BENCH_RAW_CONCURRENCY', LAUNCH_WINDOW, LAUNCH_WINDOW),
  reminders: size('BENCH_REMINDERS', 1_000, 20),
  ladderDuties: size('BENCH_LADDER_DUTIES', 4, 1),
  openDuties: size('BENCH_OPEN_DUTIES', 10_000, 300),
  readModel: size('BENCH_READ_MODEL', 100_000, 3_000),
  querySample: size('BENCH_QUERY_SAMPLE', 500, 30),
  diagnostics: size('BENCH_DIAGNOSTICS', 1_000, 40),
  shards: size('BENCH_SHARDS', 8, 8),
  // The cycle and reminders worker's sticky cache, as docs/scaling.md sizes a deployment's
  // worker: room for a morning's duties (Node's default heap alone gives 134, worker/build.ts,
  // and a burst of 1,000 reminders then replays each duty for each of its workflow tasks), and
  // for the province's whole launch, so its take-up is counted in the cache as the baseline's is.
  workerCache: size('BENCH_WORKER_CACHE', 4_000, 4_000),
};
const MAX_CACHED = ENV['BENCH_MAX_CACHED'] ? size('BENCH_MAX_CACHED', 0, 0) : undefined;
// The client-side window for starts the bench makes itself (reminders, open duties).
const START_CONCURRENCY = 20;
const YEAR = localParts(Date.now()).year + 1;
const MiB = 2 ** 20;

interface Figure {
  name: string;
  value: number;
  unit: string;
  digits: number;
}
const figures: Figure[] = [];
const { temporal } = proto;
const EventType = temporal.api.enums.v1.EventType;
// The server the figures being taken depend on: their names' prefix (none for the read model).
let prefix = '';
const figure = (name: string, value: number, unit: string, digits = 1): void => {
  const full = prefix ? `${prefix}.${name}` : name;
  figures.push({ name: full, value, unit, digits });
  say(`→ ${full} ${value.toFixed(digits)} ${unit}`);
};
const notes: string[] = [];
const note = (text: string): void => {
  notes.push(prefix ? `${prefix}: ${text}` : text);
};

const m = machine();
say(
  `npm run bench${quick ? ' --quick' : ''}: ${new Date().toISOString()}, commit ${commit()}, ` +
    `${m.cores} cores (${m.cpu}), ${m.ramGiB} GiB, Node ${m.node}`,
);
say(
  `sizes: ${JSON.stringify(SIZES)}, parts: ${[...PARTS].join(', ')}, servers: ${SERVERS.join(', ')}`,
);
// The machine may be shared: the load says how much of it the bench had.
say(
  `load average: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);

// Temporal's files (the dev server's SQLite file, the cluster's PostgreSQL) and the read model:
// on a RAM-backed file system when there is one, so the figures measure the service and
// Temporal, not this machine's disk flushes (on this VM's disk the dev server's per-commit
// fsync held even raw starts to about 15/s). BENCH_DIR moves them.
const baseDir = ENV['BENCH_DIR'] ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());
const dir = mkdtempSync(join(baseDir, 'giam-ngheo-bench-'));
say(`Temporal's files and the read models in ${dir}`);
let server: BenchServer | undefined;
let sink: MailSink | undefined;
let db: Db | undefined;
let connection: Connection | undefined;
let worker: BenchWorker | undefined;
let queryRate = Number.NaN;

async function main(): Promise<void> {
  sink = await startMailSink();
  const serverParts = SERVER_PARTS.filter((p) => PARTS.has(p));
  // The read model needs a client for its activities' dependencies, not a server's figures:
  // with no server part it still starts the first server.
  const kinds = serverParts.length > 0 ? SERVERS : SERVERS.slice(0, 1);
  for (const [i, kind] of kinds.entries()) {
    say(`starting the Temporal server (${kind}) and its read model …`);
    const started = await startBenchServer(kind, dir, SIZES.shards);
    server = started;
    notes.push(`${started.label}: ${started.description}, at ${started.address}`);
    connection = await Connection.connect({ address: started.address });
    const client = new Client({ connection, namespace: started.namespace });
    if (serverParts.length > 0) {
      // Each server its own read model, so plans and duties start afresh.
      const appDbFile = join(dir, `app-${started.label}.db`);
      db = await openDb({ sqliteFile: appDbFile });
      prefix = started.label;
      say(`== on ${started.label}: ${started.description}`);
      await serverPartsOn(client, db, sink, {
        address: started.address,
        namespace: started.namespace,
        smtpPort: sink.port,
        sqliteFile: appDbFile,
      });
      prefix = '';
      await db.destroy();
      db = undefined;
    }
    // ── 5. The read model at national size, once
    if (i === 0 && PARTS.has('read-model')) await readModel(client, sink);
    await connection.close();
    connection = undefined;
    await started.stop();
    server = undefined;
    notes.push(`load average after ${started.label}: ${loadAverage()}`);
  }

  console.log('');
  for (const n of notes) say(`note: ${n}`);
  console.log('== figures ==');
  for (const f of figures) console.log(`${f.name} ${f.value.toFixed(f.digits)} ${f.unit}`);
}

const loadAverage = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** The parts that depend on the Temporal server, on one of them. */
async function serverPartsOn(
  client: Client,
  db: Db,
  sink: MailSink,
  workerOptions: Omit<BenchWorkerOptions, 'oneTimer'>,
): Promise<void> {
  if (PARTS.has('cycle') || PARTS.has('reminders') || PARTS.has('history')) {
    say('starting a worker process (duty worker + one-timer worker; bundling takes a while) …');
    const w = await startBenchWorker(
      { ...workerOptions, oneTimer: true, maxCachedWorkflows: SIZES.workerCache },
      (t) => say(`  ${t}`),
    );
    worker = w;
    say(`worker pid ${w.pid}, maxCachedWorkflows ${w.maxCachedWorkflows}`);
    note(
      `worker for the cycle, reminders and histories: maxCachedWorkflows ${w.maxCachedWorkflows}`,
    );
    // ── 1. A province's cycle against raw starts
    // Duties the worker takes up per second (first workflow task and read-model write).
    const takeUpRate = PARTS.has('cycle') ? await cycleVsRaw(client, db, w) : 10;
    // ── 2. A morning's reminders against raw timers that each send a mail
    if (PARTS.has('reminders')) {
      await reminderLateness({
        client,
        db,
        sink,
        worker: w,
        count: SIZES.reminders,
        takeUpRate,
        quick,
        year: YEAR,
        startConcurrency: START_CONCURRENCY,
        figure,
        note,
      });
    }
    // ── 3. History per duty through its ladder
    if (PARTS.has('history')) await historyPerDuty(client, sink);
    await w.stop();
    worker = undefined;
  }
  // ── 4. Worker memory with many open duties, and asking them by query
  if (PARTS.has('memory')) await workerMemory(client, db, workerOptions);
}

/**
 * Launches a province's cycle, after the baseline on the same worker's client. Returns how many
 * duties a second the worker took up.
 */
async function cycleVsRaw(client: Client, db: Db, worker: BenchWorker): Promise<number> {
  const { directory, plan } = province({
    year: YEAR,
    departments: SIZES.departments,
    communes: SIZES.communes,
  });
  await importDirectory(db, directory);
  await importPlan(db, plan, false);

  // Warm both paths (connections, the workflow bundles' first activations) before timing.
  await worker.startOneTimers({
    count: 40,
    concurrency: 20,
    prefix: 'warm',
    sleepMs: DAY_MS,
    payload: 'duty',
  });
  await startDuty(
    client,
    benchDuty({
      planId: 'bench-warm',
      dutyId: 'warm',
      period: String(YEAR),
      dueAt: Date.now() + 30 * DAY_MS,
      lead: agency('warm', 'Khởi động'),
    }),
  );

  const loadStart = performance.now();
  const dutyCount = await expectedCycleDuties(db, plan.id);
  const loadMs = performance.now() - loadStart;
  say(
    `raw baseline: starting ${dutyCount} one-timer workflows (${SIZES.rawConcurrency} in flight) …`,
  );
  const raw = await worker.startOneTimers({
    count: dutyCount,
    concurrency: SIZES.rawConcurrency,
    prefix: 'raw',
    sleepMs: DAY_MS,
    payload: 'none',
  });
  const rawRate = dutyCount / (raw.startedMs / 1000);
  let oneTimers = 40 + dutyCount;
  // The worker takes up the baseline's workflows before the cycle competes with them.
  await oneTimersTakenUp(worker, oneTimers);
  const rawTakeUpRate = dutyCount / ((Date.now() - raw.firstStartAt) / 1000);

  // A duty is running once the worker has taken it up: its first workflow task done, so it sits
  // in the worker's cache, as the baseline's one-timers are counted. The launch writes the read
  // model's rows before the starts, so those rows say nothing about it; they count only when the
  // cache is too small to hold the whole launch.
  const cachedBefore = (await worker.status()).cachedWorkflows;
  const byCache = worker.maxCachedWorkflows >= cachedBefore + dutyCount + 1;
  const running = async (): Promise<number> =>
    byCache
      ? (await worker.status()).cachedWorkflows - cachedBefore - 1
      : await countDuties(db, plan.id);
  say(`launching the province's ${YEAR} cycle (${dutyCount} duties) …`);
  const cycleStartAt = Date.now();
  const cycleId = await startCycle(client, StartCycle.parse({ planId: plan.id, year: YEAR }));
  const cycle = client.workflow.getHandle(cycleId);
  const progress = throttled(3_000);
  let launch: Awaited<ReturnType<typeof launchTiming>>;
  let allRecordedAt: number | undefined;
  for (;;) {
    // The cycle's history, not a query: a query waits behind the flood of new duties' tasks.
    launch = await launchTiming(cycle);
    const recorded = await running();
    if (recorded >= dutyCount) allRecordedAt ??= Date.now();
    progress(
      `  ${recorded}/${dutyCount} duties running (${byCache ? "in the worker's cache" : 'in the read model'}), ` +
        `launch ${launch ? 'done' : 'in progress'}`,
    );
    if (launch && allRecordedAt !== undefined) break;
    await sleep(500);
  }
  const launchRate = launch.launched / ((launch.completedAt - cycleStartAt) / 1000);

  // The baseline again after the launch. Starts slow down as the server fills: the launch ran
  // with the baseline's workflows open, the baseline on an empty server, and a second baseline
  // runs with both open (6/12: 270 starts a second first, 218–223 for the diagnostics after
  // the launch). The launch is compared with the mean of the two baselines that bracket it.
  say(`raw baseline again, after the launch: ${dutyCount} one-timer workflows …`);
  const rawAgain = await worker.startOneTimers({
    count: dutyCount,
    concurrency: SIZES.rawConcurrency,
    prefix: 'raw-after',
    sleepMs: DAY_MS,
    payload: 'none',
  });
  oneTimers += dutyCount;
  await oneTimersTakenUp(worker, oneTimers);
  const rawAgainRate = dutyCount / (rawAgain.startedMs / 1000);
  const rawAgainTakeUpRate = dutyCount / ((Date.now() - rawAgain.firstStartAt) / 1000);
  const rawMean = (rawRate + rawAgainRate) / 2;
  const rawTakeUpMean = (rawTakeUpRate + rawAgainTakeUpRate) / 2;
  figure('raw_start_rate_before', rawRate, 'workflows/s');
  figure('raw_start_rate_after', rawAgainRate, 'workflows/s');
  figure('raw_start_rate', rawMean, 'workflows/s');
  figure('cycle_launch_rate', launchRate, 'workflows/s');
  figure('cycle_launch_vs_raw', launchRate / rawMean, 'ratio', 2);
  figure('cycle_launch_vs_raw_before', launchRate / rawRate, 'ratio', 2);
  figure('cycle_all_running', (allRecordedAt - cycleStartAt) / 1000, 's');
  // Started is not yet running: the worker must take each workflow up (its first task). Rates
  // until the last one was taken up, on both sides.
  const takeUpRate = launch.launched / ((allRecordedAt - cycleStartAt) / 1000);
  figure('raw_take_up_rate_before', rawTakeUpRate, 'workflows/s');
  figure('raw_take_up_rate_after', rawAgainTakeUpRate, 'workflows/s');
  figure('raw_take_up_rate', rawTakeUpMean, 'workflows/s');
  figure('cycle_take_up_rate', takeUpRate, 'workflows/s');
  figure('cycle_take_up_vs_raw', takeUpRate / rawTakeUpMean, 'ratio', 2);
  note(
    `cycle: ${launch.launched} duties started in ${((launch.completedAt - cycleStartAt) / 1000).toFixed(1)} s ` +
      `(launch activity ${((launch.completedAt - launch.activityStartedAt) / 1000).toFixed(1)} s); ` +
      `raw: ${dutyCount} in ${(raw.startedMs / 1000).toFixed(1)} s before the launch, ` +
      `${(rawAgain.startedMs / 1000).toFixed(1)} s after it; ` +
      `reading the ${dutyCount} duties from the database (cycleDuties) ${loadMs.toFixed(0)} ms; ` +
      `running counted ${byCache ? "in the worker's cache" : 'in the read model (cache too small)'}`,
  );

  // What holds the launch back: the same starts with one difference at a time. The dev
  // server's rate moves by a fifth from one few-second stretch to the next (its SQLite file), so
  // the three kinds take turns in small chunks, the order rotated each round, and each kind's
  // rate is its starts over its summed time.
  const n = Math.min(dutyCount, SIZES.diagnostics);
  const ROUNDS = 5;
  const chunk = Math.max(1, Math.floor(n / ROUNDS));
  const kinds = ['none', 'input', 'duty'] as const;
  const spent: Record<(typeof kinds)[number], number> = { none: 0, input: 0, duty: 0 };
  say(
    `diagnostic: ${ROUNDS} rounds of ${chunk} one-timer starts each, plain, with a duty's ` +
      'input (REJECT_DUPLICATE), and with its five search attributes too …',
  );
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < kinds.length; k++) {
      const payload = kinds[(round + k) % kinds.length]!;
      const r = await worker.startOneTimers({
        count: chunk,
        concurrency: SIZES.rawConcurrency,
        prefix: `diag-${payload}-${oneTimers}`,
        sleepMs: DAY_MS,
        payload,
      });
      oneTimers += chunk;
      await oneTimersTakenUp(worker, oneTimers);
      spent[payload] += r.startedMs / 1000;
    }
  }
  const rate = (kind: (typeof kinds)[number]) => (ROUNDS * chunk) / spent[kind];
  const plain = rate('none');
  const input = rate('input');
  const attributes = rate('duty');
  figure('raw_start_rate_diag_plain', plain, 'workflows/s');
  figure('raw_start_rate_duty_input', input, 'workflows/s');
  figure('raw_start_rate_duty_input_attributes', attributes, 'workflows/s');
  figure('start_rate_input_vs_plain', input / plain, 'ratio', 2);
  figure('start_rate_attributes_vs_input', attributes / input, 'ratio', 2);
  figure('start_rate_attributes_vs_plain', attributes / plain, 'ratio', 2);
  figure('cycle_launch_vs_duty_input_attributes', launchRate / attributes, 'ratio', 2);
  return takeUpRate;
}

async function expectedCycleDuties(db: Db, planId: string): Promise<number> {
  const { duties } = await cycleDuties(db, planId, YEAR, 'count');
  return duties.length;
}

/** The launch activity's start and completion, as the server recorded them in the cycle's history. */
async function launchTiming(cycle: WorkflowHandle) {
  const history = await cycle.fetchHistory();
  const find = (type: Proto.api.enums.v1.EventType) =>
    history.events?.find((ev) => ev.eventType === type);
  const at = (e: Proto.api.history.v1.IHistoryEvent | undefined): number => {
    const t = e?.eventTime;
    return Number(t?.seconds ?? 0) * 1000 + Math.floor((t?.nanos ?? 0) / 1e6);
  };
  const completed = find(EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED);
  const payload = completed?.activityTaskCompletedEventAttributes?.result?.payloads?.[0]?.data;
  if (!completed || !payload) return undefined;
  const result = JSON.parse(Buffer.from(payload).toString('utf8')) as { total: number };
  return {
    launched: result.total,
    activityStartedAt: at(find(EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)),
    completedAt: at(completed),
  };
}

/** Waits until the one-timer worker has taken up every one-timer started so far. */
async function oneTimersTakenUp(worker: BenchWorker, total: number): Promise<void> {
  const progress = throttled(3_000);
  for (;;) {
    const s = await worker.status();
    progress(`  one-timers taken up by the worker: ${s.oneTimersCached}/${total}`);
    if (s.oneTimersCached >= total) return;
    await sleep(250);
  }
}

function historyStats(history: Proto.api.history.v1.IHistory) {
  const events = history.events ?? [];
  const count = (type: Proto.api.enums.v1.EventType) =>
    events.filter((e) => e.eventType === type).length;
  const patchMarkers = events.filter(
    (e) =>
      e.eventType === EventType.EVENT_TYPE_MARKER_RECORDED &&
      e.markerRecordedEventAttributes?.markerName === 'core_patch',
  ).length;
  // Temporal Cloud's billable actions, approximately: the start, each timer, activity,
  // update, signal sent, search-attribute upsert and non-patch marker.
  const actions =
    1 +
    count(EventType.EVENT_TYPE_TIMER_STARTED) +
    count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) +
    count(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED) +
    count(EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED) +
    count(EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES) +
    count(EventType.EVENT_TYPE_MARKER_RECORDED) -
    patchMarkers;
  return {
    events: events.length,
    bytes: temporal.api.history.v1.History.encode(history).finish().byteLength,
    actions,
    workflowTasks: count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED),
    activities: count(EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED),
    timers: count(EventType.EVENT_TYPE_TIMER_STARTED),
  };
}

const average = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

/**
 * A duty's history through the whole default-shaped ladder (3 reminders, overdue notice,
 * 5 urges, escalation; lead with a focal point), compressed to seconds; and an on-time duty
 * acknowledged, submitted and accepted after its first reminder.
 */
async function historyPerDuty(client: Client, sink: MailSink) {
  const k = SIZES.ladderDuties;
  const t0 = Date.now();
  const policy = {
    remindBefore: ['PT20S', 'PT14S', 'PT8S'],
    urgeEvery: 'PT3S',
    maxUrges: 5,
    escalateAfter: 'PT18S',
  };
  const calendar = { officeHour: null };
  say(`history per duty: ${k} late and ${k} on-time duties on a ladder compressed to seconds …`);
  const late: string[] = [];
  const onTime: string[] = [];
  for (let i = 0; i < k; i++) {
    for (const [list, kind] of [
      [late, 'tre'],
      [onTime, 'dung-han'],
    ] as const) {
      list.push(
        await startDuty(
          client,
          benchDuty({
            planId: 'bench-lich-su',
            dutyId: `${kind}-${i}`,
            period: String(YEAR),
            dueAt: t0 + 25_000,
            lead: agency(`xa-lich-su-${kind}-${i}`, `UBND xã ${kind} ${i}`, 1),
            policy,
            calendar,
          }),
        ),
      );
    }
  }
  const lead = (id: string) => ({ name: 'Cán bộ xã', agencyId: id });
  await sleep(Math.max(0, t0 + 7_000 - Date.now()));
  await Promise.all(
    onTime.map(async (id) => {
      const h = client.workflow.getHandle(id);
      const agencyId = (await h.query(getStateQuery)).lead.id;
      await h.executeUpdate(acknowledgeUpdate, { args: [{ actor: lead(agencyId) }] });
      await h.executeUpdate(submitUpdate, {
        args: [{ actor: lead(agencyId), text: 'Báo cáo tháng', attachments: [], indicators: {} }],
      });
      await h.executeUpdate(reviewUpdate, {
        args: [{ actor: { name: 'Cán bộ Sở', agencyId: STANDING.id }, outcome: 'accept' }],
      });
      await h.result();
    }),
  );
  const progress = throttled(5_000);
  const stepsLeft = async (id: string): Promise<boolean> => {
    const s: DutyState = await client.workflow.getHandle(id).query(getStateQuery);
    return s.nextStep !== undefined;
  };
  for (;;) {
    const open = (await Promise.all(late.map(stepsLeft))).filter(Boolean).length;
    progress(
      `  late duties still on their ladder: ${open}/${k} (${sink.received.length} messages so far)`,
    );
    if (open === 0) break;
    if (Date.now() - t0 > 180_000)
      throw new Error('the compressed ladders did not finish in 3 min');
    await sleep(1_000);
  }
  const stats = async (ids: string[]) =>
    Promise.all(
      ids.map(async (id) => historyStats(await client.workflow.getHandle(id).fetchHistory())),
    );
  const lateStats = await stats(late);
  const onTimeStats = await stats(onTime);
  const describe = (label: string, s: ReturnType<typeof historyStats>[]) =>
    `${label}: ${average(s.map((x) => x.events)).toFixed(0)} events, ` +
    `${average(s.map((x) => x.workflowTasks)).toFixed(0)} workflow tasks, ` +
    `${average(s.map((x) => x.activities)).toFixed(0)} activities, ${average(s.map((x) => x.timers)).toFixed(0)} timers`;
  note(describe('late duty (full ladder)', lateStats));
  note(describe('on-time duty', onTimeStats));
  figure('duty_history_events_late', average(lateStats.map((s) => s.events)), 'events', 0);
  figure('duty_history_bytes_late', average(lateStats.map((s) => s.bytes)), 'bytes', 0);
  figure('duty_actions_late', average(lateStats.map((s) => s.actions)), 'actions', 0);
  figure('duty_history_events_on_time', average(onTimeStats.map((s) => s.events)), 'events', 0);
  figure('duty_history_bytes_on_time', average(onTimeStats.map((s) => s.bytes)), 'bytes', 0);
  figure('duty_actions_on_time', average(onTimeStats.map((s) => s.actions)), 'actions', 0);
}

async function workerMemory(
  client: Client,
  db: Db,
  workerOptions: Omit<BenchWorkerOptions, 'oneTimer'>,
) {
  const n = SIZES.openDuties;
  const maxCached = MAX_CACHED;
  say(
    `worker memory: a fresh worker process, as worker/main.ts runs it (bundled by a child process, ` +
      `${maxCached ? `maxCachedWorkflows ${maxCached}` : 'the cache sized from memory'}), and ${n} duties …`,
  );
  const w = await startBenchWorker(
    {
      ...workerOptions,
      oneTimer: false,
      ...(maxCached ? { maxCachedWorkflows: maxCached } : {}),
    },
    (t) => say(`  ${t}`),
  );
  worker = w;
  await sleep(3_000);
  const base = await w.status();
  say(
    `  idle: RSS ${(base.rssBytes / MiB).toFixed(0)} MiB, heap ${(base.heapUsedBytes / MiB).toFixed(0)} MiB, ` +
      `maxCachedWorkflows ${w.maxCachedWorkflows}`,
  );
  figure('worker_rss_idle', base.rssBytes / MiB, 'MB', 0);
  const planId = 'bench-mo';
  const samples: { cached: number; rss: number }[] = [];
  let started = 0;
  const t0 = performance.now();
  const startAll = pool(n, START_CONCURRENCY, async (i) => {
    const commune = i % NATION.communes;
    await startDuty(
      client,
      benchDuty({
        planId,
        dutyId: `BC-${i}`,
        period: String(YEAR),
        dueAt: Date.now() + (30 + (i % 300)) * DAY_MS,
        lead: agency(`xa-${commune}`, `UBND xã số ${commune}`, 1),
      }),
    );
    started += 1;
  });
  let startedMs: number | undefined;
  void startAll.then(() => (startedMs = performance.now() - t0));
  const progress = throttled(5_000);
  const step = Math.max(1, Math.floor(Math.min(n, w.maxCachedWorkflows) / 10));
  let nextMark = step;
  for (;;) {
    const s = await w.status();
    const recorded = await countDuties(db, planId);
    if (s.cachedWorkflows >= nextMark && s.cachedWorkflows < w.maxCachedWorkflows) {
      samples.push({ cached: s.cachedWorkflows, rss: s.rssBytes });
      nextMark = s.cachedWorkflows + step;
    }
    progress(
      `  ${started}/${n} started, ${recorded} processed, ${s.cachedWorkflows} cached: ` +
        `RSS ${(s.rssBytes / MiB).toFixed(0)} MiB`,
    );
    const settled =
      started >= n &&
      recorded >= n &&
      s.inFlightActivities === 0 &&
      s.inFlightWorkflowActivations === 0;
    if (settled) break;
    await sleep(500);
  }
  await startAll;
  // Settled: every duty processed and waiting on its timer.
  await sleep(5_000);
  const end = await w.status();
  say(
    `  settled: ${end.cachedWorkflows} of ${n} open duties cached, RSS ${(end.rssBytes / MiB).toFixed(0)} MiB, ` +
      `heap ${(end.heapUsedBytes / MiB).toFixed(0)} MiB`,
  );
  // Growth per cached duty while the cache fills (past that, duties are evicted, not kept).
  const filling = samples.at(-1) ?? { cached: end.cachedWorkflows, rss: end.rssBytes };
  const perThousand = ((filling.rss - base.rssBytes) / MiB / filling.cached) * 1000;
  const label = n % 1000 === 0 ? `${n / 1000}k` : String(n);
  figure(`worker_rss_${label}_open_duties`, end.rssBytes / MiB, 'MB', 0);
  figure('worker_rss_per_1000_cached_duties', perThousand, 'MB', 0);
  figure('worker_cached_duties', end.cachedWorkflows, 'workflows', 0);
  figure('open_duty_start_rate', n / ((startedMs ?? performance.now() - t0) / 1000), 'workflows/s');
  figure('open_duty_processing_rate', n / ((performance.now() - t0 - 5_000) / 1000), 'workflows/s');
  note(
    `memory worker: maxCachedWorkflows ${w.maxCachedWorkflows}; RSS (MiB) by cached duties: ` +
      [
        { cached: 0, rss: base.rssBytes },
        ...samples,
        { cached: end.cachedWorkflows, rss: end.rssBytes },
      ]
        .map((s) => `${s.cached}→${(s.rss / MiB).toFixed(0)}`)
        .join(', '),
  );

  // Asking each workflow: a query on a duty out of the cache makes the worker fetch its
  // history and replay it, as a list built from queries would do for most duties.
  const sample = SIZES.querySample;
  const latencies: number[] = [];
  const q0 = performance.now();
  await pool(sample, START_CONCURRENCY, async (i) => {
    const id = `duty:${planId}:BC-${Math.floor((i * n) / sample)}:${YEAR}`;
    const t = performance.now();
    await client.workflow.getHandle(id).query(getStateQuery);
    latencies.push(performance.now() - t);
  });
  const rate = sample / ((performance.now() - q0) / 1000);
  figure('query_p50', percentile(latencies, 50), 'ms');
  figure('query_rate', rate, 'queries/s');
  queryRate = rate;
  await w.stop();
  worker = undefined;

  // The same worker given a prebuilt bundle (no webpack in the process), idle.
  const bundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(bundlePath, (await bundleWorkflows()).code);
  const prebuilt = await startBenchWorker({ ...workerOptions, oneTimer: false, bundlePath }, (t) =>
    say(`  ${t}`),
  );
  worker = prebuilt;
  await sleep(3_000);
  figure('worker_rss_idle_prebuilt_bundle', (await prebuilt.status()).rssBytes / MiB, 'MB', 0);
  await prebuilt.stop();
  worker = undefined;
}

async function readModel(client: Client, sink: MailSink) {
  const n = SIZES.readModel;
  const file = join(dir, 'read-model.db');
  const rm = await openDb({ sqliteFile: file });
  const mailer = createSmtpMailer({ host: '127.0.0.1', port: sink.port, secure: false });
  try {
    say(`read model: the national directory, then ${n} duties of a year through recordDuty …`);
    await importDirectory(rm, nationalDirectory());
    const t0 = performance.now();
    await fillReadModel({ db: rm, client, mailer }, n, (written) =>
      say(
        `  ${written}/${n} written (${(written / ((performance.now() - t0) / 1000)).toFixed(0)}/s)`,
      ),
    );
    const held = await countDuties(rm);
    if (held !== n) throw new Error(`the read model holds ${held} duties, not ${n}`);
    const runs = quick ? 30 : 200;
    const time = async (fn: (i: number) => Promise<unknown>): Promise<number[]> => {
      const out: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        await fn(i);
        out.push(performance.now() - t);
      }
      return out;
    };
    const now = Date.now();
    const plan = (i: number) => provinceOf(i * 7);
    // The labour office's pages (db/tracking.ts, as api/routes/tracking.ts calls it): its
    // province's reporting matrix for the year and overdue list; the country's overdue list;
    // an agency's own duties (db/duties.ts).
    say(`  timing the matrix and the lists, ${runs} times each …`);
    const matrix = await time((i) =>
      reportingMatrix(rm, { planId: plan(i), period: '2027', asOf: now }),
    );
    const planOverdue = await time((i) => overdueDuties(rm, { planId: plan(i), limit: 200 }, now));
    const nationalOverdue = await time(() => overdueDuties(rm, { limit: 200 }, now));
    const agencyList = await time((i) =>
      listDuties(rm, { agencyId: `xa-${(i * 37) % NATION.communes}`, role: 'lead', limit: 200 }),
    );
    // The labour office's queue on its home page (products to review, extensions to decide),
    // the due-soon list, and an agency's calendar feed (every due date it has).
    const dueSoon = await time((i) => dueSoonDuties(rm, { planId: plan(i), limit: 200 }, now, 14));
    const review = await time((i) => awaitingReview(rm, [plan(i)], 50));
    const extensions = await time((i) => extensionsAsked(rm, [plan(i)], 50));
    const calendar = await time((i) => agencyDueDates(rm, `xa-${(i * 37) % NATION.communes}`));
    const cells = (
      await reportingMatrix(rm, { planId: plan(0), period: '2027', asOf: now })
    ).reports.reduce((sum, r) => sum + r.cells.length, 0);
    note(`matrix of one province's year: ${cells} cells (duties) from ${n} in the read model`);
    const p95 = percentile(planOverdue, 95);
    figure('matrix_p95', percentile(matrix, 95), 'ms', 2);
    figure('overdue_list_p95', p95, 'ms', 2);
    figure('national_overdue_list_p95', percentile(nationalOverdue, 95), 'ms', 2);
    figure('agency_list_p95', percentile(agencyList, 95), 'ms', 2);
    figure('due_soon_list_p95', percentile(dueSoon, 95), 'ms', 2);
    figure('review_queue_p95', percentile(review, 95), 'ms', 2);
    figure('extension_queue_p95', percentile(extensions, 95), 'ms', 2);
    figure('agency_calendar_p95', percentile(calendar, 95), 'ms', 2);
    // What the overdue list would cost if it asked every workflow instead: n queries at the
    // rate measured on the open duties, most of them out of the worker's cache.
    if (Number.isFinite(queryRate)) {
      const askEachMs = (n / queryRate) * 1000;
      figure('ask_each_workflow_all', askEachMs / 1000, 's');
      figure('ask_each_vs_overdue_list', askEachMs / p95, 'ratio', 0);
    }
  } finally {
    mailer.close();
    await rm.destroy();
  }
}

let stopping: Promise<void> | undefined;
const stopAll = (): Promise<void> =>
  (stopping ??= (async () => {
    await worker?.stop();
    await connection?.close();
    await db?.destroy();
    await sink?.stop();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  })());
// Ctrl-C (or a kill) must not leave a dev server, a worker or files in RAM behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    say(`${signal}: stopping …`);
    void stopAll().finally(() => process.exit(130));
  });
}
try {
  await main();
} finally {
  await stopAll();
}
