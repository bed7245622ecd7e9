// Past one machine: three worker processes (worker/main.ts, as deployed) on one task queue of
// a loopback Temporal dev server, sharing a PostgreSQL read model, run a batch of duties
// through their reminders to acceptance. Every duty completes, no reminder is sent twice
// (the SMTP server counts Message-IDs), and the work is spread over more than one worker.
// Each worker serves /metrics: the messages it sent and the Temporal SDK's own figures.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartDuty } from '../../common/duty-schema.ts';
import { acknowledgeUpdate, reviewUpdate, submitUpdate } from '../../common/messages.ts';
import { freePort } from '../../ops/free-port.ts';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink.ts';
import { startDuty } from '../../services/starts.ts';
import { startTestDevServer } from '../support/dev-server.ts';
import { parseMail } from '../support/mail.ts';
import { startTestPostgres, type TestPostgres } from '../support/postgres.ts';
import { workflowBundleFile } from '../support/workflow-bundle.ts';
import { startWorkerProcess, type WorkerProcess } from '../support/worker-process.ts';

const DUTIES = 24;
const WORKERS = 3;

const agency = (id: string, name: string) => ({
  id,
  name,
  head: { name: `Lãnh đạo ${name}`, email: `${id}@workers.example` },
  focalPoints: [],
});
const STANDING = agency('phong-ldtbxh', 'Phòng Lao động - Thương binh và Xã hội');

let dir: string;
let devServer: Awaited<ReturnType<typeof startTestDevServer>>;
let sink: MailSink;
let postgres: TestPostgres;
let connection: Connection;
let client: Client;
const workers: WorkerProcess[] = [];
const metricsPorts: number[] = [];

/** The sum over every worker of one Prometheus series (all its label sets matching `labels`). */
async function scrapeSum(name: string, labels = ''): Promise<{ total: number; texts: string[] }> {
  const texts = await Promise.all(
    metricsPorts.map(async (port) => (await fetch(`http://127.0.0.1:${port}/metrics`)).text()),
  );
  let total = 0;
  for (const text of texts) {
    for (const line of text.split('\n')) {
      const m = /^(\w+)(\{[^}]*\})? (\S+)$/.exec(line);
      if (m?.[1] === name && (m[2] ?? '').includes(labels)) total += Number(m[3]);
    }
  }
  return { total, texts };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'several-workers-'));
  [devServer, sink, postgres] = await Promise.all([
    startTestDevServer(),
    startMailSink(),
    startTestPostgres(),
  ]);
  const env = {
    TEMPORAL_ADDRESS: devServer.address,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    DATABASE_URL: postgres.url,
    DATA_DIR: dir,
    PUBLIC_URL: 'http://duties.workers',
    // Built once, as a deployment ships it: three workers would otherwise each run webpack.
    WORKFLOW_BUNDLE: await workflowBundleFile(),
  };
  for (let i = 0; i < WORKERS; i++) metricsPorts.push(await freePort());
  const own = (i: number) => ({ ...env, WORKER_METRICS_PORT: String(metricsPorts[i]) });
  // One first, so the database migrations run once; then the others together.
  workers.push(await startWorkerProcess(own(0)));
  workers.push(
    ...(await Promise.all(
      Array.from({ length: WORKERS - 1 }, (_, i) => startWorkerProcess(own(i + 1))),
    )),
  );
  connection = await Connection.connect({ address: devServer.address });
  client = new Client({ connection });
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.kill()));
  await connection?.close();
  await sink?.stop();
  await devServer?.stop();
  postgres?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('several workers on one task queue', () => {
  it(
    'run every duty to completion, each reminder once, the work spread over the workers',
    { timeout: 300_000 },
    async () => {
      const t0 = Date.now();
      const ids = await Promise.all(
        Array.from({ length: DUTIES }, (_, i) =>
          startDuty(
            client,
            StartDuty.parse({
              planId: 'nhieu-worker',
              dutyId: `BC-${i}`,
              period: `t${t0}`,
              title: 'Báo cáo tháng tiến độ giảm nghèo',
              product: 'Báo cáo tháng',
              dueAt: new Date(t0 + 40_000).toISOString(),
              lead: agency(`xa-${i}`, `UBND xã số ${i}`),
              standing: STANDING,
              supervisor: {
                name: 'Chủ tịch UBND huyện',
                email: 'chu-tich@workers.example',
                title: 'Chủ tịch UBND huyện',
              },
              // Seconds instead of days: two reminders, 25 s and 15 s before the deadline.
              policy: { remindBefore: ['PT25S', 'PT15S'] },
              calendar: { officeHour: null },
            }),
          ),
        ),
      );

      const mails = await sink.waitFor(2 * DUTIES, 120_000);
      const lead = (i: number) => ({ name: 'Cán bộ xã', agencyId: `xa-${i}` });
      await Promise.all(
        ids.map(async (id, i) => {
          const duty = client.workflow.getHandle(id);
          await duty.executeUpdate(acknowledgeUpdate, { args: [{ actor: lead(i) }] });
          await duty.executeUpdate(submitUpdate, {
            args: [{ actor: lead(i), text: 'Báo cáo tháng', attachments: [], indicators: {} }],
          });
          await duty.executeUpdate(reviewUpdate, {
            args: [
              { actor: { name: 'Cán bộ LĐ-TB&XH', agencyId: STANDING.id }, outcome: 'accept' },
            ],
          });
          await duty.result();
        }),
      );

      const statuses = await Promise.all(
        ids.map(async (id) => (await client.workflow.getHandle(id).describe()).status.name),
      );
      expect(statuses).toEqual(ids.map(() => 'COMPLETED'));

      // Two reminders per duty, each exactly once; then the standing agency hears of the
      // product and the lead of its acceptance, once each.
      const all = await Promise.all((await sink.waitFor(4 * DUTIES, 60_000)).map(parseMail));
      const messageIds = all.map((m) => m.messageId);
      expect(all).toHaveLength(4 * DUTIES);
      expect(new Set(messageIds).size).toBe(messageIds.length);
      expect(mails.length).toBe(2 * DUTIES);
      const parsed = all.filter((m) => m.subject.startsWith('[Nhắc việc]'));
      expect(parsed).toHaveLength(2 * DUTIES);
      for (const [i, id] of ids.entries()) {
        const own = parsed.filter((m) => m.headers['x-duty-id'] === id);
        expect(own.map((m) => m.to)).toEqual([
          [`xa-${i}@workers.example`],
          [`xa-${i}@workers.example`],
        ]);
      }

      // Who did the work: the identity of each workflow task and activity in the histories.
      const identities = new Map<string, number>();
      for (const id of ids) {
        const history = await client.workflow.getHandle(id).fetchHistory();
        for (const e of history.events ?? []) {
          const who =
            e.workflowTaskCompletedEventAttributes?.identity ??
            e.activityTaskStartedEventAttributes?.identity;
          if (who) identities.set(who, (identities.get(who) ?? 0) + 1);
        }
      }
      const pids = new Set(workers.map((w) => String(w.child.pid)));
      const ours = [...identities.keys()].filter((who) => pids.has(who.split('@')[0] ?? ''));
      expect(ours.length).toBe(identities.size);
      expect(identities.size).toBeGreaterThan(1);

      // What Prometheus would read: every message counted once, by the worker that sent it,
      // how late each was against its step's instant, and the SDK's figures beside ours.
      const sent = await scrapeSum('duties_messages_total', 'delivery="sent"');
      expect(sent.total).toBe(4 * DUTIES);
      const late = await scrapeSum('duties_reminder_lateness_seconds_count');
      expect(late.total).toBe(4 * DUTIES);
      for (const text of sent.texts) {
        expect(text).toContain('process="worker"');
        expect(text).toMatch(/^temporal_\w+/m);
      }
    },
  );
});
