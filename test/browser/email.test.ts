// The emails people act on, read as a mail program shows them: the HTML part rendered in
// Chromium (at a phone's width too) says the same as the text part — plan number and year, the
// deadline in one wording with the plan's words, whom to contact — and its buttons lead where
// the text's links do.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { renderEmail, type RenderInput } from '../../domain/email.ts';
import { localInstant } from '../../domain/local-time.ts';
import { launchChromium, screenshot } from '../support/browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const input: RenderInput = {
  kind: 'reminder',
  duty: {
    workflowId: 'duty:a-luoi-171-2022:2:2026',
    title: 'Dự án 2: Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo',
    product: 'Kế hoạch đăng ký vốn và kế hoạch thực hiện theo từng tháng',
    dueAt: new Date(localInstant(2026, 6, 20)).toISOString(),
    leadName: 'Phòng Nông nghiệp và Phát triển nông thôn',
    standingName: 'Phòng Lao động - Thương binh và Xã hội',
    supervisorTitle: 'Chủ tịch UBND huyện',
    planNumber: '171/KH-UBND',
    period: '2026',
    timePhrase: 'trước ngày 20/6 hàng năm',
    contact: { name: 'Chuyên viên giảm nghèo', email: 'giam-ngheo@ldtbxh.a-luoi.example' },
  },
  recipientName: 'Trưởng phòng NN&PTNT',
  role: 'to',
  nowMs: localInstant(2026, 6, 13, 8),
  link: 'http://duties.example/duties/duty%3Aa-luoi-171-2022%3A2%3A2026',
  acknowledgeLink: 'http://duties.example/actions/abc',
};

describe('an email in the browser and as text', () => {
  for (const width of [1024, 390]) {
    it(`reads the same facts in HTML at ${width} px as in the text part`, async () => {
      const mail = renderEmail(input);
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      try {
        await page.setContent(mail.html);
        const seen = (await page.locator('body').innerText()).replace(/\s+/g, ' ');
        for (const fact of [
          'Kế hoạch 171/KH-UBND năm 2026',
          'Hạn: 19/06/2026 (theo kế hoạch: trước ngày 20/6 hàng năm)',
          'còn 7 ngày',
          'Chuyên viên giảm nghèo, Phòng Lao động - Thương binh và Xã hội – giam-ngheo@ldtbxh.a-luoi.example',
        ]) {
          expect(seen).toContain(fact);
          expect(mail.text.replace(/\s+/g, ' ')).toContain(
            fact.replace('Kế hoạch 171', 'Kế hoạch: 171'),
          );
        }
        const open = page.getByRole('link', { name: 'Xem và xử lý nhiệm vụ' });
        expect(await open.getAttribute('href')).toBe(input.link);
        const ack = page.getByRole('link', { name: 'Xác nhận đã tiếp nhận nhiệm vụ' });
        expect(await ack.getAttribute('href')).toBe(input.acknowledgeLink);
        // A button a thumb can press, and nothing wider than the phone.
        const box = await open.boundingBox();
        expect(box?.height ?? 0).toBeGreaterThanOrEqual(36);
        const scroll = await page.evaluate('document.documentElement.scrollWidth');
        expect(Number(scroll)).toBeLessThanOrEqual(width);
        expect(mail.text).toContain(`Xem và xử lý nhiệm vụ: ${input.link}`);
        await screenshot(page, `email-reminder-${width}`);
      } finally {
        await page.close();
      }
    });
  }
});
