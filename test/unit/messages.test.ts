// The message catalogue and the edges that render it: every coded message exists in both
// languages, and a refusal reaches a Vietnamese reader in Vietnamese, with its stable code.
import { describe, expect, it } from 'vitest';
import { z, type ZodError } from 'zod';
import { HttpError, toHttpError } from '../../api/errors.ts';
import { PlanDefinition } from '../../common/plan-schema.ts';
import { MESSAGES, type MessageCode } from '../../i18n/index.ts';
import { readDirectory, readPlanDefinition } from '../../plans/definition.ts';
import { ImportError, issue } from '../../plans/errors.ts';

/** A Vietnamese letter with a diacritic: a text without one is not Vietnamese. */
const VIETNAMESE = /[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]/i;

/**
 * Vietnamese words pages use that carry no diacritic ("Trang sau", "Xem", "Th. 3"): a text
 * made only of them is Vietnamese too.
 */
const PLAIN_VIETNAMESE = new Set(['trang', 'sau', 'xem', 'th']);
const readsVietnamese = (text: string) =>
  VIETNAMESE.test(text) ||
  ((text.match(/\p{L}+/gu) ?? []).length > 0 &&
    (text.match(/\p{L}+/gu) ?? []).every((w) => PLAIN_VIETNAMESE.has(w.toLowerCase())));
/** A format with no words at all ("7 (7)", "7/7"): the same in both languages. */
const wordless = (text: string) => !/\p{L}{2,}/u.test(text);

/** Parameters for any message: every one a short string that reads as a number or a word. */
const anyParams = new Proxy({}, { get: () => '7' });

function answer(err: unknown, lang: 'vi' | 'en') {
  const http = toHttpError(err, lang);
  return {
    status: http.status,
    code: http.code,
    message: http.message,
    details: http.details as { at?: string; path?: string; code?: string; message: string }[],
  };
}

describe('the catalogue', () => {
  const codes = Object.keys(MESSAGES) as MessageCode[];

  it('holds the codes of every area', () => {
    expect(codes.length).toBeGreaterThan(50);
    expect(codes).toEqual(expect.arrayContaining(['validation.too-small', 'http.invalid-json']));
  });

  it.each(codes)('%s: Vietnamese with diacritics, English, and not the same text', (code) => {
    const m = MESSAGES[code] as { vi: (p: object) => string; en: (p: object) => string };
    const vi = m.vi(anyParams);
    const en = m.en(anyParams);
    expect(vi.trim(), 'vi').not.toBe('');
    expect(en.trim(), 'en').not.toBe('');
    if (wordless(vi)) {
      expect(en, 'a format without words is one in both languages').toBe(vi);
      return;
    }
    expect(vi, 'vi differs from en').not.toBe(en);
    expect(readsVietnamese(vi), `vi reads Vietnamese: ${vi}`).toBe(true);
  });
});

describe('request validation in the reader’s language', () => {
  const Body = z.object({ planId: z.string().min(1), year: z.int().min(2000) });
  const failed = Body.safeParse({ planId: '', year: 'x' }).error as ZodError;

  it('answers Vietnamese: each issue by its path, zod’s code and zod’s Vietnamese wording', () => {
    const vi = answer(failed, 'vi');
    expect(vi.status).toBe(400);
    expect(vi.code).toBe('invalid_input');
    expect(vi.message).toMatch(/^Dữ liệu không hợp lệ: planId: /);
    expect(vi.details).toEqual([
      { path: 'planId', code: 'too_small', message: 'Quá nhỏ: mong đợi string có >=1 ký tự' },
      {
        path: 'year',
        code: 'invalid_type',
        message: 'Đầu vào không hợp lệ: mong đợi số, nhận được string',
      },
    ]);
  });

  it('answers English when asked, with the same codes', () => {
    const en = answer(failed, 'en');
    expect(en.message).toMatch(/^Invalid input: planId: Too small/);
    expect(en.details.map((d) => d.code)).toEqual(['too_small', 'invalid_type']);
    expect(en.details[1]?.message).toBe('Invalid input: expected number, received string');
  });

  it('words a shared schema’s own refinement by its catalogue code', () => {
    const plan = PlanDefinition.safeParse({ period: { from: 2025, to: 2021 } }).error as ZodError;
    const period = answer(plan, 'vi').details.find((d) => d.path === 'period');
    expect(period).toEqual({
      path: 'period',
      code: 'validation.period-order',
      message: 'Năm kết thúc giai đoạn không được trước năm bắt đầu',
    });
    expect(answer(plan, 'en').details.find((d) => d.path === 'period')?.message).toBe(
      'the period must not end before it starts',
    );
  });
});

describe('plan and directory files', () => {
  const refusal = (read: () => unknown): ImportError => {
    try {
      read();
    } catch (err) {
      if (err instanceof ImportError) return err;
      throw err;
    }
    throw new Error('the file was accepted');
  };

  it('a directory with wrong fields: coded issues, Vietnamese by path', () => {
    const err = refusal(() =>
      readDirectory(JSON.stringify({ localities: [{ id: 'x' }], agencies: 3 }), 'json'),
    );
    expect(err.code).toBe('definition.directory.has-errors');
    const vi = answer(err, 'vi');
    expect(vi.code).toBe('import_refused');
    expect(vi.message).toMatch(/^Tệp danh bạ có lỗi: /);
    expect(vi.details.every((d) => d.code?.startsWith('validation.'))).toBe(true);
    expect(vi.details.map((d) => d.at)).toEqual(expect.arrayContaining(['agencies']));
    for (const d of vi.details) expect(d.message).toMatch(VIETNAMESE);
    expect(answer(err, 'en').message).toMatch(/^The directory file has errors: /);
  });

  it('a YAML file that is not YAML: where the parser stopped, in Vietnamese', () => {
    const err = refusal(() => readPlanDefinition('id: a\n  - b\n title: x', 'yaml'));
    expect(err.code).toBe('definition.plan.not-yaml');
    const vi = answer(err, 'vi');
    expect(vi.message).toMatch(
      /^Tệp kế hoạch không đúng định dạng YAML: tệp: Sai cú pháp YAML ở dòng \d+, cột \d+/,
    );
    expect(vi.details[0]?.code).toBe('definition.syntax');
    expect(answer(err, 'en').message).toMatch(/^The plan file is not valid YAML: file: /);
  });

  it('a JSON file cut short', () => {
    const err = refusal(() => readDirectory('{"localities": [', 'json'));
    expect(answer(err, 'vi').details[0]?.message).toBe(
      'Sai cú pháp JSON: nội dung dừng giữa chừng',
    );
  });

  it('a repeated STT in a plan file names both places', () => {
    const plan = {
      duties: [
        { ref: '1', content: 'a', lead: 'b', product: 'c', time: 'Hàng năm' },
        { ref: '1', content: 'a', lead: 'b', product: 'c', time: 'Hàng năm' },
      ],
    };
    const err = refusal(() => readPlanDefinition(JSON.stringify(plan), 'json'));
    const twice = answer(err, 'vi').details.find((d) => d.code === 'validation.ref-twice');
    expect(twice).toMatchObject({
      at: 'duties.1.ref',
      message: 'STT 1 xuất hiện hai lần (duties.0 và duties.1)',
    });
  });
});

describe('import issues and HTTP errors', () => {
  it('an import refusal: the summary and each issue in the reader’s language', () => {
    const err = new ImportError(
      'No plan chosen',
      [
        issue('definition.choose-plan', {}, { field: 'planId' }),
        { at: 'row 3', message: 'an issue not coded yet' },
      ],
      'definition.no-plan-chosen',
    );
    const vi = answer(err, 'vi');
    expect(vi.message).toBe(
      'Chưa chọn kế hoạch: planId: Hãy chọn kế hoạch mà bảng phân công thuộc về; row 3: an issue not coded yet',
    );
    expect(vi.details).toEqual([
      {
        at: 'planId',
        code: 'definition.choose-plan',
        message: 'Hãy chọn kế hoạch mà bảng phân công thuộc về',
        severity: 'error',
      },
      { at: 'row 3', message: 'an issue not coded yet', severity: 'error' },
    ]);
    expect(answer(err, 'en').message).toBe(
      'No plan chosen: planId: choose the plan; row 3: an issue not coded yet',
    );
  });

  it('coded HTTP errors keep their stable code and speak the reader’s language', () => {
    const notJson = Object.assign(new SyntaxError('Unexpected token'), { body: '{' });
    expect(answer(notJson, 'vi')).toMatchObject({
      status: 400,
      code: 'invalid_json',
      message: 'Nội dung yêu cầu không phải JSON hợp lệ',
    });
    expect(answer(notJson, 'en').message).toBe('The request body is not valid JSON');
    const tooLarge = Object.assign(new Error('request entity too large'), { status: 413 });
    expect(answer(tooLarge, 'vi')).toMatchObject({
      code: 'too_large',
      message: 'Nội dung yêu cầu quá lớn',
    });
    expect(answer(new Error('boom'), 'vi')).toMatchObject({
      status: 500,
      code: 'internal',
      message: 'Hệ thống gặp lỗi. Vui lòng thử lại sau.',
    });
    const missing = HttpError.coded(404, 'not_found', 'http.no-route', {
      method: 'GET',
      path: '/x',
    });
    expect(missing.message).toBe('No route for GET /x');
    expect(answer(missing, 'vi').message).toBe('Không có đường dẫn GET /x');
  });
});
