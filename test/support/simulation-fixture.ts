// A finished simulation job without running a year: for tests that read the job's pages and
// answers (access policy, page scans) rather than the simulation itself, which
// test/e2e/simulation-job.test.ts runs for real. Shaped like a real result: a duty reminded,
// overdue, urged and escalated, a digest, actions, and the people written to.
import { Behaviour, type SimulationResult } from '../../common/simulation-schema.ts';
import type { Db } from '../../db/index.ts';
import {
  finishSimulationJob,
  markSimulationRunning,
  recordSimulationJob,
} from '../../db/simulations.ts';
import { formatDateTime } from '../../domain/local-time.ts';
import type { PlanDefinition } from '../../common/plan-schema.ts';
import { smallPlan } from '../security/stack.ts';

/**
 * A plan small enough to simulate in seconds, with enough of a year for the progress to move:
 * a yearly, a half-yearly and a quarterly report (test/security/stack.ts smallPlan and two more).
 */
export function simulationPlan(id: string): PlanDefinition {
  const plan = smallPlan(id);
  return {
    ...plan,
    duties: [
      ...plan.duties,
      {
        ref: 'BC-6T',
        content: 'Báo cáo sơ kết 6 tháng thực hiện Dự án 2',
        lead: 'Phòng Nông nghiệp và Phát triển nông thôn',
        coordinating: [],
        product: 'Báo cáo 6 tháng',
        time: 'trước ngày 20/6 hàng năm',
      },
      {
        ref: 'BC-Q',
        content: 'Báo cáo tiến độ giải ngân vốn Dự án 2 hằng quý',
        lead: 'Phòng Tài chính - Kế hoạch',
        coordinating: ['Phòng Nông nghiệp và Phát triển nông thôn'],
        product: 'Báo cáo quý',
        time: 'hàng quý',
      },
    ],
  };
}

export interface FixtureAgency {
  id: string;
  name: string;
  head: { name: string; email: string };
  focalPoints: { name: string; email: string }[];
}

export function fixtureResult(
  planId: string,
  year: number,
  lead: FixtureAgency,
  standing: FixtureAgency,
): SimulationResult {
  const behaviour = Behaviour.parse({ seed: 3 });
  const dutyId = 'BC-DA2';
  const period = String(year);
  const at = (iso: string) => ({ at: formatDateTime(Date.parse(iso)), instant: iso });
  const leadPeople = [lead.head, ...lead.focalPoints].map((c) => c.email);
  const standingPeople = [standing.head, ...standing.focalPoints].map((c) => c.email);
  const supervisor = { name: 'Chủ tịch UBND huyện A Lưới', email: 'chu-tich@ubnd.a-luoi.example' };
  const duty = `${dutyId} ${period}`;
  const timeline: SimulationResult['timeline'] = [
    { ...at(`${year}-01-02T02:00:00.000Z`), duty, agency: 'Mô phỏng', event: 'assign', detail: '' },
    {
      ...at(`${year}-11-12T01:00:00.000Z`),
      duty,
      agency: lead.name,
      event: 'notify:reminder',
      detail: leadPeople.join(', '),
      recipients: leadPeople,
    },
    {
      ...at(`${year}-11-20T01:00:00.000Z`),
      duty,
      agency: lead.name,
      event: 'notify:overdue',
      detail: leadPeople.join(', '),
      recipients: [...leadPeople, ...standingPeople],
    },
    {
      ...at(`${year}-11-23T01:00:00.000Z`),
      duty,
      agency: lead.name,
      event: 'notify:urge',
      detail: leadPeople.join(', '),
      recipients: leadPeople,
    },
    {
      ...at(`${year}-11-24T01:00:00.000Z`),
      duty: '',
      agency: standing.name,
      event: 'digest',
      detail: standing.head.email,
      recipients: [standing.head.email],
    },
    {
      ...at(`${year}-11-30T01:00:00.000Z`),
      duty,
      agency: lead.name,
      event: 'notify:escalation',
      detail: supervisor.email,
      recipients: [supervisor.email],
    },
    {
      ...at(`${year}-12-02T02:00:00.000Z`),
      duty,
      agency: `Cán bộ ${lead.name}`,
      event: 'submit',
      detail: '',
    },
    {
      ...at(`${year}-12-03T02:00:00.000Z`),
      duty,
      agency: `Cán bộ ${standing.name}`,
      event: 'accept',
      detail: '',
    },
  ];
  const people: NonNullable<SimulationResult['people']> = {};
  for (const c of [lead.head, ...lead.focalPoints]) {
    people[c.email.toLowerCase()] = {
      name: c.name,
      agency: lead.name,
      groups: [c === lead.head ? 'head' : 'focal'],
    };
  }
  for (const c of [standing.head, ...standing.focalPoints]) {
    people[c.email.toLowerCase()] = { name: c.name, agency: standing.name, groups: ['standing'] };
  }
  people[supervisor.email] = {
    name: supervisor.name,
    agency: 'Chủ tịch UBND huyện',
    groups: ['supervisor'],
  };
  const messages = timeline.reduce((n, r) => n + (r.recipients?.length ?? 0), 0);
  const figures = { people: Object.keys(people).length, messages, maxPerPersonDay: 1 };
  return {
    planId,
    year,
    shadowYear: year + 28,
    behaviour,
    summary: {
      duties: 1,
      byStatus: { accepted: 1 },
      notifications: { reminder: 1, overdue: 1, urge: 1, escalation: 1 },
      submittedLate: 1,
      neverSubmitted: 0,
      extensionsGranted: 0,
      mail: {
        ...figures,
        maxPerPersonDayRoutine: 1,
        delivery: 'digest',
        perDuty: messages,
        byKind: { reminder: leadPeople.length },
        byRole: {
          lead: { ...figures, maxPerPersonDayRoutine: 1 },
          coordinating: { people: 0, messages: 0, maxPerPersonDay: 0, maxPerPersonDayRoutine: 0 },
          standing: { ...figures, maxPerPersonDayRoutine: 1 },
          supervisor: { people: 1, messages: 1, maxPerPersonDay: 1, maxPerPersonDayRoutine: 0 },
        },
      },
      refusedActions: [],
      elapsedMs: 1000,
    },
    duties: [
      {
        id: `duty:${planId}:${dutyId}:${period}`,
        title: 'Báo cáo kết quả thực hiện Dự án 2',
        product: 'Báo cáo năm',
        lead: lead.name,
        period,
        dueAt: `${year}-11-19T17:00:00.000Z`,
        originalDueAt: `${year}-11-19T17:00:00.000Z`,
        lastDay: `19/11/${year}`,
        status: 'accepted',
        late: true,
        notifications: [],
      },
    ],
    timeline,
    people,
  };
}

/** Records a finished job of that result; returns its id. */
export async function recordFinishedSimulation(
  db: Db,
  result: SimulationResult,
  id = `fixture-${result.planId}-${result.year}`,
): Promise<string> {
  await recordSimulationJob(db, {
    id,
    planId: result.planId,
    year: result.year,
    input: { year: result.year, behaviour: result.behaviour },
    requestedBy: 'test',
  });
  await finishSimulationJob(db, id, result, {
    phase: 'collecting',
    share: 1,
    duties: 1,
    dutiesDone: 1,
    actionsDone: 2,
    actionsLeft: 0,
  });
  return id;
}

/** Records a job the worker is running, a third of the way through; returns its id. */
export async function recordRunningSimulation(
  db: Db,
  planId: string,
  year: number,
  id = `fixture-running-${planId}-${year}`,
): Promise<string> {
  await recordSimulationJob(db, {
    id,
    planId,
    year,
    input: { year, behaviour: Behaviour.parse({}) },
    requestedBy: 'test',
  });
  await markSimulationRunning(db, id, {
    phase: 'running',
    share: 0.34,
    at: `${year}-05-06T02:00:00.000Z`,
    duties: 12,
    dutiesDone: 3,
    actionsDone: 9,
    actionsLeft: 21,
  });
  return id;
}
