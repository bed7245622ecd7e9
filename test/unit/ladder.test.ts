import { describe, expect, it } from 'vitest';
import { EscalationPolicy } from '../../common/duty-schema.ts';
import { planSteps, recipientsFor, type LadderInput } from '../../domain/ladder.ts';
import { formatDateTime, localInstant } from '../../domain/local-time.ts';
import {
  AGRI_SERVICES,
  AGRICULTURE,
  CALENDAR_2026,
  LABOUR,
  SUPERVISOR,
} from '../support/fixtures.ts';

const policy = EscalationPolicy.parse({});
const base: LadderInput = {
  // "trước ngày 20/6": overdue from Saturday 20/6/2026 00:00 local time.
  dueAt: localInstant(2026, 6, 20),
  policy,
  calendar: CALENDAR_2026,
  generation: 1,
  generationStartedAt: localInstant(2026, 5, 1),
  leadOpen: true,
  pendingContributors: [],
};

const show = (input: LadderInput): string[] =>
  planSteps(input).map((s) => `${s.kind} ${formatDateTime(s.at)}`);

describe('the reminder ladder', () => {
  it('places every step of the default policy on working mornings', () => {
    expect(show(base)).toEqual([
      'reminder 08:00 12/06/2026', // 7 days before is Saturday 13/6: Friday instead
      'reminder 08:00 17/06/2026',
      'reminder 08:00 19/06/2026',
      'deadline 00:00 20/06/2026', // the due instant itself never moves
      'overdue 08:00 22/06/2026', // first working morning at or after the deadline
      'urge 08:00 23/06/2026',
      'urge 08:00 26/06/2026',
      'urge 08:00 29/06/2026',
      'escalation 08:00 30/06/2026',
      'urge 08:00 02/07/2026',
      'urge 08:00 06/07/2026', // 5/7 is a Sunday
    ]);
  });

  it('sends one reminder when two land on the same working morning', () => {
    // Due before Monday 21/6/2027: 1 day before is Sunday, brought forward to Friday 18/6,
    // where the 3-day reminder already is.
    const steps = planSteps({
      ...base,
      dueAt: localInstant(2027, 6, 21),
      generationStartedAt: localInstant(2027, 6, 1),
    });
    expect(
      steps.filter((s) => s.kind === 'reminder').map((s) => `${s.id} ${formatDateTime(s.at)}`),
    ).toEqual(['g1:reminder:P7D 08:00 14/06/2027', 'g1:reminder:P1D 08:00 18/06/2027']);
  });

  it('gives each coordinating agency its own earlier deadline and reminders', () => {
    const steps = planSteps({ ...base, pendingContributors: [AGRI_SERVICES.id] }).filter((s) =>
      s.kind.startsWith('contribution'),
    );
    expect(steps.map((s) => `${s.kind} ${formatDateTime(s.at)} ${s.agencyId}`)).toEqual([
      'contribution-reminder 08:00 12/06/2026 tt-dvnn', // due 15/6, 2 days before = 13/6 (Sat)
      'contribution-overdue 08:00 15/06/2026 tt-dvnn',
    ]);
  });

  it('owes nothing once the lead has submitted', () => {
    expect(
      planSteps({ ...base, leadOpen: false, pendingContributors: [AGRI_SERVICES.id] }),
    ).toEqual([]);
  });

  it('drops reminders that fell before the ladder started, but still owes the overdue notice', () => {
    const lateStart = { ...base, generationStartedAt: localInstant(2026, 6, 25, 10) };
    expect(show(lateStart)).toEqual([
      'deadline 10:00 25/06/2026',
      'overdue 08:00 26/06/2026', // the next working morning; the urge due then is folded in
      'urge 08:00 29/06/2026',
      'escalation 08:00 30/06/2026',
      'urge 08:00 02/07/2026',
      'urge 08:00 06/07/2026',
    ]);
  });

  it('sends one message per working morning after the deadline, the strongest', () => {
    // Due before Monday 1/2/2027, Tết from 5/2 to 13/2: urges 2–4 and the escalation all
    // wait for Monday 15/2, where only the escalation goes out.
    const tet = {
      ...CALENDAR_2026,
      holidays: [
        '2027-02-05',
        '2027-02-08',
        '2027-02-09',
        '2027-02-10',
        '2027-02-11',
        '2027-02-12',
      ],
    };
    const steps = show({
      ...base,
      dueAt: localInstant(2027, 2, 1),
      calendar: tet,
      generationStartedAt: localInstant(2027, 1, 4),
    }).filter((s) => !s.startsWith('reminder') && !s.startsWith('deadline'));
    expect(steps).toEqual([
      'overdue 08:00 01/02/2027',
      'urge 08:00 04/02/2027',
      'escalation 08:00 15/02/2027',
      'urge 08:00 16/02/2027',
    ]);
  });

  it('never sends a reminder at or after its deadline', () => {
    // Due at 05:00; a reminder 2 hours before would wait for 08:00, after the deadline.
    const early = EscalationPolicy.parse({ remindBefore: ['PT2H'] });
    const steps = planSteps({ ...base, dueAt: localInstant(2026, 6, 17, 5), policy: early });
    expect(steps.filter((s) => s.kind === 'reminder').map((s) => formatDateTime(s.at))).toEqual([
      '08:00 16/06/2026',
    ]);
  });

  it('still escalates a duty whose ladder starts after the escalation date', () => {
    const late = show({ ...base, generationStartedAt: localInstant(2026, 7, 10, 9) });
    expect(late.filter((s) => s.startsWith('escalation'))).toEqual(['escalation 08:00 13/07/2026']);
  });

  it('names steps by generation so a restarted ladder sends its reminders again', () => {
    const ids = planSteps({ ...base, generation: 2 }).map((s) => s.id);
    expect(ids).toContain('g2:reminder:P7D');
    expect(ids).not.toContain('g1:reminder:P7D');
  });

  it('runs in seconds for tests when the calendar has no office hour', () => {
    const fast = EscalationPolicy.parse({
      remindBefore: ['PT20S'],
      urgeEvery: 'PT10S',
      maxUrges: 1,
      escalateAfter: 'PT15S',
    });
    const t0 = Date.parse('2026-01-01T00:00:00Z');
    const steps = planSteps({
      ...base,
      dueAt: t0 + 30_000,
      policy: fast,
      calendar: { officeHour: null, holidays: [], makeUpWorkingDays: [] },
      generationStartedAt: t0,
    });
    expect(steps.map((s) => [s.kind, (s.at - t0) / 1000])).toEqual([
      ['reminder', 10],
      ['deadline', 30],
      ['overdue', 30],
      ['urge', 40],
      ['escalation', 45],
    ]);
  });
});

describe('a duty started after its deadline with the past recorded as history', () => {
  // Due before Saturday 20/6/2026; the year's cycle started late, on Tuesday 15/9/2026 10:00.
  const start = localInstant(2026, 9, 15, 10);
  const late = { ...base, generationStartedAt: start, pendingContributors: [AGRI_SERVICES.id] };
  const history = { ...late, pastAsHistory: true };

  it('turns overdue at the start, sends no overdue notice, and chases from the start', () => {
    expect(show(history)).toEqual([
      'deadline 10:00 15/09/2026', // overdue at once, in the read model and the matrix
      'urge 08:00 21/09/2026', // 3 days after the start (Fri 18/9 10:00): next working morning
      'urge 08:00 22/09/2026',
      'urge 08:00 25/09/2026',
      'escalation 08:00 28/09/2026', // 10 days after the start, folding in the 4th urge
      'urge 08:00 01/10/2026',
    ]);
  });

  it('sends nothing for the days before the start, unlike a late start that chases', () => {
    const chase = planSteps(late);
    const asHistory = planSteps(history);
    // Chasing, the escalation to the chairman goes out the next working morning.
    expect(chase.filter((s) => s.at < start + 86_400_000).map((s) => s.kind)).toEqual([
      'deadline',
      'escalation',
    ]);
    expect(asHistory.filter((s) => s.at < start + 86_400_000).map((s) => s.kind)).toEqual([
      'deadline',
    ]);
    expect(asHistory.some((s) => s.kind === 'overdue' || s.kind.startsWith('contribution'))).toBe(
      false,
    );
    const escalation = asHistory.find((s) => s.kind === 'escalation');
    expect(escalation && escalation.nominalAt - start).toBe(10 * 86_400_000);
  });

  it('changes nothing for a deadline still ahead', () => {
    expect(planSteps({ ...base, pastAsHistory: true })).toEqual(planSteps(base));
  });

  it('chases as usual once the ladder restarts for a new lead', () => {
    const reassigned = { ...late, generation: 2 };
    expect(planSteps({ ...reassigned, pastAsHistory: true })).toEqual(planSteps(reassigned));
  });
});

describe('recipients', () => {
  const parties = {
    lead: AGRICULTURE,
    coordinating: [AGRI_SERVICES],
    standing: LABOUR,
    supervisor: SUPERVISOR,
  };
  const step = (kind: Parameters<typeof recipientsFor>[0]['kind'], agencyId?: string) =>
    recipientsFor(
      { id: 'x', kind, at: 0, nominalAt: 0, ...(agencyId ? { agencyId } : {}) },
      parties,
    );
  const emails = (r: ReturnType<typeof step>) => ({
    to: r.to.map((c) => c.email),
    cc: r.cc.map((c) => c.email),
  });

  it('reminds the lead head and focal point', () => {
    expect(emails(step('reminder'))).toEqual({
      to: ['phong-nnptnt.head@a-luoi.example', 'phong-nnptnt.focal@a-luoi.example'],
      cc: [],
    });
  });

  it('copies the standing agency on the overdue notice', () => {
    expect(emails(step('overdue')).cc).toEqual(['phong-ldtbxh.head@a-luoi.example']);
  });

  it('escalates to the supervising authority, copying lead and standing agency', () => {
    expect(emails(step('escalation'))).toEqual({
      to: ['chu-tich@a-luoi.example'],
      cc: ['phong-nnptnt.head@a-luoi.example', 'phong-ldtbxh.head@a-luoi.example'],
    });
  });

  it('asks the coordinating agency for its contribution, copying the lead when late', () => {
    expect(emails(step('contribution-overdue', AGRI_SERVICES.id))).toEqual({
      to: ['tt-dvnn.head@a-luoi.example', 'tt-dvnn.focal@a-luoi.example'],
      cc: ['phong-nnptnt.head@a-luoi.example'],
    });
  });

  it('never sends two copies to one address', () => {
    const same = { ...LABOUR, focalPoints: [LABOUR.head] };
    const r = recipientsFor(
      { id: 'x', kind: 'urge', at: 0, nominalAt: 0 },
      { ...parties, lead: same, standing: same },
    );
    expect(emails(r)).toEqual({ to: ['phong-ldtbxh.head@a-luoi.example'], cc: [] });
  });
});

describe("the per-person budget's contribution steps (delivery: 'digest')", () => {
  const budget: LadderInput = {
    ...base,
    policy: EscalationPolicy.parse({
      delivery: 'digest',
      contributionRemindBefore: ['P7D', 'P2D'],
    }),
    pendingContributors: [AGRI_SERVICES.id, LABOUR.id],
  };
  const contributions = (input: LadderInput) =>
    planSteps(input)
      .filter((s) => s.kind.startsWith('contribution'))
      .map((s) => `${s.id} ${formatDateTime(s.at)}`);

  it('asks each agency once at the start, reminds it once, and tells the lead of a lapse once', () => {
    // Contributions are due 5 days before 20/6: Monday 15/6. The ladder starts on 1/5, a
    // holiday before a weekend: the requests go out on Monday 4/5.
    expect(contributions(budget)).toEqual([
      `contribution-request:${LABOUR.id}:start 08:00 04/05/2026`,
      `contribution-request:${AGRI_SERVICES.id}:start 08:00 04/05/2026`,
      // One reminder, the nearest of the two the policy lists (2 days before is Saturday).
      `contribution-reminder:${LABOUR.id}:before 08:00 12/06/2026`,
      `contribution-reminder:${AGRI_SERVICES.id}:before 08:00 12/06/2026`,
      'g1:contribution-overdue:lead 08:00 15/06/2026',
    ]);
    const lapse = planSteps(budget).find((s) => s.kind === 'contribution-overdue');
    expect(lapse?.agencyId).toBeUndefined();
  });

  it('does not ask again after an extension: the same ids, which the workflow has run', () => {
    const extended = {
      ...budget,
      dueAt: localInstant(2026, 7, 4),
      generation: 2,
      generationStartedAt: localInstant(2026, 6, 10, 11),
    };
    const ids = planSteps(extended)
      .filter((s) => s.kind.startsWith('contribution'))
      .map((s) => s.id);
    const before = new Set(planSteps(budget).map((s) => s.id));
    // Requests and reminders keep their ids (already sent, so skipped); only the lapse of the
    // new date is new.
    expect(ids.filter((id) => !before.has(id))).toEqual(['g2:contribution-overdue:lead']);
  });

  it('plans no lapse once everybody has contributed', () => {
    expect(contributions({ ...budget, pendingContributors: [] })).toEqual([]);
  });

  it('leaves a single-message policy as it was', () => {
    const single = { ...budget, policy: { ...budget.policy, delivery: 'single' as const } };
    expect(contributions(single)).toEqual(
      contributions({
        ...budget,
        policy: EscalationPolicy.parse({ contributionRemindBefore: ['P7D', 'P2D'] }),
      }),
    );
    expect(contributions(single).filter((s) => s.includes('contribution-overdue'))).toHaveLength(2);
  });

  it('writes the lapse to the lead alone, never to the agency or above it; the request to the agency', () => {
    const parties = {
      lead: AGRICULTURE,
      coordinating: [AGRI_SERVICES],
      standing: LABOUR,
      supervisor: SUPERVISOR,
    };
    const lapse = recipientsFor(
      { id: 'x', kind: 'contribution-overdue', at: 0, nominalAt: 0 },
      parties,
    );
    expect({ to: lapse.to.map((c) => c.email), cc: lapse.cc }).toEqual({
      to: ['phong-nnptnt.head@a-luoi.example', 'phong-nnptnt.focal@a-luoi.example'],
      cc: [],
    });
    const request = recipientsFor(
      { id: 'x', kind: 'contribution-request', at: 0, nominalAt: 0, agencyId: AGRI_SERVICES.id },
      parties,
    );
    expect(request.to.map((c) => c.email)).toEqual([
      'tt-dvnn.head@a-luoi.example',
      'tt-dvnn.focal@a-luoi.example',
    ]);
  });
});
