import { describe, expect, it } from 'vitest';
import { deadlinePhrase, renderEmail, timeLeftPhrase } from '../../domain/email.ts';
import { localInstant } from '../../domain/local-time.ts';

const duty = {
  workflowId: 'duty:171-KH-UBND:2:2026',
  title: 'Dự án 2: Đa dạng hóa sinh kế',
  product: 'Kế hoạch đăng ký vốn',
  dueAt: new Date(localInstant(2026, 6, 20)).toISOString(),
  leadName: 'Phòng Nông nghiệp và Phát triển nông thôn',
  standingName: 'Phòng Lao động - Thương binh và Xã hội',
  supervisorTitle: 'Chủ tịch UBND huyện',
};

describe('email wording', () => {
  it('reads "before" deadlines the way the plan writes them', () => {
    expect(deadlinePhrase(localInstant(2026, 6, 20), 'vi')).toBe('trước ngày 20/06/2026');
    expect(deadlinePhrase(localInstant(2026, 6, 20, 17), 'vi')).toBe('trước 17:00 20/06/2026');
  });

  it('counts days left and days overdue in local days', () => {
    const due = localInstant(2026, 6, 20);
    expect(timeLeftPhrase(due, localInstant(2026, 6, 13, 8), 'vi')).toBe('còn 7 ngày');
    // The last allowed day of "before 20/6" is 19/6.
    expect(timeLeftPhrase(due, localInstant(2026, 6, 19, 8), 'vi')).toBe('hết hạn trong hôm nay');
    expect(timeLeftPhrase(due, localInstant(2026, 6, 18, 8), 'en')).toBe('2 days left');
    // "before 20/6": on the morning of 20/6 the duty is one day late.
    expect(timeLeftPhrase(due, localInstant(2026, 6, 20, 8), 'vi')).toBe('đã quá hạn 1 ngày');
    expect(timeLeftPhrase(due, localInstant(2026, 6, 22, 8), 'en')).toBe('3 days overdue');
  });

  it('writes a Vietnamese reminder naming duty, product, deadline and a link', () => {
    const mail = renderEmail({
      kind: 'reminder',
      duty,
      recipientName: 'Trưởng phòng NN&PTNT',
      role: 'to',
      nowMs: localInstant(2026, 6, 12, 8),
      link: 'http://localhost:3000/duties/duty%3A171',
    });
    // "trước ngày 20/6": the last day allowed is the 19th, and that is the date people read.
    expect(mail.subject).toBe('[Nhắc việc] Dự án 2: Đa dạng hóa sinh kế – Hạn: 19/06/2026');
    expect(mail.text).toContain('Kính gửi: Trưởng phòng NN&PTNT,');
    expect(mail.text).toContain('Sản phẩm: Kế hoạch đăng ký vốn');
    expect(mail.text).toContain('Thời hạn: Hạn: 19/06/2026 – còn 8 ngày');
    expect(mail.text).toContain('http://localhost:3000/duties/duty%3A171');
    expect(mail.html).toContain('Trưởng phòng NN&#38;PTNT');
  });

  it('marks copies and writes English for recipients who asked for it', () => {
    const mail = renderEmail({
      kind: 'overdue',
      duty,
      recipientName: 'Head of labour office',
      role: 'cc',
      nowMs: localInstant(2026, 6, 22, 8),
      link: 'http://x',
      lang: 'en',
    });
    expect(mail.subject).toBe(
      '[Overdue] Dự án 2: Đa dạng hóa sinh kế – Due: 19/06/2026 (copy for information)',
    );
    expect(mail.text).toContain('3 days overdue');
  });
});

describe('one-click acknowledgement', () => {
  it('carries the signed link in text and HTML when given, and nothing when not', async () => {
    const { renderEmail } = await import('../../domain/email.ts');
    const base = {
      kind: 'reminder' as const,
      duty: {
        workflowId: 'duty:p:1:2026',
        title: 'Báo cáo 6 tháng',
        product: 'Báo cáo',
        dueAt: '2026-06-19T17:00:00.000Z',
        leadName: 'Phòng Y tế',
        standingName: 'Phòng LĐ-TB&XH',
        supervisorTitle: 'Chủ tịch UBND huyện',
      },
      recipientName: 'Trưởng phòng',
      role: 'to' as const,
      nowMs: Date.parse('2026-06-12T01:00:00Z'),
      link: 'http://x/duties/1',
    };
    const withLink = renderEmail({ ...base, acknowledgeLink: 'http://x/actions/abc' });
    expect(withLink.text).toContain('Xác nhận đã tiếp nhận nhiệm vụ: http://x/actions/abc');
    expect(withLink.html).toMatch(/<a href="http:\/\/x\/actions\/abc"[^>]*>Xác nhận đã tiếp nhận/);
    expect(renderEmail(base).text).not.toContain('/actions/');
  });
});

describe('messages people act on', () => {
  const full = {
    ...duty,
    planNumber: '171/KH-UBND',
    period: '2026-H1',
    timePhrase: 'trước ngày 20/6 hàng năm',
    contact: { name: 'Chuyên viên giảm nghèo', email: 'giam-ngheo@ldtbxh.a-luoi.example' },
  };

  it("names the plan's number and year, the deadline in its words and whom to ask", () => {
    const mail = renderEmail({
      kind: 'reminder',
      duty: full,
      recipientName: 'Trưởng phòng NN&PTNT',
      role: 'to',
      nowMs: localInstant(2026, 6, 12, 8),
      link: 'http://x/duties/1',
    });
    expect(mail.subject).toBe(
      '[Nhắc việc] 171/KH-UBND năm 2026: Dự án 2: Đa dạng hóa sinh kế – Hạn: 19/06/2026',
    );
    expect(mail.text).toContain('Kế hoạch: 171/KH-UBND năm 2026');
    expect(mail.text).toContain(
      'Thời hạn: Hạn: 19/06/2026 (theo kế hoạch: trước ngày 20/6 hàng năm) – còn 8 ngày',
    );
    expect(mail.text).toContain(
      'Liên hệ: Chuyên viên giảm nghèo, Phòng Lao động - Thương binh và Xã hội – giam-ngheo@ldtbxh.a-luoi.example',
    );
    // The same facts in the HTML part, and the action as a button.
    expect(mail.html).toContain('171/KH-UBND năm 2026');
    expect(mail.html).toContain('giam-ngheo@ldtbxh.a-luoi.example');
    expect(mail.html).toMatch(/<a href="http:\/\/x\/duties\/1"[^>]*>Xem và xử lý nhiệm vụ<\/a>/);
  });

  it('says how many days late an urge after the deadline is, not "before" a past date', () => {
    const mail = renderEmail({
      kind: 'urge-now',
      duty: full,
      recipientName: 'Trưởng phòng',
      role: 'to',
      nowMs: localInstant(2026, 6, 24, 9),
      link: 'http://x',
    });
    expect(mail.text).toContain('nhiệm vụ đã quá hạn 5 ngày');
    expect(mail.text).not.toMatch(/nộp sản phẩm trước ngày/);
  });

  it('words the notices of a submission, an acceptance and extension decisions', () => {
    const at = (kind: 'submitted' | 'accepted' | 'extension-granted' | 'extension-refused') =>
      renderEmail({
        kind,
        duty: full,
        recipientName: 'Người nhận',
        role: 'to',
        nowMs: localInstant(2026, 6, 10, 9),
        link: 'http://x',
        note: 'Đồng ý',
      });
    expect(at('submitted').subject).toMatch(/^\[Đã nộp sản phẩm\] 171\/KH-UBND năm 2026/);
    expect(at('submitted').text).toContain('đã nộp sản phẩm; đề nghị Phòng Lao động');
    expect(at('accepted').text).toContain('đã chấp nhận sản phẩm');
    expect(at('extension-granted').text).toContain('đồng ý gia hạn; thời hạn mới');
    expect(at('extension-refused').text).toContain('không đồng ý gia hạn');
    expect(at('extension-refused').text).toContain('Ý kiến: “Đồng ý”');
  });
});
