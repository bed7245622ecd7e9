import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../domain/digest-email.ts';
import { localInstant } from '../../domain/local-time.ts';
import {
  daysLeft,
  daysOverdue,
  dutyTrack,
  inPeriod,
  rates,
  reportRefOf,
  reportState,
  TRACK_COLOURS,
  TRACK_LABELS,
} from '../../domain/tracking.ts';

const due = new Date(localInstant(2026, 6, 20)).toISOString(); // "trước ngày 20/6"
const at = (d: number, h = 9) => localInstant(2026, 6, d, h);
const iso = (ms: number) => new Date(ms).toISOString();

/** A duty as the read model holds it: counted against `due`, first in at `first`. */
const duty = (status: string, first: number | null, counted = due) => ({
  status,
  countedDueAt: counted,
  firstSubmittedAt: first === null ? null : iso(first),
  firstOnTime: first === null ? null : first <= Date.parse(counted),
});

describe('reporting categories', () => {
  it('a report is on time up to its deadline, late after, missing when nothing came in', () => {
    const on = duty('accepted', at(19, 23));
    const late = duty('submitted', at(21));
    const none = duty('overdue', null);
    expect(reportState(on, at(25))).toBe('on-time');
    expect(reportState(late, at(25))).toBe('late');
    expect(reportState(none, at(25))).toBe('missing');
    expect(reportState(none, at(19))).toBe('not-yet-due');
    // Submitted after the instant asked about: not yet in then.
    expect(reportState(late, at(20, 12))).toBe('missing');
    expect(reportState({ ...none, status: 'cancelled' }, at(25))).toBeNull();
    // Returned for revision, the product came in all the same: its first submission counts.
    expect(reportState(duty('returned', at(21)), at(25))).toBe('late');
    expect(reportState(duty('returned', at(18)), at(25))).toBe('on-time');
  });

  it('other duties use the four categories of government reports, in the same colours', () => {
    expect(dutyTrack(duty('accepted', at(22)), at(25))).toBe('completed-late');
    expect(TRACK_LABELS.vi['completed-late']).toBe('Hoàn thành quá hạn');
    expect(TRACK_COLOURS['completed-late']).toBe(TRACK_COLOURS.late);
    expect(dutyTrack(duty('assigned', null), at(10))).toBe('in-progress');
  });

  it('rates count only what is owed by now, on-time reports over expected ones', () => {
    expect(rates(['on-time', 'late', 'missing', 'not-yet-due'])).toEqual({
      expected: 3,
      received: 2,
      receivedOnTime: 1,
      reportingRate: 2 / 3,
      reportingRateOnTime: 1 / 3,
    });
    expect(rates(['not-yet-due']).reportingRate).toBeNull();
  });

  it('days overdue and left count a part day as one', () => {
    expect(daysOverdue(due, at(20))).toBe(1);
    expect(daysOverdue(due, at(23, 0))).toBe(3);
    expect(daysLeft(due, at(19))).toBe(1);
    expect(daysLeft(due, at(25))).toBe(0);
  });

  it('periods and group-led reports', () => {
    expect(inPeriod('2026-06', '2026')).toBe(true);
    expect(inPeriod('2026', '2026-06')).toBe(false);
    expect(inPeriod('20266', '2026')).toBe(false);
    expect(reportRefOf('BC-6T-DV~tu-mo-rong.ubnd-xa-mang-ri')).toBe('BC-6T-DV');
    expect(reportRefOf('3.1')).toBe('3.1');
  });
});

describe('daily digest wording', () => {
  it('lists overdue first, then due soon, in Vietnamese with dd/mm/yyyy', () => {
    const mail = renderDigest({
      recipientName: 'Trưởng phòng Y tế',
      agencyName: 'Phòng Y tế',
      nowMs: at(22, 7),
      items: [
        { title: 'Báo cáo 6 tháng', period: '2026', dueAt: due, role: 'lead', link: 'http://x/1' },
        {
          title: 'Kế hoạch năm',
          period: '2026',
          dueAt: new Date(localInstant(2026, 6, 26)).toISOString(),
          role: 'coordinating',
          link: 'http://x/2',
        },
      ],
    });
    expect(mail.subject).toBe(
      '[Tổng hợp nhắc việc] Phòng Y tế: 1 nhiệm vụ quá hạn, 1 nhiệm vụ sắp đến hạn – 22/06/2026',
    );
    expect(mail.text.indexOf('Quá hạn:')).toBeLessThan(mail.text.indexOf('Sắp đến hạn:'));
    expect(mail.text).toContain(
      'Báo cáo 6 tháng (2026, chủ trì) – trước ngày 20/06/2026, đã quá hạn 3 ngày',
    );
    expect(mail.text).toContain(
      'Kế hoạch năm (2026, phối hợp) – trước ngày 26/06/2026, còn 4 ngày',
    );
    expect(mail.html).toContain('<a href="http://x/2">');
  });
});
