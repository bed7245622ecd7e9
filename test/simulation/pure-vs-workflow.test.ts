// The pure simulation (simulation/pure.ts) against the real workflows on the time-skipping
// server (simulation/simulate.ts): the same year, input and seed must give the same duties,
// messages, timeline and mail figures. One thing of the workflow run is not the year's but the
// server's, and is read around: its clock runs on in real time between the instants it skips
// to (a message logged at 08:00:00.231 rather than 08:00), so instants are compared to the
// minute.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/index.ts';
import { readDirectory } from '../../plans/definition.ts';
import { importDirectory, importPlan } from '../../plans/service.ts';
import { province } from '../../bench/province.ts';
import { simulateYearPure } from '../../simulation/pure.ts';
import {
  Behaviour,
  type Simulate,
  type SimulationProgress,
  type SimulationResult,
} from '../../simulation/schema.ts';
import { simulateYear } from '../../simulation/simulate.ts';
import { A_LUOI, importALuoiPlan } from '../support/a-luoi.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';

const fixture = (p: string) => readFileSync(new URL(`../../fixtures/${p}`, import.meta.url));
const PROVINCE = 'tinh-nho';
let db: Db;
let dir: string;

beforeAll(async () => {
  quietTemporalLogs();
  dir = mkdtempSync(join(tmpdir(), 'pure-vs-workflow-'));
  db = await openDb({ sqliteFile: join(dir, 'app.db') });
  await importDirectory(db, readDirectory(fixture('a-luoi/directory.json').toString(), 'json'));
  await importALuoiPlan(db);
  const { directory, plan } = province({
    year: 2026,
    departments: 2,
    communes: 3,
    planId: PROVINCE,
  });
  await importDirectory(db, directory);
  await importPlan(db, plan, false);
});

afterAll(async () => {
  await db?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const toMinute = (iso: string): string => iso.slice(0, 16);

/** The year without the server's clock: instants to the minute, rows in one order. */
function comparable(r: SimulationResult) {
  return {
    ...r,
    summary: {
      ...r.summary,
      elapsedMs: 0,
      refusedActions: [...r.summary.refusedActions].sort(),
    },
    duties: r.duties
      .map((d) => ({
        ...d,
        notifications: d.notifications.map((n) => ({ ...n, at: toMinute(n.at) })),
      }))
      .sort((a, b) => a.id.localeCompare(b.id)),
    timeline: r.timeline
      .map((t) => JSON.stringify({ ...t, instant: toMinute(t.instant) }))
      .sort()
      .map((t) => JSON.parse(t) as unknown),
  };
}

/** What the dashboards read of a simulated year: the duties as last recorded, and every message. */
async function readModelOf(rm: Db) {
  return {
    duties: await rm
      .selectFrom('duties')
      .select(['id', 'status', 'due_at', 'original_due_at', 'revision', 'lead_agency_id'])
      .orderBy('id')
      .execute(),
    roles: await rm
      .selectFrom('duty_agencies')
      .selectAll()
      .orderBy('duty_id')
      .orderBy('agency_id')
      .orderBy('role')
      .execute(),
    messages: (
      await rm
        .selectFrom('notifications')
        .select(['idempotency_key', 'workflow_id', 'step_kind', 'recipient', 'subject', 'delivery'])
        .select('sent_at')
        .orderBy('idempotency_key')
        .execute()
    )
      // A message sent is logged at the machine's time; one held, and a digest, at the year's.
      .map((m) => ({
        ...m,
        sent_at: m.delivery === 'sent' && m.step_kind !== 'digest' ? '' : toMinute(m.sent_at),
      })),
  };
}

async function expectSameYear(planId: string, input: Simulate): Promise<void> {
  const models = [
    await openDb({ sqliteFile: ':memory:' }),
    await openDb({ sqliteFile: ':memory:' }),
  ] as const;
  try {
    const workflows = await simulateYear(db, planId, input, undefined, models[0]);
    const told: SimulationProgress['phase'][] = [];
    const pure = await simulateYearPure(db, planId, input, undefined, models[1], {
      onProgress: (p) => told.push(p.phase),
    });
    expect(comparable(pure)).toEqual(comparable(workflows));
    expect(new Set(told)).toEqual(new Set(['starting', 'running', 'collecting']));
    expect(await readModelOf(models[1])).toEqual(await readModelOf(models[0]));
    report(planId, input, workflows, pure);
  } finally {
    for (const m of models) await m.destroy();
  }
}

function report(
  planId: string,
  input: Simulate,
  workflows: SimulationResult,
  pure: SimulationResult,
): void {
  console.log(
    `${planId} ${input.year} seed ${input.behaviour.seed} (${pure.summary.mail.delivery}): ` +
      `${pure.summary.duties} duties, ${pure.summary.mail.messages} messages; workflows ` +
      `${workflows.summary.elapsedMs} ms, pure ${pure.summary.elapsedMs} ms`,
  );
}

describe('the pure simulation gives the workflows’ year', () => {
  it('A Lưới 2023, its own digest budget, a third late and a fifth never', async () => {
    await expectSameYear(A_LUOI, {
      year: 2023,
      behaviour: Behaviour.parse({
        seed: 7,
        lateShare: 0.3,
        missingShare: 0.2,
        extensionShare: 0.1,
      }),
    });
  });

  it('A Lưới 2023 with single messages, another seed', async () => {
    await expectSameYear(A_LUOI, {
      year: 2023,
      delivery: 'single',
      behaviour: Behaviour.parse({ seed: 3, extensionShare: 0.2 }),
    });
  });

  it('a small province, digests, late by up to 20 days', async () => {
    await expectSameYear(PROVINCE, {
      year: 2026,
      behaviour: Behaviour.parse({ seed: 5, lateShare: 0.4, lateDays: [1, 20] }),
    });
  });
});
