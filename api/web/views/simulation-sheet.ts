// A simulated year's whole timeline as a download (XLSX for people, CSV for programs): every
// action and message in time order, in Vietnamese words, dates in Vietnam's time; and, in the
// workbook, the duties as they ended and the mail per kind of reader.
import type { SimulationResult } from '../../../common/simulation-schema.ts';
import type { Sheet } from '../../../exports/sheet.ts';
import { render } from '../../../i18n/index.ts';
import {
  dutyTitles,
  kindOf,
  type SimulationCalendar,
} from '../../../use-cases/simulation-calendar.ts';
import { stringsFor } from '../i18n.ts';

const vi = stringsFor('vi');

/** An event of the timeline in words: a kind of message, a digest, or an action. */
function eventWords(event: string): string {
  if (event.startsWith('notify:')) return vi.kinds[kindOf(event)] ?? vi.otherEvent;
  if (event === 'digest') return vi.kinds['digest'] ?? vi.otherEvent;
  return vi.actions[event as keyof typeof vi.actions] ?? vi.otherEvent;
}

export function timelineSheets(result: SimulationResult, calendar: SimulationCalendar): Sheet[] {
  const titles = dutyTitles(result);
  const people = result.people ?? {};
  const timeline: Sheet = {
    name: 'Diễn biến',
    title: `Mô phỏng năm ${result.year}: toàn bộ diễn biến`,
    columns: [
      { key: 'at', header: 'Thời điểm', kind: 'datetime' },
      { key: 'duty', header: 'Nhiệm vụ' },
      { key: 'period', header: 'Kỳ' },
      { key: 'agency', header: 'Cơ quan' },
      { key: 'event', header: 'Sự kiện' },
      { key: 'to', header: 'Người nhận' },
      { key: 'detail', header: 'Chi tiết' },
    ],
    rows: result.timeline.map((r) => {
      const duty = titles.get(r.duty);
      const message = r.event.startsWith('notify:') || r.event === 'digest';
      return {
        at: r.instant,
        duty: duty?.title ?? '',
        period: duty ? vi.periodName(duty.period) : '',
        agency: r.agency,
        event: eventWords(r.event),
        to: (r.recipients ?? [])
          .map((e) => {
            const who = people[e.toLowerCase()];
            return who ? `${who.name} <${e}>` : e;
          })
          .join('; '),
        // A message's detail is its addresses (in "Người nhận"); an action's, its comment.
        detail: message ? '' : r.detail,
      };
    }),
  };
  const duties: Sheet = {
    name: 'Nhiệm vụ',
    title: `Mô phỏng năm ${result.year}: các nhiệm vụ khi kết thúc năm`,
    columns: [
      { key: 'title', header: 'Nhiệm vụ' },
      { key: 'period', header: 'Kỳ' },
      { key: 'lead', header: 'Cơ quan chủ trì' },
      { key: 'dueAt', header: 'Hạn', kind: 'date' },
      { key: 'originalDueAt', header: 'Hạn ban đầu', kind: 'date' },
      { key: 'status', header: 'Trạng thái' },
      { key: 'messages', header: 'Số thư', kind: 'number' },
    ],
    rows: result.duties.map((d) => ({
      title: d.title,
      period: vi.periodName(d.period),
      lead: d.lead,
      // The last allowed day: due "before 20/06" (00:00) means 19/06.
      dueAt: Date.parse(d.dueAt) - 1,
      originalDueAt: Date.parse(d.originalDueAt) - 1,
      status: vi.statuses[d.status as keyof typeof vi.statuses] ?? vi.otherEvent,
      messages: d.notifications.length,
    })),
  };
  const groups: Sheet = {
    name: 'Thư theo đối tượng',
    title: render('simulation.groups.heading', {}, 'vi'),
    columns: [
      { key: 'group', header: render('simulation.groups.col.group', {}, 'vi') },
      { key: 'people', header: render('simulation.groups.col.people', {}, 'vi'), kind: 'number' },
      {
        key: 'messages',
        header: render('simulation.groups.col.messages', {}, 'vi'),
        kind: 'number',
      },
      {
        key: 'perMonth',
        header: render('simulation.groups.col.per-month', {}, 'vi'),
        kind: 'number',
      },
      {
        key: 'maxMonth',
        header: render('simulation.groups.col.max-month', {}, 'vi'),
        kind: 'number',
      },
      { key: 'maxDay', header: render('simulation.groups.col.max-day', {}, 'vi'), kind: 'number' },
    ],
    rows: calendar.groups.map((g) => ({
      group: render('simulation.groups.group', { group: g.group }, 'vi'),
      people: g.people,
      messages: g.messages,
      perMonth: g.perPersonMonth,
      maxMonth: g.maxPersonMonth,
      maxDay: g.maxPersonDay,
    })),
  };
  return [timeline, duties, groups];
}
