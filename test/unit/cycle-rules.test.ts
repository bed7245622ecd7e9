import { describe, expect, it } from 'vitest';
import { CyclePolicy } from '../../common/cycle-schema.ts';
import * as rules from '../../domain/cycle-rules.ts';
import type { RuleRefusal } from '../../domain/rule-refusal.ts';

/** A refusal's English, as the workflow's failure message carries it; null when allowed. */
const why = (r: RuleRefusal | null): string | null => r?.message ?? null;

const coordinator = { name: 'Chuyên viên', agencyId: 'a-luoi.ubnd-huyen' };
const lead = { name: 'Cán bộ', agencyId: 'a-luoi.phong-nnptnt' };

function running() {
  const s = rules.newCycleState(
    { planId: 'p', year: 2027, policy: CyclePolicy.parse({}) },
    'cycle:p:2027',
  );
  s.status = 'running';
  s.projects = [
    {
      ref: '2',
      title: 'Dự án 2',
      lead: lead.agencyId,
      leadName: 'Phòng NN&PTNT',
      allocations: [],
      allocated: '0',
      disbursed: Array.from({ length: 12 }, () => '0'),
      warned: [],
    },
  ];
  return s;
}

describe('cycle bookkeeping', () => {
  it('moves a duty between statuses, dropping emptied ones', () => {
    const s = running();
    rules.applyDutyChanged(s, { workflowId: 'd1', phase: 'reports', from: null, to: 'assigned' });
    rules.applyDutyChanged(s, { workflowId: 'd2', phase: 'reports', from: null, to: 'assigned' });
    rules.applyDutyChanged(s, {
      workflowId: 'd1',
      phase: 'reports',
      from: 'assigned',
      to: 'overdue',
    });
    rules.applyDutyChanged(s, {
      workflowId: 'd2',
      phase: 'reports',
      from: 'assigned',
      to: 'submitted',
    });
    expect(s.phases).toEqual({ reports: { overdue: 1, submitted: 1 } });
  });

  it('adds allocations in whole đồng beyond floating point, opening the commitment once', () => {
    const s = running();
    const big = '9007199254740993'; // 2^53 + 1: a float would round it
    expect(
      rules.applyAllocation(s, { actor: coordinator, projectRef: '2', amount: big }, 'now'),
    ).toBe(true);
    expect(
      rules.applyAllocation(s, { actor: coordinator, projectRef: '2', amount: '7' }, 'now'),
    ).toBe(false);
    expect(s.projects[0]?.allocated).toBe('9007199254741000');
    expect(
      why(rules.checkAllocation(s, { actor: coordinator, projectRef: '9', amount: '1' })),
    ).toMatch(/"9"/);
    expect(
      why(rules.checkAllocation(s, { actor: coordinator, projectRef: '2', amount: '0' })),
    ).toMatch(/more than 0/);
  });

  it('records a decision once: the same decision again is refused naming it, or replaces it', () => {
    const s = running();
    const first = { actor: coordinator, projectRef: '2', amount: '500', decision: 'QĐ 12/QĐ-UBND' };
    expect(why(rules.checkAllocation(s, first))).toBeNull();
    rules.applyAllocation(s, first, '2026-03-02T08:00:00.000Z');
    const again = { ...first, decision: ' qđ 12/QĐ-UBND ' };
    expect(why(rules.checkAllocation(s, again))).toMatch(/QĐ 12\/QĐ-UBND.*2026-03-02.*500/);
    const corrected = { ...again, amount: '800', replace: true };
    expect(why(rules.checkAllocation(s, corrected))).toBeNull();
    expect(rules.applyAllocation(s, corrected, 'later')).toBe(false);
    expect(s.projects[0]?.allocations).toHaveLength(1);
    expect(s.projects[0]?.allocated).toBe('800');
    // Another decision adds a line.
    rules.applyAllocation(s, { ...first, decision: 'QĐ 40/QĐ-UBND', amount: '200' }, 'later');
    expect(s.projects[0]?.allocated).toBe('1000');
  });

  it("refuses a month's second disbursement figure unless asked to replace it", () => {
    const s = running();
    rules.applyAllocation(s, { actor: coordinator, projectRef: '2', amount: '1200' }, 'now');
    const march = { actor: lead, projectRef: '2', month: 3, amount: '100' };
    expect(why(rules.checkDisbursement(s, march))).toBeNull();
    rules.applyDisbursement(s, march);
    expect(why(rules.checkDisbursement(s, { ...march, amount: '150' }))).toMatch(/month 3.*100/);
    expect(why(rules.checkDisbursement(s, { ...march, amount: '150', replace: true }))).toBeNull();
  });

  it('warns once when cumulative disbursement falls under the threshold', () => {
    const s = running();
    rules.applyAllocation(s, { actor: coordinator, projectRef: '2', amount: '1200' }, 'now');
    rules.applyDutyChanged(s, {
      workflowId: 'c',
      phase: 'disbursement-commitment',
      from: 'assigned',
      to: 'submitted',
      projectRef: '2',
      indicators: { m01: 100, m02: 100, m03: 100 },
    });
    const report = (month: number, amount: string) =>
      rules.applyDisbursement(s, { actor: lead, projectRef: '2', month, amount });
    expect(report(1, '90')).toBeUndefined(); // 90% of plan
    expect(report(2, '60')).toEqual({ month: 2, planned: '200', actual: '150' }); // 75%
    expect(report(2, '50')).toBeUndefined(); // already warned for February
    expect(
      why(
        rules.checkDisbursement(s, { actor: coordinator, projectRef: '2', month: 3, amount: '1' }),
      ),
    ).toMatch(/only the lead agency/);
  });
});

describe('the allocation schema', () => {
  it('refuses an allocation of 0 đồng at the edge, with the field named', async () => {
    const { RecordAllocation } = await import('../../common/cycle-schema.ts');
    const actor = { name: 'Điều phối', agencyId: 'ubnd' };
    const zero = RecordAllocation.safeParse({ actor, projectRef: '2', amount: '0' });
    expect(zero.success).toBe(false);
    expect(zero.error?.issues[0]?.path).toEqual(['amount']);
    expect(RecordAllocation.safeParse({ actor, projectRef: '2', amount: '1500000' }).success).toBe(
      true,
    );
  });
});

describe('ad hoc requests', () => {
  it('refuses the same request (title and deadline) twice, naming the first', () => {
    const s = running();
    const request = {
      actor: coordinator,
      title: 'Báo cáo đột xuất thiệt hại do bão số 5',
      product: 'Báo cáo',
      agencyIds: ['a', 'b'],
      dueAt: '2027-09-30T00:00:00+07:00',
    };
    const now = Date.parse('2027-09-01T00:00:00Z');
    expect(why(rules.checkAdHoc(s, request, now))).toBeNull();
    const ref = rules.applyAdHoc(s, request, '2027-09-01T02:00:00.000Z');
    expect(
      why(
        rules.checkAdHoc(s, { ...request, title: ' báo cáo đột xuất thiệt hại do bão số 5' }, now),
      ),
    ).toMatch(new RegExp(`${ref}.*2 agencies`));
    expect(
      why(rules.checkAdHoc(s, { ...request, dueAt: '2027-10-15T00:00:00+07:00' }, now)),
    ).toBeNull();
  });
});
