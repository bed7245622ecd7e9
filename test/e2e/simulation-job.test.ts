// A simulation as a background job, end to end: the JSON API records it and starts its
// workflow on a Temporal dev server, answering at once; the worker (built by worker/build.ts,
// as every worker is) runs the year and reports its progress; the API answers the progress
// and then the result, which is the year simulate.ts gives when called directly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SimulationResult } from '../../common/simulation-schema.ts';
import { simulationJobWorkflowId } from '../../common/messages.ts';
import { province } from '../../bench/province.ts';
import { importDirectory, importPlan } from '../../plans/service.ts';
import { simulateYear } from '../../simulation/simulate.ts';
import { quietTemporalLogs } from '../support/quiet-runtime.ts';
import { Agent, fixtureDirectory, startStack, type Stack } from '../security/stack.ts';
import { simulationPlan } from '../support/simulation-fixture.ts';

const TOKEN = 'simulation-job-token-0123456789abcdef';
const PLAN = 'sim-job';
const input = {
  year: 2024,
  behaviour: { seed: 11, lateShare: 0.5, missingShare: 0, extensionShare: 0 },
};

let stack: Stack;
let api: Agent;

interface JobAnswer {
  id: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  progress?: { phase: string; share: number; duties: number; actionsDone: number };
  error?: string;
  result?: SimulationResult;
}

beforeAll(async () => {
  quietTemporalLogs();
  const plan = simulationPlan(PLAN);
  stack = await startStack({
    name: 'simulation-job',
    directory: fixtureDirectory(),
    plans: [plan],
    apiToken: TOKEN,
    sessionSecret: 'simulation-job-secret-0123456789abcdef',
  });
  api = new Agent(stack.base, { bearer: TOKEN });
});

afterAll(async () => {
  await stack?.stop();
});

describe('a simulation job', () => {
  let jobId = '';
  const seen: JobAnswer[] = [];

  it('asked for twice at once: one job, one workflow, answered at once with 202', async () => {
    const started = Date.now();
    const answers = await Promise.all(
      [0, 1].map(() => api.request('POST', `/api/plans/${PLAN}/simulate`, { json: input })),
    );
    // Answered before the year runs (a year takes tens of seconds).
    expect(Date.now() - started).toBeLessThan(5_000);
    for (const a of answers) expect(a.status, a.text).toBe(202);
    const bodies = answers.map(
      (a) => JSON.parse(a.text) as { id: string; created: boolean; statusUrl: string },
    );
    expect(bodies[0]!.id).toBe(bodies[1]!.id);
    expect(bodies.filter((b) => b.created)).toHaveLength(1);
    jobId = bodies[0]!.id;
    expect(answers[0]!.location).toBe(`/api/simulations/${jobId}`);
    expect(bodies[0]!.statusUrl).toBe(`/api/simulations/${jobId}`);
    const rows = await stack.db.selectFrom('simulation_jobs').select('id').execute();
    expect(rows.map((r) => r.id)).toEqual([jobId]);
    const run = await stack.client.workflow.getHandle(simulationJobWorkflowId(jobId)).describe();
    expect(run.type).toBe('simulationJobWorkflow');
  });

  /** Polls a job's answer until it is done or failed, keeping every answer seen. */
  async function follow(id: string, answers: JobAnswer[]): Promise<JobAnswer> {
    const deadline = Date.now() + 540_000;
    for (;;) {
      const a = await api.request('GET', `/api/simulations/${encodeURIComponent(id)}`);
      expect(a.status, a.text).toBe(200);
      const job = JSON.parse(a.text) as JobAnswer;
      answers.push(job);
      if (job.status === 'done' || job.status === 'failed') return job;
      if (Date.now() > deadline) throw new Error('the simulation did not finish in 9 minutes');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('finishes with the year, its progress only growing', { timeout: 600_000 }, async () => {
    const last = await follow(jobId, seen);
    expect(last.error).toBeUndefined();
    expect(last.status).toBe('done');
    const shares = seen.flatMap((j) => (j.progress ? [j.progress.share] : []));
    expect(shares).toEqual([...shares].sort((x, y) => x - y));
  });

  it("reports a province's year as it runs", { timeout: 600_000 }, async () => {
    // A small plan's year is over in well under a second; a province's (about 600 duties
    // here) runs for seconds, long enough to be watched as a coordinator would watch it.
    const { directory, plan } = province({
      year: 2024,
      departments: 10,
      communes: 30,
      planId: 'sim-job-province',
    });
    await importDirectory(stack.db, directory);
    await importPlan(stack.db, plan, false);
    const asked = await api.request('POST', `/api/plans/${plan.id}/simulate`, { json: input });
    expect(asked.status, asked.text).toBe(202);
    const { id } = JSON.parse(asked.text) as { id: string };
    const answers: JobAnswer[] = [];
    const last = await follow(id, answers);
    expect(last.status).toBe('done');
    // Before the end: running, part of the year behind it, the duties counted.
    const during = answers.filter(
      (j) => j.status === 'running' && j.progress?.phase === 'running' && j.progress.share < 1,
    );
    expect(during.length, JSON.stringify(answers.map((j) => j.progress))).toBeGreaterThan(0);
    expect(during.some((j) => (j.progress?.share ?? 0) > 0)).toBe(true);
    expect(during.at(-1)!.progress!.duties).toBeGreaterThan(500);
    const shares = answers.flatMap((j) => (j.progress ? [j.progress.share] : []));
    expect(shares).toEqual([...shares].sort((x, y) => x - y));
    expect(last.result!.summary.duties).toBe(during.at(-1)!.progress!.duties);
  });

  it('gives the year simulate.ts gives for the same input', { timeout: 600_000 }, async () => {
    const job = seen.at(-1)!;
    const direct = await simulateYear(stack.db, PLAN, {
      ...input,
      behaviour: { ...input.behaviour, allocation: '1000000000', lateDays: [3, 10] },
    });
    const fromJob = job.result!;
    // Two runs of one year differ only in when, within its second, each activity ran: instants
    // to the minute (as people read them), the timeline's rows of a minute in a fixed order.
    const stable = (r: SimulationResult) => {
      const minutes = JSON.parse(
        JSON.stringify({ ...r, summary: { ...r.summary, elapsedMs: 0 } }).replace(
          /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}):\d{2}\.\d{3}Z/g,
          '$1',
        ),
      ) as SimulationResult;
      minutes.timeline = minutes.timeline
        .map((row) => JSON.stringify(row))
        .sort()
        .map((row) => JSON.parse(row) as SimulationResult['timeline'][number]);
      return minutes;
    };
    expect(fromJob.summary.duties).toBeGreaterThan(3);
    expect(fromJob.timeline.length).toBeGreaterThan(10);
    expect(stable(fromJob)).toEqual(stable(direct));
  });

  it('asked for again once done: the same job and its result, nothing run again', async () => {
    const again = await api.request('POST', `/api/plans/${PLAN}/simulate`, { json: input });
    expect(again.status).toBe(202);
    const body = JSON.parse(again.text) as { id: string; status: string; created: boolean };
    expect(body).toMatchObject({ id: jobId, status: 'done', created: false });
    // The CSV of the timeline, in Vietnamese words.
    const csv = await api.request(
      'GET',
      `/api/simulations/${encodeURIComponent(jobId)}?format=csv`,
    );
    expect(csv.status).toBe(200);
    expect(csv.text).toContain('Thời điểm,Nhiệm vụ,Kỳ,Cơ quan,Sự kiện,Người nhận,Chi tiết');
    expect(csv.text).toContain('Nhắc việc');
  });
});
