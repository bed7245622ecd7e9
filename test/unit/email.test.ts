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
    expect(mail.subject).toBe('[Nhắc việc] Dự án 2: Đa dạng hóa sinh kế – trước ngày 20/06/2026');
    expect(mail.text).toContain('Kính gửi: Trưởng phòng NN&PTNT,');
    expect(mail.text).toContain('Sản phẩm: Kế hoạch đăng ký vốn');
    expect(mail.text).toContain('Thời hạn: trước ngày 20/06/2026 (còn 8 ngày)');
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
      '[Overdue] Dự án 2: Đa dạng hóa sinh kế – before 20/06/2026 (copy for information)',
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
    expect(withLink.html).toContain('<a href="http://x/actions/abc">');
    expect(renderEmail(base).text).not.toContain('/actions/');
  });
});
