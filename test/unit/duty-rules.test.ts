import { describe, expect, it } from 'vitest';
import * as rules from '../../domain/duty-rules.ts';
import type { RuleRefusal } from '../../domain/rule-refusal.ts';
import { localInstant } from '../../domain/local-time.ts';
import {
  AGRI_SERVICES,
  AGRICULTURE,
  capitalRegistration,
  FINANCE,
  LABOUR,
} from '../support/fixtures.ts';

/** A refusal's English, as the workflow's failure message carries it; null when allowed. */
const why = (r: RuleRefusal | null): string | null => r?.message ?? null;

const lead = { name: 'Nguyễn Văn A', agencyId: AGRICULTURE.id };
const standing = { name: 'Trần Thị B', agencyId: LABOUR.id };
const coordinator = { name: 'Lê Văn C', agencyId: AGRI_SERVICES.id };
const t = (d: number, h = 9): number => localInstant(2026, 6, d, h);

function fresh() {
  return rules.newDutyState(
    capitalRegistration({ dueAt: '2026-06-20T00:00:00+07:00' }),
    'duty:x',
    t(1),
  );
}

describe('duty rules', () => {
  it('starts assigned, with the original deadline kept and each contribution due 5 days earlier', () => {
    const s = fresh();
    expect(s.status).toBe('assigned');
    expect(s.originalDueAt).toBe('2026-06-19T17:00:00.000Z');
    expect(s.contributions).toEqual([
      {
        agencyId: AGRI_SERVICES.id,
        agencyName: AGRI_SERVICES.name,
        dueAt: '2026-06-14T17:00:00.000Z',
      },
    ]);
    expect(s.history).toHaveLength(1);
  });

  it('lets only the lead agency acknowledge and submit, once', () => {
    const s = fresh();
    expect(why(rules.checkAcknowledge(s, { actor: standing }))).toMatch(/only the lead agency/);
    expect(why(rules.checkAcknowledge(s, { actor: lead }))).toBeNull();
    rules.applyAcknowledge(s, { actor: lead }, t(2));
    expect(why(rules.checkAcknowledge(s, { actor: lead }))).toMatch(
      /already acknowledged at 09:00 02\/06\/2026/,
    );
    // The code and its parameters, which the pages and the API word in the reader's language.
    expect(rules.checkAcknowledge(s, { actor: lead })).toMatchObject({
      code: 'duty-rules.already-acknowledged',
      params: { at: '09:00 02/06/2026' },
    });
    const submission = {
      actor: lead,
      text: 'Kế hoạch',
      attachments: [],
      indicators: { households: 120 },
    };
    rules.applySubmit(s, submission, t(10));
    expect(s.status).toBe('submitted');
    expect(s.submissions[0]?.late).toBe(false);
    expect(why(rules.checkSubmit(s, submission))).toBe('the product has already been submitted');
    expect(s.history.map((h) => [h.action, h.actor.name, h.from, h.to])).toEqual([
      ['assign', 'Hệ thống', 'assigned', 'assigned'],
      ['acknowledge', 'Nguyễn Văn A', 'assigned', 'acknowledged'],
      ['submit', 'Nguyễn Văn A', 'acknowledged', 'submitted'],
    ]);
  });

  it('turns overdue at the deadline and marks a later submission late', () => {
    const s = fresh();
    expect(rules.applyDeadline(s, t(19, 23))).toBe(false);
    expect(rules.applyDeadline(s, t(20, 0))).toBe(true);
    expect(s.status).toBe('overdue');
    rules.applySubmit(s, { actor: lead, text: 'x', attachments: [], indicators: {} }, t(23));
    expect(s.submissions[0]?.late).toBe(true);
  });

  it('refuses deciding an extension nobody asked for, and a request that does not extend', () => {
    const s = fresh();
    expect(why(rules.checkDecideExtension(s, { actor: standing, grant: true }, t(21)))).toBe(
      'no extension has been requested',
    );
    expect(
      why(
        rules.checkRequestExtension(
          s,
          {
            actor: lead,
            newDueAt: '2026-06-10T00:00:00+07:00',
            reason: 'x',
          },
          t(5),
        ),
      ),
    ).toMatch(/must be after the current one \(00:00 20\/06\/2026\)/);
  });

  it('restarts the ladder on a granted extension and keeps the original deadline', () => {
    const s = fresh();
    rules.applyDeadline(s, t(20, 0));
    rules.applyRequestExtension(
      s,
      { actor: lead, newDueAt: '2026-06-30T00:00:00+07:00', reason: 'Chờ số liệu xã' },
      t(21),
    );
    expect(
      why(
        rules.checkRequestExtension(
          s,
          {
            actor: lead,
            newDueAt: '2026-07-30T00:00:00+07:00',
            reason: 'x',
          },
          t(5),
        ),
      ),
    ).toMatch(/already waiting/);
    expect(why(rules.checkDecideExtension(s, { actor: lead, grant: true }, t(21)))).toMatch(
      /only the standing agency/,
    );
    rules.applyDecideExtension(s, { actor: standing, grant: true }, t(22));
    expect(s.status).toBe('assigned');
    expect(s.dueAt).toBe('2026-06-29T17:00:00.000Z');
    expect(s.originalDueAt).toBe('2026-06-19T17:00:00.000Z');
    expect(s.generation).toBe(2);
    expect(s.contributions[0]?.dueAt).toBe('2026-06-24T17:00:00.000Z');
  });

  it('refuses a new deadline that has already passed', () => {
    const s = fresh();
    expect(
      why(
        rules.checkRequestExtension(
          s,
          { actor: lead, newDueAt: '2026-06-25T00:00:00+07:00', reason: 'x' },
          t(26),
        ),
      ),
    ).toBe('the new deadline 00:00 25/06/2026 has already passed');
    rules.applySubmit(s, { actor: lead, text: 'v1', attachments: [], indicators: {} }, t(10));
    expect(
      why(
        rules.checkReview(
          s,
          {
            actor: standing,
            outcome: 'return',
            comment: 'x',
            newDueAt: '2026-06-05T00:00:00+07:00',
          },
          t(10),
        ),
      ),
    ).toMatch(/has already passed/);
  });

  it('reviews only a submitted product; a return reopens it with a new deadline', () => {
    const s = fresh();
    expect(why(rules.checkReview(s, { actor: standing, outcome: 'accept' }, t(10)))).toMatch(
      /no submitted product/,
    );
    rules.applySubmit(s, { actor: lead, text: 'v1', attachments: [], indicators: {} }, t(10));
    rules.applyReview(
      s,
      {
        actor: standing,
        outcome: 'return',
        comment: 'Bổ sung danh mục xã',
        newDueAt: '2026-06-25T00:00:00+07:00',
      },
      t(11),
    );
    expect(s.status).toBe('returned');
    expect(s.generation).toBe(2);
    expect(
      why(rules.checkSubmit(s, { actor: lead, text: 'v2', attachments: [], indicators: {} })),
    ).toBeNull();
    rules.applySubmit(s, { actor: lead, text: 'v2', attachments: [], indicators: {} }, t(12));
    rules.applyReview(s, { actor: standing, outcome: 'accept' }, t(13));
    expect(s.status).toBe('accepted');
    expect(s.submissions.map((x) => x.text)).toEqual(['v1', 'v2']);
  });

  it('takes one contribution from each coordinating agency and none from others', () => {
    const s = fresh();
    expect(
      why(
        rules.checkContribute(s, {
          actor: { name: 'x', agencyId: FINANCE.id },
          text: 'x',
          indicators: {},
        }),
      ),
    ).toMatch(/not a coordinating agency/);
    rules.applyContribute(s, { actor: coordinator, text: 'Số liệu mô hình', indicators: {} }, t(5));
    expect(s.contributions[0]?.contributedAt).toBe(new Date(t(5)).toISOString());
    expect(
      why(rules.checkContribute(s, { actor: coordinator, text: 'again', indicators: {} })),
    ).toMatch(/already contributed/);
  });

  it('cancels once, by the standing agency', () => {
    const s = fresh();
    expect(why(rules.checkCancel(s, { actor: lead, reason: 'x' }))).toMatch(
      /only the standing agency/,
    );
    rules.applyCancel(s, { actor: standing, reason: 'Điều chỉnh kế hoạch' }, t(3));
    expect(s.status).toBe('cancelled');
    expect(why(rules.checkCancel(s, { actor: standing, reason: 'x' }))).toBe(
      'the duty is already cancelled',
    );
    expect(
      why(rules.checkSubmit(s, { actor: lead, text: 'x', attachments: [], indicators: {} })),
    ).toBe('the duty has been cancelled');
  });

  it('reassigns the lead, resetting the acknowledgement and restarting the ladder', () => {
    const s = fresh();
    rules.applyAcknowledge(s, { actor: lead }, t(2));
    expect(
      why(rules.checkReassignLead(s, { actor: standing, lead: AGRI_SERVICES, reason: 'x' })),
    ).toMatch(/is a coordinating agency/);
    rules.applyReassignLead(s, { actor: standing, lead: FINANCE, reason: 'Phân công lại' }, t(3));
    expect(s.lead.id).toBe(FINANCE.id);
    expect(s.status).toBe('assigned');
    expect(s.acknowledgedAt).toBeUndefined();
    expect(s.generation).toBe(2);
    expect(
      why(rules.checkSubmit(s, { actor: lead, text: 'x', attachments: [], indicators: {} })),
    ).toMatch(/only the lead/);
  });
});
