// A plan's schedule on the dev server (the time-skipping server has no schedules): turned on,
// it will start the cycle on 2 January 07:00 local time; triggered now, it starts this year's
// cycle once however often it is triggered; paused, it says so.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb, type Db } from '../../db/index.ts';
import { localParts } from '../../domain/local-time.ts';
import { startMailSink, type MailSink } from '../../scripts/lib/mail-sink.ts';
import { buildWorker } from '../../worker/build.ts';
import { NativeConnection } from '../../worker/create.ts';
import { startTestDevServer } from '../support/dev-server.ts';
import { importALuoiMovedTo } from '../support/moved-plan.ts';
import { listen } from '../support/http.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';

let dir: string;
let devServer: Awaited<ReturnType<typeof startTestDevServer>>;
let sink: MailSink;
let db: Db;
let connection: Connection;
let native: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let server: Server;
let base: string;
let planId: string;
const year = localParts(Date.now()).year;

beforeAll(async () => {
  quietTemporalLogs();
  dir = mkdtempSync(join(tmpdir(), 'schedule-'));
  [devServer, sink, db] = await Promise.all([
    startTestDevServer(),
    startMailSink(),
    openDb({ sqliteFile: join(dir, 'app.db') }),
  ]);
  planId = await importALuoiMovedTo(db, year);
  connection = await Connection.connect({ address: devServer.address });
  native = await NativeConnection.connect({ address: devServer.address });
  const client = new Client({ connection });
  ({ worker } = await buildWorker({
    temporal: { connection: native, client },
    db,
    mailer: { host: '127.0.0.1', port: sink.port, secure: false },
    publicUrl: 'http://duties.test',
    mailFrom: 'no-reply@duties.test',
  }));
  running = worker.run();
  const app = createApp({ client, db });
  ({ server, base } = await listen(app));
});

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  worker?.shutdown();
  await running;
  await native?.close();
  await connection?.close();
  await db?.destroy();
  await sink?.stop();
  await devServer?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("a plan's cycle schedule", () => {
  it('has none until a coordinator turns it on; then runs on 2 January, 07:00 local time', async () => {
    expect((await call('GET', `/api/plans/${planId}/schedule`)).status).toBe(404);
    expect((await call('POST', `/api/plans/${planId}/schedule/trigger`)).status).toBe(404);
    const on = await call('PUT', `/api/plans/${planId}/schedule`, { enabled: true });
    expect(on.status).toBe(200);
    expect(on.body['paused']).toBe(false);
    expect((on.body['nextRuns'] as string[])[0]).toBe(`${year + 1}-01-02T00:00:00.000Z`);
  });

  it("triggered, starts this year's cycle; triggered again, still one cycle", async () => {
    expect((await call('POST', `/api/plans/${planId}/schedule/trigger`)).status).toBe(202);
    const cycle = `/api/cycles/${encodeURIComponent(`cycle:${planId}:${year}`)}`;
    let state = await call('GET', cycle);
    for (let i = 0; i < 200 && (state.status !== 200 || state.body['status'] !== 'running'); i++) {
      await sleep(100);
      state = await call('GET', cycle);
    }
    expect(state.body['launched']).toBe(11);

    expect((await call('POST', `/api/plans/${planId}/schedule/trigger`)).status).toBe(202);
    let view = await call('GET', `/api/plans/${planId}/schedule`);
    for (let i = 0; i < 100 && (view.body['recentRuns'] as unknown[]).length < 2; i++) {
      await sleep(100);
      view = await call('GET', `/api/plans/${planId}/schedule`);
    }
    expect((view.body['recentRuns'] as unknown[]).length).toBe(2);
    const client = new Client({ connection });
    // Visibility is eventually consistent: wait until both runs of the starter are listed.
    let starters: unknown[] = [];
    for (let i = 0; i < 100 && starters.length < 2; i++) {
      starters = [];
      for await (const w of client.workflow.list({
        query: `WorkflowType = 'cycleStarterWorkflow'`,
      })) {
        starters.push(await client.workflow.getHandle(w.workflowId, w.runId).result());
      }
      if (starters.length < 2) await sleep(100);
    }
    expect(starters).toEqual(
      expect.arrayContaining([
        { started: `cycle:${planId}:${year}` },
        { existing: `cycle:${planId}:${year}` },
      ]),
    );
  });

  it('the CLI refuses a cycle that exists or a year outside the plan', () => {
    const cli = (...args: string[]) =>
      spawnSync(
        process.execPath,
        [fileURLToPath(new URL('../../scripts/cli.ts', import.meta.url)), ...args],
        {
          // English answers: the command line speaks Vietnamese unless the locale is English.
          env: {
            ...process.env,
            DATA_DIR: dir,
            TEMPORAL_ADDRESS: devServer.address,
            LANG: 'en_US.UTF-8',
            LC_ALL: '',
            LC_MESSAGES: '',
          },
          encoding: 'utf8',
        },
      );
    const again = cli('start-cycle', '--plan', planId, '--year', String(year));
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`the cycle cycle:${planId}:${year} already exists`);
    const outside = cli('start-cycle', '--plan', planId, '--year', String(year + 1));
    expect(outside.stderr).toContain(`the plan runs ${year}–${year}, not ${year + 1}`);
  });

  it('pauses with a note', async () => {
    const off = await call('PUT', `/api/plans/${planId}/schedule`, {
      enabled: false,
      note: 'Chờ phê duyệt kế hoạch',
    });
    expect(off.body).toMatchObject({ paused: true, note: 'Chờ phê duyệt kế hoạch' });
  });
});
