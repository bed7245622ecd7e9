// Operations: the service's metrics as Prometheus scrapes them, and JSON log lines with no
// personal data in them.
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openDb, type Db } from '../../db/index.ts';
import { writeDutySnapshot } from '../../db/duty-snapshots.ts';
import { createMetrics, startMetricsServer } from '../../ops/metrics.ts';
import { createLogger, logFunction } from '../../ops/log.ts';

let db: Db;
let server: Server;
const metrics = { current: undefined as ReturnType<typeof createMetrics> | undefined };

const row = (id: string, status: string) => ({
  id,
  plan_id: 'p',
  duty_id: id,
  period: '2026',
  title: id,
  lead_agency_id: 'a',
  status,
  due_at: '2026-06-20T00:00:00.000Z',
  original_due_at: '2026-06-20T00:00:00.000Z',
  revision: 1,
  updated_at: '2026-06-01T00:00:00.000Z',
  state_json: '{}',
});

beforeAll(async () => {
  db = await openDb({ sqliteFile: ':memory:' });
  for (const [id, status] of [
    ['d1', 'overdue'],
    ['d2', 'overdue'],
    ['d3', 'assigned'],
  ] as const) {
    await writeDutySnapshot(db, row(id, status), [{ duty_id: id, agency_id: 'a', role: 'lead' }]);
  }
  metrics.current = createMetrics({ db, process: 'worker' });
  server = await startMetricsServer(metrics.current.registry, 0);
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await db.destroy();
});

const scrape = async (path = '/metrics') =>
  fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);

describe('metrics', () => {
  it('a scrape shows open duties by state, messages by kind and how late reminders went out', async () => {
    const m = metrics.current!;
    m.messageSent('reminder', 'sent');
    m.messageSent('reminder', 'sent');
    m.messageSent('overdue', 'digest');
    m.reminderLateness(300);
    m.reminderLateness(4_000);
    m.launchDone(120, 12.5);
    const res = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('duties_open{state="overdue",process="worker"} 2');
    expect(text).toContain('duties_open{state="assigned",process="worker"} 1');
    expect(text).toContain(
      'duties_messages_total{kind="reminder",delivery="sent",process="worker"} 2',
    );
    expect(text).toContain(
      'duties_messages_total{kind="overdue",delivery="digest",process="worker"} 1',
    );
    // 0.3 s and 4 s: one under half a second, both under five.
    expect(text).toContain('duties_reminder_lateness_seconds_bucket{le="0.5",process="worker"} 1');
    expect(text).toContain('duties_reminder_lateness_seconds_bucket{le="5",process="worker"} 2');
    expect(text).toContain('duties_launched_total{process="worker"} 120');
    // The runtime's own: memory and event-loop lag.
    expect(text).toMatch(/process_resident_memory_bytes\{process="worker"\} \d+/);
  });

  it('the state gauge follows the read model at each scrape', async () => {
    await writeDutySnapshot(db, { ...row('d3', 'submitted'), revision: 2 }, [
      { duty_id: 'd3', agency_id: 'a', role: 'lead' },
    ]);
    const text = await (await scrape()).text();
    expect(text).toContain('duties_open{state="submitted",process="worker"} 1');
    expect(text).not.toContain('duties_open{state="assigned"');
  });

  it('answers nothing but /metrics', async () => {
    expect((await scrape('/')).status).toBe(404);
  });
});

describe('logs', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const logger = createLogger('api', sink);

  it('writes one JSON object per line, without addresses, names or phone numbers', () => {
    logger.info(
      { to: 'truong-phong@nnptnt.example', actor: { name: 'Nguyễn Văn A' }, dutyId: 'd1' },
      'sent a reminder to truong-phong@nnptnt.example',
    );
    logFunction(logger)(
      'page failed',
      new Error('no session for can-bo@ubnd.example (phone 0912 345 678 kept out by key only)'),
    );
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(parsed).toHaveLength(2);
    expect(parsed[0]).toMatchObject({
      level: 'info',
      service: 'api',
      dutyId: 'd1',
      to: '[redacted]',
      actor: '[redacted]',
      msg: 'sent a reminder to [email]',
    });
    expect(parsed[1]).toMatchObject({ level: 'error', msg: 'page failed' });
    const all = lines.join('\n');
    expect(all).not.toMatch(/@nnptnt|@ubnd|Nguyễn/);
    expect(typeof parsed[0]?.['time']).toBe('string');
  });
});
