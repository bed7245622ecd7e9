// The API process dies in the middle of people's actions and comes back on the same port and
// database. Clients that lost their answer try again: a start that had gone through answers
// 409 (REJECT_DUPLICATE), an acknowledgement or submission that had gone through answers 409
// with its reason. Nothing is lost and nothing happens twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutyWorkflowId, getStateQuery } from '../../common/messages.ts';
import { faultAgency } from '../support/fault-plan.ts';
import {
  callRetrying,
  listedWorkflowIds,
  note,
  startApi,
  startFaultStack,
  until,
  type ApiAnswer,
  type FaultStack,
  type TestApi,
} from '../support/faults.ts';
import { importWorld } from '../support/contract-world.ts';

const DUTIES = 30;
const LANES = 6;
const token = Date.now().toString(36);
const planId = `api-${token}`;

let stack: FaultStack;
let api: TestApi;

beforeAll(async () => {
  stack = await startFaultStack({ name: 'faults-api' });
  // The plan and agencies the duties name (POST /api/duties refuses unknown ones).
  await importWorld(stack.db, {
    planId,
    agencies: duties.map((d) => d.lead),
    standing: duties[0]!.standing,
  });
  await stack.startWorker();
  api = await startApi(stack);
});

afterAll(async () => {
  await api?.close();
  await stack?.stop();
});

const duties = Array.from({ length: DUTIES }, (_, i) => {
  const lead = faultAgency(`${token}-lead-${i + 1}`);
  return {
    planId,
    dutyId: `d${i + 1}`,
    period: '2026',
    title: 'Báo cáo tình hình thực hiện kế hoạch giảm nghèo',
    product: 'Báo cáo',
    // A month away with the default ladder: nothing is sent during the test.
    dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    lead,
    standing: faultAgency('phong-ldtbxh', 0),
    supervisor: { name: 'Chủ tịch UBND huyện', email: 'ct@faults.example', title: 'Chủ tịch' },
  };
});
const idOf = (d: (typeof duties)[number]) => dutyWorkflowId(d);
const path = (d: (typeof duties)[number]) => `/api/duties/${encodeURIComponent(idOf(d))}`;

/** Runs `jobs` LANES at a time and restarts the API after each of `restartAfter` answers. */
async function withRestarts(
  jobs: (() => Promise<ApiAnswer>)[],
  restartAfter: number[],
): Promise<ApiAnswer[]> {
  const answers: ApiAnswer[] = [];
  let inFlight = 0;
  let restarting = Promise.resolve();
  const queue = [...jobs.entries()];
  const lane = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [i, job] = next;
      inFlight += 1;
      answers[i] = await job();
      inFlight -= 1;
      const done = answers.filter(Boolean).length;
      // The other lanes are mid-request at these points.
      if (restartAfter.includes(done)) {
        note(`restarting the API after ${done} answers, ${inFlight} requests in flight`);
        restarting = api.restart();
      }
    }
  };
  await Promise.all(Array.from({ length: LANES }, lane));
  await restarting;
  return answers;
}

describe('an API restart in the middle of actions', () => {
  it('starts every duty exactly once; a repeated start answers 409', async () => {
    const answers = await withRestarts(
      duties.map((d) => () => callRetrying(api, 'POST', '/api/duties', d)),
      [8, 18],
    );
    expect(api.restarts).toBe(2);
    for (const a of answers) {
      // 409 only for a start whose first attempt went through unseen.
      if (a.status === 409) expect(a.attempts).toBeGreaterThan(1);
      else expect(a.status).toBe(201);
    }
    expect(answers.some((a) => a.attempts > 1)).toBe(true);
    note(
      `starts: ${answers.filter((a) => a.attempts > 1).length} retried, ${answers.filter((a) => a.status === 409).length} answered 409`,
    );
    // Asked again on purpose, each is refused: REJECT_DUPLICATE.
    expect((await callRetrying(api, 'POST', '/api/duties', duties[0])).status).toBe(409);
    const ids = await listedWorkflowIds(stack.client, `PlanId = '${planId}'`, duties.length);
    expect(ids.sort()).toEqual(duties.map(idOf).sort());
  });

  it('takes each acknowledgement and submission once', { timeout: 120_000 }, async () => {
    const actor = (d: (typeof duties)[number]) => ({ name: 'Cán bộ', agencyId: d.lead.id });
    const jobs = duties.flatMap((d) => [
      () => callRetrying(api, 'POST', `${path(d)}/acknowledge`, { actor: actor(d) }),
    ]);
    const acks = await withRestarts(jobs, [10]);
    const submits = await withRestarts(
      duties.map(
        (d) => () =>
          callRetrying(api, 'POST', `${path(d)}/submit`, { actor: actor(d), text: 'Báo cáo' }),
      ),
      [10, 20],
    );
    expect(api.restarts).toBe(5);
    for (const a of acks) {
      if (a.status === 409) {
        expect(a.attempts).toBeGreaterThan(1);
        expect((a.body['error'] as { message: string }).message).toMatch(/^already acknowledged/);
      } else expect(a.status).toBe(200);
    }
    for (const a of submits) {
      if (a.status === 409) {
        expect(a.attempts).toBeGreaterThan(1);
        expect((a.body['error'] as { message: string }).message).toBe(
          'the product has already been submitted',
        );
      } else expect(a.status).toBe(200);
    }
    expect([...acks, ...submits].some((a) => a.attempts > 1)).toBe(true);

    for (const d of duties) {
      const state = await stack.client.workflow.getHandle(idOf(d)).query(getStateQuery);
      expect(state.status).toBe('submitted');
      expect(state.history.map((h) => h.action)).toEqual(['assign', 'acknowledge', 'submit']);
    }
    await until(
      'the read model to show every duty submitted',
      async () => {
        const rows = await stack.db
          .selectFrom('duties')
          .select('status')
          .where('plan_id', '=', planId)
          .execute();
        return rows.length === DUTIES && rows.every((r) => r.status === 'submitted');
      },
      30_000,
      250,
    );
    // The restarted API answers as before.
    const health = await callRetrying(api, 'GET', '/health');
    expect(health.body).toMatchObject({ status: 'ok' });
  });
});
