// The one message a lead agency gets when a year starts after its deadlines and the past is
// recorded as history (domain/email.ts, renderPastDueSummary).
import { describe, expect, it } from 'vitest';
import { renderPastDueSummary, type PastDueSummaryInput } from '../../domain/email.ts';
import { localInstant } from '../../domain/local-time.ts';

const input: PastDueSummaryInput = {
  planNumber: '171/KH-UBND',
  year: 2025,
  agencyName: 'Phòng Nông nghiệp và Phát triển nông thôn',
  recipientName: 'Trưởng phòng NN&PTNT',
  standingName: 'Phòng Lao động - Thương binh và Xã hội',
  contact: { name: 'Chuyên viên giảm nghèo', email: 'giam-ngheo@ldtbxh.a-luoi.example' },
  startedAt: localInstant(2025, 9, 15, 10),
  duties: [
    {
      title: 'Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
      product: 'Kế hoạch đăng ký vốn',
      dueAt: new Date(localInstant(2025, 4, 1)).toISOString(),
      timePhrase: 'Quý I hàng năm',
      link: 'http://duties.test/duties/duty%3A171-KH-UBND%3A2%3A2025',
    },
    {
      title: 'Báo cáo 6 tháng <kết quả>',
      product: 'Báo cáo',
      dueAt: new Date(localInstant(2025, 6, 20)).toISOString(),
      link: 'http://duties.test/duties/duty%3A171-KH-UBND%3ABC-6T%3A2025',
    },
  ],
  escalation: { at: localInstant(2025, 9, 25, 10), to: 'Chủ tịch UBND huyện' },
};

describe('the summary of past-due duties', () => {
  it('names the plan, its year and the agency in Vietnamese, and lists every duty with its deadline', () => {
    const mail = renderPastDueSummary(input);
    expect(mail.subject).toBe(
      '[Tổng hợp nhiệm vụ quá hạn] 171/KH-UBND năm 2025: 2 nhiệm vụ do Phòng Nông nghiệp và Phát triển nông thôn chủ trì',
    );
    expect(mail.text).toContain('Kính gửi: Trưởng phòng NN&PTNT,');
    expect(mail.text).toContain('được khởi động ngày 15/09/2025');
    // "by Q1" allows 31/3; "before 20/6" allows 19/6; days late counted to the start.
    expect(mail.text).toContain(
      '1. Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo\n   Sản phẩm: Kế hoạch đăng ký vốn\n   Hạn: 31/03/2025 (theo kế hoạch: Quý I hàng năm) – đã quá hạn 168 ngày\n   Xem và xử lý nhiệm vụ: http://duties.test/duties/duty%3A171-KH-UBND%3A2%3A2025',
    );
    expect(mail.text).toContain('Hạn: 19/06/2025 – đã quá hạn 88 ngày');
    expect(mail.text).toContain(
      'Nhiệm vụ chưa nộp sản phẩm đến ngày 25/09/2025 sẽ được báo cáo Chủ tịch UBND huyện.',
    );
    expect(mail.text).toContain(
      'Liên hệ: Chuyên viên giảm nghèo, Phòng Lao động - Thương binh và Xã hội – giam-ngheo@ldtbxh.a-luoi.example',
    );
    expect(mail.html).toContain('<html lang="vi">');
    expect(mail.html).toContain('Báo cáo 6 tháng &#60;kết quả&#62;');
    expect(mail.html).not.toContain('<kết quả>');
  });

  it('writes English for a contact who reads it, and one duty in the singular', () => {
    const mail = renderPastDueSummary({
      ...input,
      lang: 'en',
      duties: input.duties.slice(1),
      escalation: undefined,
    });
    expect(mail.subject).toBe(
      '[Overdue duties] 171/KH-UBND 2025: 1 duty led by Phòng Nông nghiệp và Phát triển nông thôn',
    );
    expect(mail.text).toContain('Due: 19/06/2025 – 88 days overdue');
    expect(mail.text).not.toContain('will be reported');
  });
});
