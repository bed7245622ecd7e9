// The directory's and the cycle schedule's views, rendered without a server: what a reader
// sees (levels in order, merged entries marked with where they went, a page at a time) and
// which forms each role gets.
import { describe, expect, it } from 'vitest';
import { stringsFor } from '../../api/web/i18n.ts';
import type { View } from '../../api/web/layout.ts';
import { directoryListView } from '../../api/web/views/directory.ts';
import { agencyView, localityView } from '../../api/web/views/directory-entry.ts';
import { scheduleView } from '../../api/web/views/schedule.ts';
import type {
  AgencyItem,
  AgencyPage,
  DirectoryList,
  LocalityItem,
} from '../../use-cases/directory.ts';
import type { SchedulePageData } from '../../use-cases/schedule.ts';

/** The text a reader sees: tags dropped, entities read, spaces folded. */
const visibleText = (page: string): string =>
  page
    .replace(/<[^>]*>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

const view = (lang: 'vi' | 'en' = 'vi'): View => ({
  lang,
  t: stringsFor(lang),
  principal: undefined,
  csrf: 'form-token',
  here: '/directory',
  nowMs: Date.parse('2026-03-01T00:00:00Z'),
});

const agency = (over: Partial<AgencyItem> & { id: string; name: string }): AgencyItem => ({
  level: 'district',
  localityId: 'a-luoi',
  localityName: 'Huyện A Lưới',
  isCommune: false,
  head: { name: 'Nguyễn Văn A', email: 'a@a-luoi.example' },
  ...over,
});

const list = (over: Partial<DirectoryList> = {}): DirectoryList => ({
  query: { tab: 'agencies', q: '', level: '', show: 'all', page: 1 },
  levels: ['province', 'district', 'commune'],
  total: 3,
  pages: 1,
  pageSize: 25,
  agencies: [
    agency({ id: 'p.so', name: 'Sở Lao động', level: 'province', localityName: 'Tỉnh Huế' }),
    agency({ id: 'a-luoi.phong-ldtbxh', name: 'Phòng Lao động - Thương binh và Xã hội' }),
    agency({
      id: 'a-luoi.ubnd-xa-a-ngo',
      name: 'Ủy ban nhân dân xã A Ngo',
      level: 'commune',
      isCommune: true,
      retiredAt: '2025-07-01T03:00:00.000Z',
      mergedAt: '2025-07-01T03:00:00.000Z',
      mergedInto: { id: 'a-luoi.ubnd-xa-son-thuy', name: 'Ủy ban nhân dân xã Sơn Thủy' },
    }),
  ],
  localities: [],
  localityChoices: [{ id: 'a-luoi', name: 'Huyện A Lưới', level: 'district' }],
  canEdit: true,
  ...over,
});

describe('the directory list', () => {
  it('groups agencies by level from the top down and marks a merged one with where it went', () => {
    const out = directoryListView(view(), list()).value;
    const text = visibleText(out);
    const headings = [...out.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1]?.trim());
    expect(headings).toEqual(['Cấp tỉnh', 'Cấp huyện', 'Cấp xã']);
    expect(text).toContain('Đã sáp nhập vào Ủy ban nhân dân xã Sơn Thủy ngày 01/07/2025');
    expect(out).toContain('href="/directory/agencies/a-luoi.ubnd-xa-son-thuy"');
    expect(text).toContain('Cơ quan 1–3 trong tổng số 3');
    // A coordinator can add an agency here; the form carries the form token.
    expect(out).toContain('action="/directory/agencies"');
    expect(out).toContain('value="form-token"');
    expect(text).not.toMatch(/\b(merged|retired|agency|district|commune)\b/i);
  });

  it('shows a page at a time with links that keep the filter', () => {
    const out = directoryListView(
      view(),
      list({
        query: { tab: 'agencies', q: 'xã', level: 'commune', show: 'active', page: 2 },
        total: 60,
        pages: 3,
      }),
    ).value;
    const text = visibleText(out);
    expect(text).toContain('Trang 2/3');
    expect(text).toContain('Cơ quan 26–50 trong tổng số 60');
    expect(out).toContain(
      'href="/directory?q=x%C3%A3&amp;level=commune&amp;show=active&amp;page=3"',
    );
    expect(out).toContain('href="/directory?q=x%C3%A3&amp;level=commune&amp;show=active"');
  });

  it('is read-only for a viewer: no form, and says so', () => {
    const out = directoryListView(view(), list({ canEdit: false })).value;
    expect(out).not.toContain('<form method="post"');
    expect(visibleText(out)).toContain('chế độ chỉ đọc');
  });

  it('lists localities with what they are part of and how many agencies they have', () => {
    const locality: LocalityItem = {
      id: 'a-luoi.a-ngo',
      name: 'Xã A Ngo',
      level: 'commune',
      parentName: 'Huyện A Lưới',
      agencies: 2,
    };
    const out = directoryListView(
      view(),
      list({
        query: { tab: 'localities', q: '', level: '', show: 'all', page: 1 },
        agencies: [],
        localities: [locality],
        total: 1,
      }),
    ).value;
    expect(visibleText(out)).toContain('Xã A Ngo Huyện A Lưới 2 Đang hoạt động');
    expect(out).toContain('aria-current="page"');
  });
});

const agencyPage = (over: Partial<AgencyPage> = {}): AgencyPage => {
  const a = agency({ id: 'a-luoi.phong-ldtbxh', name: 'Phòng Lao động - Thương binh và Xã hội' });
  return {
    agency: a,
    entry: {
      id: a.id,
      name: a.name,
      shortNames: ['Phòng LĐ-TB&XH'],
      level: 'district',
      localityId: 'a-luoi',
      isCommune: false,
      head: { name: 'Nguyễn Văn A', email: 'a@a-luoi.example' },
      focalPoints: [{ name: 'Trần Thị B', email: 'b@a-luoi.example' }],
    },
    mergedHere: [],
    candidates: [
      { id: 'a-luoi.phong-noi-vu', name: 'Phòng Nội vụ', level: 'district', place: 'Huyện A Lưới' },
    ],
    localityChoices: [{ id: 'a-luoi', name: 'Huyện A Lưới', level: 'district' }],
    levels: ['province', 'district', 'commune'],
    canEdit: true,
    ...over,
  };
};

describe('one agency', () => {
  it('gives a coordinator the forms to rename, merge and retire it', () => {
    const out = agencyView(view(), agencyPage()).value;
    expect(out).toContain('action="/directory/agencies/a-luoi.phong-ldtbxh"');
    expect(out).toContain('action="/directory/agencies/a-luoi.phong-ldtbxh/merge"');
    expect(out).toContain('action="/directory/agencies/a-luoi.phong-ldtbxh/retire"');
    expect(out).toContain('value="Phòng Lao động - Thương binh và Xã hội"');
    expect(out).toContain('Trần Thị B, b@a-luoi.example');
    expect(out).toMatch(/<option value="a-luoi.phong-noi-vu"[^>]*>\s*Phòng Nội vụ – Huyện A Lưới/);
  });

  it('once merged: marked with where it went, nothing more to edit or retire', () => {
    const a = agencyPage().agency;
    const out = agencyView(
      view(),
      agencyPage({
        agency: {
          ...a,
          retiredAt: '2025-07-01T03:00:00.000Z',
          mergedAt: '2025-07-01T03:00:00.000Z',
          mergedInto: { id: 'a-luoi.phong-noi-vu', name: 'Phòng Nội vụ' },
        },
      }),
    ).value;
    expect(visibleText(out)).toContain('Đã sáp nhập vào Phòng Nội vụ ngày 01/07/2025');
    expect(out).not.toContain('<form method="post"');
  });

  it('shows a viewer the agency read-only', () => {
    const out = agencyView(view(), agencyPage({ canEdit: false })).value;
    expect(out).not.toContain('<form method="post"');
    expect(visibleText(out)).toContain('Phòng LĐ-TB&XH');
  });

  it('offers a locality only the localities of its level to merge into', () => {
    const out = localityView(view(), {
      locality: { id: 'a-luoi.a-ngo', name: 'Xã A Ngo', level: 'commune', agencies: 1 },
      agencies: [agency({ id: 'x', name: 'Ủy ban nhân dân xã A Ngo', level: 'commune' })],
      mergedHere: [{ id: 'a-luoi.cu', name: 'Xã Cũ', at: '2025-07-01T03:00:00.000Z' }],
      candidates: [{ id: 'a-luoi.son-thuy', name: 'Xã Sơn Thủy', level: 'commune' }],
      canEdit: true,
    }).value;
    expect(out).toContain('action="/directory/localities/a-luoi.a-ngo/merge"');
    expect(out).toMatch(/<optgroup label="Cấp xã">\s*<option value="a-luoi.son-thuy"/);
    expect(visibleText(out)).toContain('Xã Cũ (01/07/2025)');
  });
});

describe('the cycle schedule', () => {
  const data = (schedule: SchedulePageData['schedule'], canEdit = true): SchedulePageData => ({
    plan: { id: 'p1', number: '171/KH-UBND', title: 'Kế hoạch giảm nghèo' },
    schedule,
    canEdit,
  });
  const on = {
    id: 'cycle-schedule:p1',
    paused: false,
    nextRuns: ['2027-01-02T00:00:00.000Z'],
    recentRuns: [{ at: '2026-01-02T00:00:05.000Z', workflowId: 'cycle-starter:p1' }],
  };

  it('on: says so, with the next run in Vietnam time, and offers to turn it off or run it', () => {
    const out = scheduleView(view(), data(on)).value;
    const text = visibleText(out);
    expect(text).toContain('Trạng thái Đang bật');
    expect(text).toContain('Lần chạy tiếp theo 07:00 02/01/2027');
    expect(text).toContain('07:00 02/01/2026');
    expect(out).toContain('name="enabled" value="off"');
    expect(out).toContain('action="/plans/p1/schedule/run"');
  });

  it('off: no next run; the button turns it on', () => {
    const text = visibleText(scheduleView(view(), data({ ...on, paused: true })).value);
    expect(text).toContain('Trạng thái Đang tắt');
    expect(text).toContain('Không có (lịch đang tắt)');
    expect(text).toContain('Bật lịch');
  });

  it('never turned on: only the button that turns it on; read-only for others', () => {
    const out = scheduleView(view(), data(null)).value;
    expect(visibleText(out)).toContain('Chưa bật lần nào');
    expect(out).not.toContain('/schedule/run');
    expect(scheduleView(view(), data(on, false)).value).not.toContain('<form');
  });

  it('speaks English on the English pages', () => {
    const text = visibleText(scheduleView(view('en'), data(on)).value);
    expect(text).toContain('State On');
    expect(text).toContain('Run now');
  });
});
