// The per-person budget's rules without Temporal: who is written to singly and who reads it
// in the morning digest, and how the digest words what happened since the last one.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryAgency } from '../../common/plan-schema.ts';
import { openDb, type Db } from '../../db/index.ts';
import { heldRecipients, setNonCriticalReminders, setNotifyMode } from '../../db/notify-prefs.ts';
import { renderDigest } from '../../domain/digest-email.ts';
import { renderEmail } from '../../domain/email.ts';
import type { StepKind } from '../../domain/ladder.ts';
import { localInstant } from '../../domain/local-time.ts';
import { AGRI_SERVICES, AGRICULTURE, FINANCE, LABOUR, SUPERVISOR } from '../support/fixtures.ts';

let db: Db;

beforeAll(async () => {
  db = await openDb({ sqliteFile: ':memory:' });
  for (const a of [AGRICULTURE, AGRI_SERVICES, FINANCE, LABOUR]) {
    const entry = DirectoryAgency.parse({ ...a, level: 'district', localityId: 'a-luoi' });
    await db
      .insertInto('agencies')
      .values({
        id: a.id,
        name: a.name,
        level: 'district',
        locality_id: 'a-luoi',
        is_commune: 0,
        entry_json: JSON.stringify(entry),
        updated_at: '',
      })
      .execute();
  }
  // The finance office asked for single messages; the services centre for the digest.
  await setNotifyMode(db, FINANCE.id, 'single');
  await setNotifyMode(db, AGRI_SERVICES.id, 'digest');
  await setNonCriticalReminders(db, LABOUR.focalPoints[0]!.email, false);
});

afterAll(async () => {
  await db?.destroy();
});

const everybody = [AGRICULTURE, AGRI_SERVICES, FINANCE, LABOUR].flatMap((a) => [
  a.head.email,
  ...a.focalPoints.map((p) => p.email),
]);
const held = async (kind: StepKind, delivery?: 'digest' | 'single') =>
  Object.fromEntries(await heldRecipients(db, kind, [...everybody, SUPERVISOR.email], delivery));

describe('who reads a message in the digest', () => {
  it('under the budget: everybody but people of an agency that chose single messages', async () => {
    for (const kind of ['overdue', 'accepted', 'returned', 'contribution-request'] as const) {
      expect(await held(kind, 'digest'), kind).toEqual({
        [AGRICULTURE.head.email]: 'digest',
        [AGRICULTURE.focalPoints[0]!.email]: 'digest',
        [AGRI_SERVICES.head.email]: 'digest',
        [AGRI_SERVICES.focalPoints[0]!.email]: 'digest',
        [LABOUR.head.email]: 'digest',
        [LABOUR.focalPoints[0]!.email]: 'digest',
        [SUPERVISOR.email]: 'digest',
      });
    }
  });

  it('under the budget: a reminder is not read at all by who opted out of reminders', async () => {
    expect((await held('reminder', 'digest'))[LABOUR.focalPoints[0]!.email]).toBe('opted-out');
  });

  it('escalations and manual urges go out singly, budget or not', async () => {
    for (const kind of ['escalation', 'urge-now'] as const) {
      expect(await held(kind, 'digest'), kind).toEqual({});
    }
  });

  it('without the budget, only the agency that chose the digest reads in it, as before', async () => {
    expect(await held('overdue')).toEqual({
      [AGRI_SERVICES.head.email]: 'digest',
      [AGRI_SERVICES.focalPoints[0]!.email]: 'digest',
    });
    expect(await held('accepted', 'single')).toEqual({});
  });
});

describe('the digest of what happened since the last one', () => {
  const now = localInstant(2026, 6, 16, 8, 30);
  const duty = { period: '2026', link: 'http://x/1', leadName: AGRICULTURE.name };
  const mail = renderDigest({
    recipientName: AGRICULTURE.head.name,
    agencyName: AGRICULTURE.name,
    nowMs: now,
    items: [
      {
        title: 'Báo cáo 6 tháng',
        period: '2026',
        dueAt: new Date(localInstant(2026, 6, 20)).toISOString(),
        role: 'lead',
        link: 'http://x/2',
      },
    ],
    news: [
      {
        ...duty,
        kind: 'contribution-overdue',
        title: 'Kế hoạch năm',
        dueAt: new Date(localInstant(2026, 6, 15)).toISOString(),
        missing: [AGRI_SERVICES.name, FINANCE.name],
      },
      {
        ...duty,
        kind: 'returned',
        title: 'Danh sách hộ nghèo',
        dueAt: new Date(localInstant(2026, 6, 26)).toISOString(),
        comment: 'Thiếu số liệu xã Hồng Kim',
      },
    ],
  });

  it('counts what is new in the subject, beside what is due', () => {
    expect(mail.subject).toBe(
      `[Tổng hợp nhắc việc] ${AGRICULTURE.name}: 1 nhiệm vụ sắp đến hạn, 2 thông tin mới – 16/06/2026`,
    );
  });

  it('lists decisions first, then lapses, each with what to do', () => {
    const news = mail.text.slice(
      mail.text.indexOf('Thông tin mới:'),
      mail.text.indexOf('Sắp đến hạn:'),
    );
    expect(news).toContain(
      'Danh sách hộ nghèo (2026) – sản phẩm bị trả lại, nộp lại trước ngày 26/06/2026 (còn 10 ngày): “Thiếu số liệu xã Hồng Kim”',
    );
    expect(news).toContain(
      `Kế hoạch năm (2026) – hết hạn gửi nội dung phối hợp (trước ngày 15/06/2026), chưa gửi: ${AGRI_SERVICES.name}, ${FINANCE.name}`,
    );
    expect(news.indexOf('Danh sách hộ nghèo')).toBeLessThan(news.indexOf('Kế hoạch năm'));
  });

  it('speaks English to who asked for it', () => {
    const en = renderDigest({
      recipientName: 'Ms A',
      agencyName: 'Agriculture office',
      nowMs: now,
      items: [],
      news: [
        {
          ...duty,
          kind: 'contribution-request',
          title: 'Annual plan',
          dueAt: new Date(localInstant(2026, 6, 25)).toISOString(),
        },
      ],
      lang: 'en',
    });
    expect(en.subject).toBe('[Daily digest] Agriculture office: 1 new – 16/06/2026');
    expect(en.text).toContain(
      `Annual plan (2026) – ${AGRICULTURE.name} asks for your contribution before 25/06/2026 (9 days left)`,
    );
  });
});

describe('the single messages of an agency that chose them under the budget', () => {
  const duty = {
    workflowId: 'duty:171-KH-UBND:2:2026',
    title: 'Dự án 2: Đa dạng hóa sinh kế',
    product: 'Kế hoạch đăng ký vốn',
    dueAt: new Date(localInstant(2026, 6, 20)).toISOString(),
    leadName: AGRICULTURE.name,
    standingName: LABOUR.name,
    supervisorTitle: 'Chủ tịch UBND huyện',
    contributionDueAt: new Date(localInstant(2026, 6, 15)).toISOString(),
  };
  const mail = (kind: 'contribution-request' | 'contribution-overdue', extra = {}) =>
    renderEmail({
      kind,
      duty: { ...duty, ...extra },
      recipientName: 'Giám đốc',
      role: 'to',
      nowMs: localInstant(2026, 6, 1, 8),
      link: 'http://x/1',
    });

  it('asks a coordinating agency for its contribution by its own date', () => {
    const m = mail('contribution-request', { contributorId: AGRI_SERVICES.id });
    expect(m.subject).toBe('[Đề nghị phối hợp] Dự án 2: Đa dạng hóa sinh kế – Hạn: 14/06/2026');
    expect(m.text).toContain(
      `${AGRICULTURE.name} chủ trì nhiệm vụ này; đề nghị quý cơ quan phối hợp, gửi nội dung phối hợp trước ngày 15/06/2026 (còn 14 ngày).`,
    );
  });

  it('tells the lead which agencies have not contributed', () => {
    const m = mail('contribution-overdue', {
      pendingContributors: [AGRI_SERVICES.name, FINANCE.name],
    });
    expect(m.text).toContain(`các cơ quan sau chưa gửi: ${AGRI_SERVICES.name}, ${FINANCE.name}.`);
  });
});
