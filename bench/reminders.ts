// The reminders part of `npm run bench`: a morning's burst of reminders against a raw baseline
// on the same server, worker process and SMTP server. First the raw side: one-timer workflows
// (bench/one-timer.ts `oneMailWorkflow`) whose timers all fire at one instant and each send one
// mail through an activity; then the service's: duties whose first reminder falls due at one
// office-hour minute; then the raw side again. Lateness is the SMTP server's receive instant minus the due instant;
// throughput is the messages over the time until the last one arrived.
import type { Client } from '@temporalio/client';
import type { Db } from '../db/index.ts';
import { countDuties } from '../db/duty-snapshots.ts';
import { DAY_MS, localDateKey, localParts } from '../domain/local-time.ts';
import type { MailSink, ReceivedMail } from '../scripts/lib/mail-sink.ts';
import { startDuty } from '../services/starts.ts';
import { agency, benchDuty } from './duties.ts';
import { percentile, pool, say, sleep, throttled, type BenchWorker } from './lib.ts';
import { RAW_TASK_QUEUE } from './one-timer.ts';

export interface ReminderRun {
  client: Client;
  db: Db;
  sink: MailSink;
  worker: BenchWorker;
  /** Reminders on each side. */
  count: number;
  /** Duties the worker takes up a second (from the cycle part), to plan the lead time. */
  takeUpRate: number;
  /** Small sizes: no office hour, instants a few seconds ahead. */
  quick: boolean;
  year: number;
  /** Starts in flight while the bench starts the workflows. */
  startConcurrency: number;
  figure: (name: string, value: number, unit: string, digits?: number) => void;
  note: (text: string) => void;
}

function header(raw: string, name: string): string | undefined {
  const match = new RegExp(`^${name}:[ \\t]*(.+)$`, 'im').exec(raw);
  return match?.[1]?.trim();
}

interface Burst {
  p50: number;
  p99: number;
  max: number;
  throughput: number;
}

/** The due instant: `lead` ms ahead at least, on a whole minute unless quick. */
function instantAfter(lead: number, quick: boolean): number {
  const unit = quick ? 1_000 : 60_000;
  return Math.ceil((Date.now() + lead) / unit) * unit;
}

/** Waits for the `count` mails tagged `tag` since `before`, then measures them against `at`. */
async function collect(
  sink: MailSink,
  before: number,
  tag: string,
  count: number,
  at: number,
  note: (text: string) => void,
  label: string,
): Promise<Burst> {
  say(`  waiting ${((at - Date.now()) / 1000).toFixed(0)} s for the instant …`);
  await sleep(Math.max(0, at - Date.now()));
  const ours = (): ReceivedMail[] =>
    sink.received.slice(before).filter((mail) => header(mail.raw, 'X-Duty-Id')?.includes(tag));
  const progress = throttled(3_000);
  const deadline = Date.now() + 10 * 60_000;
  while (ours().length < count && Date.now() < deadline) {
    progress(`  ${ours().length}/${count} received`);
    await sleep(250);
  }
  const mails = ours();
  if (mails.length < count) throw new Error(`only ${mails.length} of ${count} ${label} arrived`);
  const ids = new Set(mails.map((mail) => header(mail.raw, 'Message-ID')));
  const lateness = mails.map((mail) => mail.receivedAt - at);
  const max = Math.max(...lateness);
  say(`  ${mails.length} received, ${ids.size} distinct Message-IDs; the last ${max} ms late`);
  if (ids.size !== mails.length) note(`${label}: ${mails.length - ids.size} sent twice`);
  return {
    p50: percentile(lateness, 50),
    p99: percentile(lateness, 99),
    max,
    // At least a millisecond, so a burst that all arrived on the instant stays finite.
    throughput: count / (Math.max(max, 1) / 1000),
  };
}

/** One-timer workflows whose timers fire at one instant, each sending one mail. */
async function rawBurst(run: ReminderRun, prefix: string): Promise<Burst> {
  const { client, worker, sink, count: n } = run;
  const cachedBefore = (await worker.status()).oneTimersCached;
  // Starting n one-timers and their first tasks: 70 a second or more here (raw_take_up_rate);
  // planned at 25 a second, and at least 15 s ahead.
  const at = instantAfter(Math.max(15_000, (2 * n * 1000) / 50 + 10_000), run.quick);
  say(`raw reminders: ${n} one-timer workflows firing at ${new Date(at).toISOString()} …`);
  const before = sink.received.length;
  await pool(n, run.startConcurrency, async (i) => {
    await client.workflow.start('oneMailWorkflow', {
      taskQueue: RAW_TASK_QUEUE,
      workflowId: `${prefix}-${i}`,
      args: [at, `${prefix}-${i}`],
    });
  });
  // Taken up (the timer started) before the instant, as the service's duties are.
  for (;;) {
    const cached = (await worker.status()).oneTimersCached - cachedBefore;
    if (cached >= n) break;
    if (Date.now() >= at - 1_000)
      throw new Error(`only ${cached} of ${n} raw reminder workflows were taken up in time`);
    await sleep(250);
  }
  return collect(sink, before, prefix, n, at, run.note, 'raw reminders');
}

/** Duties whose first reminder falls due at one office-hour minute. */
async function serviceBurst(run: ReminderRun, planId: string): Promise<Burst> {
  const { client, db, sink, count: n, quick } = run;
  // Every duty must have been taken up (its ladder planned) before the instant, or its reminder
  // would be one the ladder no longer owes: half as long again as the cycle's pace says, and
  // at least a minute (the office-hour path needs a whole minute; --quick takes the
  // no-office-hour path a few seconds ahead).
  const lead = Math.max(
    quick ? 15_000 : 60_000,
    (1.5 * n * 1000) / Math.max(run.takeUpRate, 1) + 20_000,
  );
  const at = instantAfter(lead, quick);
  const p = localParts(at);
  const hhmm = `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
  // Every day a working day and the office hour the coming minute: the morning burst, now.
  const calendar = quick
    ? { officeHour: null }
    : { officeHour: hhmm, holidays: [], makeUpWorkingDays: [localDateKey(at)] };
  say(
    `reminders: ${n} duties whose first reminder falls due at ${new Date(at).toISOString()}` +
      (quick ? ' (no office hour)' : ` (office hour ${hhmm} local)`),
  );
  const before = sink.received.length;
  const progress = throttled(3_000);
  let started = 0;
  await pool(n, run.startConcurrency, async (i) => {
    await startDuty(
      client,
      benchDuty({
        planId,
        dutyId: `BC-${i}`,
        period: String(run.year),
        dueAt: at + 2 * DAY_MS,
        lead: agency(`xa-nhac-${i}`, `UBND xã nhắc ${i}`),
        policy: { remindBefore: ['P2D'] },
        calendar,
      }),
    );
    started += 1;
    progress(`  ${started}/${n} started`);
  });
  if (Date.now() >= at) {
    throw new Error('reminder duties took longer to start than planned; raise the lead time');
  }
  for (;;) {
    const recorded = await countDuties(db, planId);
    progress(`  ${recorded}/${n} waiting on their reminder timer`, recorded >= n);
    if (recorded >= n) break;
    if (Date.now() >= at - 1_000) {
      throw new Error(
        `only ${recorded} of ${n} reminder duties were taken up before their reminder; lower BENCH_REMINDERS`,
      );
    }
    await sleep(1_000);
  }
  return collect(sink, before, planId, n, at, run.note, 'reminders');
}

/**
 * The service's burst between two raw ones, and their figures. The raw burst's rate varies from
 * run to run far more than the service's (28.7–105 messages a second over the runs of 6/12,
 * 46–87 on 7/12), so the service is compared with the mean of the raw bursts just before and
 * just after it, not with one burst that ran on its own.
 */
export async function reminderLateness(run: ReminderRun): Promise<void> {
  const before = await rawBurst(run, 'bench-raw-nhac');
  const service = await serviceBurst(run, 'bench-nhac-viec');
  const after = await rawBurst(run, 'bench-raw-nhac-sau');
  const { figure } = run;
  const mean = (a: number, b: number): number => (a + b) / 2;
  figure('raw_reminder_lateness_p50', mean(before.p50, after.p50), 'ms', 0);
  figure('raw_reminder_lateness_p99', mean(before.p99, after.p99), 'ms', 0);
  figure('raw_reminder_lateness_p99_before', before.p99, 'ms', 0);
  figure('raw_reminder_lateness_p99_after', after.p99, 'ms', 0);
  figure('raw_reminder_throughput_before', before.throughput, 'messages/s');
  figure('raw_reminder_throughput_after', after.throughput, 'messages/s');
  const raw = mean(before.throughput, after.throughput);
  figure('raw_reminder_throughput', raw, 'messages/s');
  figure('reminder_lateness_p50', service.p50, 'ms', 0);
  figure('reminder_lateness_p99', service.p99, 'ms', 0);
  figure('reminder_lateness_max', service.max, 'ms', 0);
  figure('reminder_throughput', service.throughput, 'messages/s');
  figure('reminder_throughput_vs_raw', service.throughput / raw, 'ratio', 2);
  figure('reminder_throughput_vs_raw_before', service.throughput / before.throughput, 'ratio', 2);
}
