import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { toICalendar, type CalendarEvent } from '../../exports/ics.ts';

const NOW = Date.parse('2026-06-19T17:30:05Z');

const EVENTS: CalendarEvent[] = [
  {
    uid: 'duty:a-luoi-171-2022:bao-cao-6-thang:2026@giam-ngheo',
    lastDay: '2026-06-19',
    summary: 'Báo cáo 6 tháng: Phòng LĐTBXH, tổng hợp; gửi UBND huyện',
    description: 'Kế hoạch số 171/KH-UBND.\nNộp trước ngày 20/6, kèm biểu mẫu \\ phụ lục.',
    url: 'https://duties.example.vn/duties/a-luoi-171-2022/bao-cao-6-thang/2026?tab=report,1',
    status: 'CONFIRMED',
  },
  {
    uid: 'duty:a-luoi-171-2022:dang-ky-von:2027',
    lastDay: '2026-12-31',
    summary: 'Đăng ký vốn năm 2027',
    status: 'CANCELLED',
  },
  {
    uid: 'duty:tu-mo-rong:bao-cao-nam:2028',
    lastDay: '2028-02-28',
    summary: 'Báo cáo năm (năm nhuận)',
  },
];

function parse(ics: string): ICAL.Component {
  return ICAL.Component.fromString(ics);
}

describe('iCalendar export', () => {
  const ics = toICalendar({ name: 'Hạn nộp, Phòng LĐTBXH A Lưới', events: EVENTS, now: NOW });
  const calendar = parse(ics);
  const events = calendar.getAllSubcomponents('vevent');

  it('is a published Gregorian calendar with its name and Vietnam time zone', () => {
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
    expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    // A non-standard property's value is TEXT (RFC 5545 §3.8.8.2), escaped like SUMMARY;
    // ical.js leaves unknown properties as they are written, so it shows the escape.
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Hạn nộp\\, Phòng LĐTBXH A Lưới');
    expect(calendar.getFirstPropertyValue('x-wr-timezone')).toBe('Asia/Ho_Chi_Minh');
  });

  it('puts every deadline as an all-day event on its last allowed day', () => {
    expect(events).toHaveLength(3);
    const days = events.map((e) => {
      const event = new ICAL.Event(e);
      return [
        event.uid,
        event.startDate.isDate,
        event.startDate.toString(),
        event.endDate.toString(),
      ];
    });
    expect(days).toEqual([
      [EVENTS[0]!.uid, true, '2026-06-19', '2026-06-20'],
      [EVENTS[1]!.uid, true, '2026-12-31', '2027-01-01'],
      [EVENTS[2]!.uid, true, '2028-02-28', '2028-02-29'],
    ]);
    for (const e of events) {
      expect(String(e.getFirstPropertyValue('dtstamp'))).toBe('2026-06-19T17:30:05Z');
    }
  });

  it('keeps summaries, descriptions and URLs intact through escaping', () => {
    const first = new ICAL.Event(events[0]);
    expect(first.summary).toBe(EVENTS[0]!.summary);
    expect(first.description).toBe(EVENTS[0]!.description);
    expect(events[0]!.getFirstPropertyValue('url')).toBe(EVENTS[0]!.url);
    expect(ics.replaceAll('\r\n ', '')).toContain(
      'SUMMARY:Báo cáo 6 tháng: Phòng LĐTBXH\\, tổng hợp\\; gửi UBND huyện',
    );
    expect(events.map((e) => e.getFirstPropertyValue('status'))).toEqual([
      'CONFIRMED',
      'CANCELLED',
      null,
    ]);
    expect(events[1]!.getFirstPropertyValue('description')).toBeNull();
  });

  it('reminds on the morning three days before the last day', () => {
    const ringsAt: string[] = [];
    for (const [i, e] of events.entries()) {
      const alarms = e.getAllSubcomponents('valarm');
      expect(alarms).toHaveLength(1);
      const alarm = alarms[0]!;
      expect(alarm.getFirstPropertyValue('action')).toBe('DISPLAY');
      expect(String(alarm.getFirstPropertyValue('description'))).toContain(EVENTS[i]!.summary);
      const trigger = alarm.getFirstPropertyValue('trigger') as ICAL.Duration;
      expect(trigger.isNegative).toBe(true);
      // The event starts at 00:00 of the last day: the alarm rings at 08:00 three days before.
      const start = new ICAL.Event(e).startDate;
      const at = ICAL.Time.fromData({ year: start.year, month: start.month, day: start.day });
      at.isDate = false;
      at.addDuration(trigger);
      ringsAt.push(at.toString());
    }
    expect(ringsAt).toEqual(['2026-06-16T08:00:00', '2026-12-28T08:00:00', '2028-02-25T08:00:00']);
    const alarmOf = (i: number): string =>
      String(events[i]!.getFirstSubcomponent('valarm')!.getFirstPropertyValue('description'));
    expect(alarmOf(0)).toBe(`Hạn cuối 19/06/2026: ${EVENTS[0]!.summary}`);
  });

  it('folds long Vietnamese lines at 75 octets without splitting a character, and unfolds them back', () => {
    const summary =
      'Xây dựng Kế hoạch đăng ký vốn, cam kết giải ngân vốn và kế hoạch thực hiện cụ thể theo ' +
      'từng tháng của Tiểu dự án 1 – Hỗ trợ đầu tư phát triển hạ tầng kinh tế – xã hội các ' +
      'huyện nghèo, các xã đặc biệt khó khăn vùng bãi ngang, ven biển và hải đảo 🏝';
    const long = toICalendar({
      name: 'Lịch hạn',
      events: [{ uid: 'x', lastDay: '2026-09-17', summary, description: summary.repeat(3) }],
      now: NOW,
    });
    const bytes = Buffer.from(long, 'utf8');
    const lines = long.split('\r\n');
    expect(lines.some((l) => l.startsWith(' '))).toBe(true);
    for (const line of lines) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
    // Each line's own bytes decode to the line: no character (not even the emoji's surrogate
    // pair) is cut between two lines.
    let offset = 0;
    for (const line of lines) {
      const size = Buffer.byteLength(line, 'utf8');
      expect(bytes.subarray(offset, offset + size).toString('utf8')).toBe(line);
      offset += size + 2;
    }
    const event = new ICAL.Event(parse(long).getFirstSubcomponent('vevent')!);
    expect(event.summary).toBe(summary);
    expect(event.description).toBe(summary.repeat(3));
  });

  it('refuses an impossible day rather than publishing a wrong one', () => {
    const one = (lastDay: string) => () =>
      toICalendar({ name: 'x', events: [{ uid: 'u', lastDay, summary: 's' }], now: NOW });
    expect(one('2026-02-30')).toThrow('not a date');
    expect(one('30/06/2026')).toThrow('not a date');
  });
});
