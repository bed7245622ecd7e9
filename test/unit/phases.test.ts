import { describe, expect, it } from 'vitest';
import { phaseOf } from '../../domain/phases.ts';

describe('cycle phase of a plan duty', () => {
  it.each([
    ['Báo cáo 6 tháng', 'Báo cáo gửi UBND huyện', 'reports'],
    [
      'Dự án 2: Đa dạng hóa sinh kế',
      'Hàng năm: Xây dựng Kế hoạch đăng ký vốn và các hoạt động của tiểu dự án',
      'capital-registration',
    ],
    [
      'Dự án 1',
      'Hàng năm: Xây dựng danh mục dự án/công trình thuộc Dự án 1',
      'capital-registration',
    ],
    ['Xây dựng Kế hoạch thực hiện', 'Kế hoạch thực hiện của xã', 'implementation-plans'],
    ['Cam kết giải ngân vốn', 'Kế hoạch thực hiện theo từng tháng', 'disbursement-commitment'],
    ['Tuyên truyền', 'Hội nghị', 'other'],
  ])('%s / %s → %s', (content, product, phase) => {
    expect(phaseOf({ content, product })).toBe(phase);
  });
});
