// The duty pages' views without a server: each person sees the forms of their part and no
// other, a coordinator can reassign and cancel, long sections are folded, the "new duty" form
// keeps what was typed, and the sign-in and action-link pages say what they will do.
import { describe, expect, it } from 'vitest';
import type { DutyState } from '../../common/duty-state.ts';
import { dutyRights, type Principal } from '../../api/principal.ts';
import { stringsFor } from '../../api/web/i18n.ts';
import type { View } from '../../api/web/layout.ts';
import { actionLinkPage, signInPage } from '../../api/web/views/auth.ts';
import { dutyBody, dutyView } from '../../api/web/views/duty.ts';
import { newDutyView } from '../../api/web/views/duty-new.ts';
import { settingsView } from '../../api/web/views/settings.ts';
import * as rules from '../../domain/duty-rules.ts';
import { localInstant } from '../../domain/local-time.ts';
import type { DutyPage } from '../../use-cases/duty-view.ts';
import { AGRI_SERVICES, AGRICULTURE, capitalRegistration, LABOUR } from '../support/fixtures.ts';

const NOW = localInstant(2026, 6, 2, 9);

const person = (over: Partial<Principal>): Principal => ({
  via: 'session',
  email: 'a@example.org',
  name: 'Nguyễn Văn A',
  coordinator: false,
  viewer: false,
  agencies: [],
  standingPlanIds: [],
  ...over,
});
const LEAD = person({ agencies: [{ id: AGRICULTURE.id, name: AGRICULTURE.name }] });
const COORDINATOR = person({ name: 'Điều phối viên', coordinator: true });

const viewOf = (p: Principal, lang: 'vi' | 'en' = 'vi'): View => ({
  lang,
  t: stringsFor(lang),
  principal: p,
  csrf: 'form-token',
  here: '/duties/x',
  nowMs: NOW,
});

function freshDuty(): DutyState {
  return rules.newDutyState(
    capitalRegistration({ dueAt: '2026-06-20T00:00:00+07:00' }),
    'duty:ke-hoach:1:2026',
    localInstant(2026, 6, 1, 9),
  );
}

function pageData(p: Principal, duty = freshDuty()): DutyPage {
  return {
    duty,
    rights: dutyRights(p, duty),
    coordinator: p.coordinator,
    planName: '171/KH-UBND – Kế hoạch giảm nghèo',
    ladder: {
      workflowId: duty.workflowId,
      status: duty.status,
      dueAt: duty.dueAt,
      originalDueAt: duty.originalDueAt,
      sent: [],
      next: [
        {
          stepId: 'r1',
          kind: 'reminder',
          at: '2026-06-12T01:00:00.000Z',
          recipients: [{ email: AGRICULTURE.head.email, copy: false, delivery: 'sent' }],
        },
      ],
    },
    leadChoices: p.coordinator
      ? [
          { id: 'a-luoi.phong-dan-toc', name: 'Phòng Dân tộc' },
          { id: 'a-luoi.phong-gddt', name: 'Phòng Giáo dục và Đào tạo' },
          { id: 'a-luoi.phong-tckh', name: 'Phòng Tài chính - Kế hoạch' },
        ]
      : [],
  };
}

/** The forms' actions on the page, by their last path segment. */
const actions = (html: string): string[] =>
  [...html.matchAll(/<form\s+method="post"\s+action="\/duties\/[^"/]+\/([a-z-]+)"/g)].map(
    (m) => m[1]!,
  );

describe('a duty page', () => {
  it("shows the lead its own forms, and none of the standing agency's or a coordinator's", () => {
    const body = dutyBody(viewOf(LEAD), pageData(LEAD)).value;
    expect(actions(body)).toEqual(['acknowledge', 'submit', 'extension-request']);
    expect(body).toContain('Hạn: 19/06/2026');
    expect(body).toContain('171/KH-UBND – Kế hoạch giảm nghèo');
    expect(body).not.toContain('Hủy nhiệm vụ');
  });

  it('shows a coordinator the reassign and cancel forms, the agencies in Vietnamese order', () => {
    const body = dutyBody(viewOf(COORDINATOR), pageData(COORDINATOR)).value;
    expect(actions(body)).toEqual(['reassign', 'cancel']);
    const options = [...body.matchAll(/<option value="([^"]+)">([^<]+)</g)].map((m) => m[2]);
    expect(options).toEqual([
      'Phòng Dân tộc',
      'Phòng Giáo dục và Đào tạo',
      'Phòng Tài chính - Kế hoạch',
    ]);
    expect(body).toMatch(/<textarea[^>]*name="reason"[^>]*required/);
  });

  it('offers nothing to cancel once the duty is cancelled, and says there is nothing to do', () => {
    const duty = freshDuty();
    rules.applyCancel(duty, { actor: { name: 'x', agencyId: LABOUR.id }, reason: 'Trùng' }, NOW);
    const body = dutyBody(viewOf(COORDINATOR), pageData(COORDINATOR, duty)).value;
    expect(actions(body)).toEqual([]);
    expect(body).toContain(stringsFor('vi').nothingToDo);
  });

  it('folds the reminders and the history, each with how many it holds', () => {
    const duty = freshDuty();
    rules.applyAcknowledge(duty, { actor: { name: 'Cán bộ', agencyId: AGRICULTURE.id } }, NOW);
    const body = dutyBody(viewOf(LEAD), pageData(LEAD, duty)).value;
    expect(body).toMatch(/<details class="fold">\s*<summary>Nhắc việc đã gửi và sắp gửi \(1\)/);
    expect(body).toMatch(/<details class="fold">\s*<summary>Lịch sử xử lý \(2\)/);
    expect(body).toMatch(/id="h-timeline">[^<]*<\/h2>\s*<details/);
  });

  it('a coordinating agency sees its contribution form only', () => {
    const coord = person({ agencies: [{ id: AGRI_SERVICES.id, name: AGRI_SERVICES.name }] });
    const body = dutyBody(viewOf(coord), pageData(coord)).value;
    expect(actions(body)).toEqual(['contribute']);
  });

  it('reads in English for a reader who switched, with the flash given', () => {
    const page = dutyView(viewOf(COORDINATOR, 'en'), pageData(COORDINATOR), {
      kind: 'error',
      text: 'Not done: the duty has been cancelled',
    });
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('Give the duty to another lead agency');
    expect(page).toContain('role="alert"');
  });
});

describe("where a cycle's duty leads on", () => {
  const STANDING = person({
    agencies: [{ id: LABOUR.id, name: LABOUR.name }],
    standingPlanIds: ['ke-hoach'],
  });

  it("a commitment links to its project's disbursement page", () => {
    const duty = {
      ...freshDuty(),
      cycle: { id: 'cycle:k:2026', phase: 'disbursement-commitment' as const, projectRef: '2' },
    };
    const body = dutyBody(viewOf(LEAD), pageData(LEAD, duty)).value;
    expect(body).toContain('href="/cycles/cycle%3Ak%3A2026/projects/2"');
    expect(body).toContain('Giải ngân của dự án');
  });

  it("the labour office's own report links to the draft consolidating the agencies' reports", () => {
    const base = freshDuty();
    const duty = {
      ...base,
      lead: base.standing,
      cycle: { id: 'cycle:k:2026', phase: 'reports' as const },
    };
    const body = dutyBody(viewOf(STANDING), pageData(STANDING, duty)).value;
    expect(body).toContain(`href="/duties/${encodeURIComponent(duty.workflowId)}/consolidation"`);
    // Another agency's report has no draft behind it.
    const other = { ...base, cycle: { id: 'cycle:k:2026', phase: 'reports' as const } };
    expect(dutyBody(viewOf(STANDING), pageData(STANDING, other)).value).not.toContain(
      '/consolidation',
    );
  });
});

describe('the new duty page', () => {
  const choices = {
    plans: [{ id: 'kh-1', name: '171/KH-UBND – Kế hoạch giảm nghèo' }],
    agencies: [
      { id: 'a', name: 'Phòng Dân tộc' },
      { id: 'b', name: 'Phòng Giáo dục và Đào tạo' },
    ],
  };

  it('asks for plan, title, product, deadline, lead and coordinating agencies', () => {
    const page = newDutyView(viewOf(COORDINATOR), choices);
    for (const name of ['planId', 'title', 'product', 'due', 'leadId', 'coordinating'])
      expect(page).toContain(`name="${name}"`);
    expect(page).toContain('<h1>Giao nhiệm vụ riêng lẻ</h1>');
    expect(page).toContain('name="_csrf" value="form-token"');
  });

  it('keeps what was typed when refused', () => {
    const page = newDutyView(
      viewOf(COORDINATOR),
      choices,
      {
        planId: 'kh-1',
        leadId: 'a',
        coordinatingIds: ['b'],
        title: 'Báo cáo <riêng>',
        product: 'Báo cáo',
        due: '31/06/2026',
      },
      { kind: 'error', text: 'Thông tin chưa hợp lệ', items: ['Thời hạn: ngày không hợp lệ'] },
    );
    expect(page).toContain('<option value="kh-1" selected>');
    expect(page).toContain('<option value="a" selected>');
    expect(page).toMatch(/value="b"\s+checked/);
    expect(page).toContain('Báo cáo &lt;riêng&gt;');
    expect(page).toContain('value="31/06/2026"');
    expect(page).toContain('Thời hạn: ngày không hợp lệ');
  });
});

describe('sign-in, action links and settings', () => {
  it('the sign-in form keeps where to go next; the action link names the action and period', () => {
    const anonymous = viewOf(person({}));
    expect(signInPage(anonymous, '/duties/x')).toContain(
      '<input type="hidden" name="next" value="/duties/x" />',
    );
    const page = actionLinkPage(
      anonymous,
      'acknowledge',
      'a@example.org',
      { title: 'Báo cáo năm', period: '2026', workflowId: 'duty:k:1:2026' },
      'tok.en',
    );
    expect(page).toContain('action="/actions/tok.en"');
    expect(page).toContain('Tiếp nhận');
    expect(page).not.toContain('(2026)');
  });

  it('settings: reminders for a person, a choice per agency, a calendar link shown once', () => {
    const page = settingsView(viewOf(LEAD), {
      email: 'a@example.org',
      optedOut: true,
      agencies: [{ id: AGRICULTURE.id, name: AGRICULTURE.name }],
      modes: new Map([[AGRICULTURE.id, 'single']]),
      calendarUrl: { agencyId: AGRICULTURE.id, url: 'https://x.example/cal?t=abc' },
    });
    expect(page).not.toMatch(/name="reminders" value="on"\s+checked/);
    expect(page).toMatch(/value="single"\s+checked/);
    expect(page).toContain('https://x.example/cal?t=abc');
  });
});
